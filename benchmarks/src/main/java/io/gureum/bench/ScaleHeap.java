package io.gureum.bench;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * Issue #20's memory side of the scale curve, in one JVM: starts Gureum in-process (default configuration, all
 * services), grows one store by N entries through the real API over loopback (plain-socket threads sending
 * pre-built requests, as {@link CpuPerOp} does) and reports the live heap each entry costs: the heap used
 * after full collections before and after the fill, and the classes whose instances grew most (the JVM's
 * class histogram, {@code jcmd GC.class_histogram}, taken in process).
 *
 * <pre>java -Xmx2g -XX:+UseSerialGC -cp docker/target/gureum.jar:benchmarks/target/benchmarks.jar
 *     io.gureum.bench.ScaleHeap sqs|s3|ddb|subnets N [threads 8] [top 25]</pre>
 *
 * Stores: {@code sqs} CreateQueue of N queues; {@code s3} PutObject of N 1 KiB objects in one bucket;
 * {@code ddb} N items of a key and one string attribute in one table, 25 to a BatchWriteItem; {@code subnets}
 * CreateSubnet of N /28 subnets spread over VPCs of a /16 each (4,096 per VPC).
 */
public final class ScaleHeap {
    private ScaleHeap() {
    }

    public static void main(String[] a) throws Exception {
        String store = a[0];
        int n = Integer.parseInt(a[1]);
        int threads = a.length > 2 ? Integer.parseInt(a[2]) : 8;
        int top = a.length > 3 ? Integer.parseInt(a[3]) : 25;
        try (Gureum g = Gureum.start(GureumConfig.builder().host("127.0.0.1").port(0).build())) {
            int port = g.port();
            Filler filler = filler(store, port, 1024);
            // one entry first, so the store's classes, caches and first-use structures are in the "before"
            filler.fill(0, 1, 1, port);
            long before = usedAfterGc();
            Map<String, long[]> h0 = histogram();
            long t0 = System.nanoTime();
            filler.fill(1, n, threads, port);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long after = usedAfterGc();
            Map<String, long[]> h1 = histogram();
            long live0 = h0.values().stream().mapToLong(x -> x[1]).sum();
            long live1 = h1.values().stream().mapToLong(x -> x[1]).sum();
            // The histogram's total is the live objects alone; "used" may keep a few partly filled regions.
            System.out.printf("RESULT store=%s n=%d fill_s=%.1f fill_per_s=%.0f heap_before_mib=%.1f heap_after_mib=%.1f "
                    + "bytes_per_entry=%.0f (used heap: %.0f)%n", store, n, seconds, (n - 1) / seconds,
                    live0 / 1048576.0, live1 / 1048576.0, (live1 - live0) / (double) (n - 1),
                    (after - before) / (double) (n - 1));
            List<Map.Entry<String, long[]>> grown = new ArrayList<>();
            for (Map.Entry<String, long[]> e : h1.entrySet()) {
                long[] was = h0.getOrDefault(e.getKey(), new long[2]);
                grown.add(Map.entry(e.getKey(), new long[] {e.getValue()[0] - was[0], e.getValue()[1] - was[1]}));
            }
            grown.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
            System.out.println("  instances/entry  bytes/entry  class");
            for (Map.Entry<String, long[]> e : grown.subList(0, Math.min(top, grown.size()))) {
                System.out.printf("  %14.2f %12.1f  %s%n", e.getValue()[0] / (double) (n - 1),
                        e.getValue()[1] / (double) (n - 1), e.getKey());
            }
        }
        System.exit(0);
    }

    interface Filler {
        /** Adds entries number {@code from} (inclusive) to {@code to} (exclusive) from {@code threads} threads. */
        void fill(int from, int to, int threads, int port) throws Exception;
    }

    /** Creates the store's container (bucket, table) and returns how to fill it; S3 objects of {@code objectBytes}. */
    static Filler filler(String store, int port, int objectBytes) throws Exception {
        try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
            c.keepBody = true;
            switch (store) {
                case "sqs":
                    return parallel(i -> AwsRequests.createQueue(port, "scale-" + i), 1);
                case "s3": {
                    check(c.exchange(AwsRequests.rest(port, "PUT", "/scale", new byte[0])), c);
                    byte[] data = new byte[objectBytes];
                    return parallel(i -> AwsRequests.rest(port, "PUT", "/scale/o/" + i, data), 1);
                }
                case "ddb": {
                    check(c.exchange(AwsRequests.json(port, "dynamodb", "DynamoDB_20120810.CreateTable",
                            "{\"TableName\":\"scale\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
                                    + "\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":"
                                    + "\"HASH\"}],\"BillingMode\":\"PAY_PER_REQUEST\"}")), c);
                    return batches(ScaleHeap::batchWrite25, 25);
                }
                case "subnets":
                    return subnets(port);
                default:
                    throw new IllegalArgumentException("unknown store " + store);
            }
        }
    }

    /** A BatchWriteItem of items {@code first} to {@code first + 24}. */
    static byte[] batchWrite25(int port, int first, int count) {
        StringBuilder b = new StringBuilder("{\"RequestItems\":{\"scale\":[");
        for (int i = first; i < first + count; i++) {
            if (i > first) {
                b.append(',');
            }
            b.append("{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"i").append(i)
                    .append("\"},\"v\":{\"S\":\"value\"}}}}");
        }
        return AwsRequests.json(port, "dynamodb", "DynamoDB_20120810.BatchWriteItem", b.append("]}}").toString());
    }

    interface Request {
        byte[] of(int i);
    }

    interface BatchRequest {
        byte[] of(int port, int first, int count);
    }

    static Filler parallel(Request r, int perRequest) {
        return batches((port, first, count) -> r.of(first), perRequest);
    }

    /** Sends requests for entries {@code from..to} from {@code threads} connections, {@code perRequest} at a time. */
    static Filler batches(BatchRequest r, int perRequest) {
        return (from, to, threads, port) -> {
            AtomicLong next = new AtomicLong(from);
            List<Thread> ts = new ArrayList<>();
            Exception[] failed = new Exception[1];
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                        c.keepBody = true;
                        while (true) {
                            long i = next.getAndAdd(perRequest);
                            if (i >= to) {
                                return;
                            }
                            int count = (int) Math.min(perRequest, to - i);
                            check(c.exchange(r.of(port, (int) i, count)), c);
                        }
                    } catch (Exception e) {
                        failed[0] = e;
                    }
                });
                ts.add(th);
                th.start();
            }
            for (Thread th : ts) {
                th.join();
            }
            if (failed[0] != null) {
                throw failed[0];
            }
        };
    }

    static final Pattern VPC_ID = Pattern.compile("<vpcId>([^<]+)</vpcId>");

    static String ec2(HttpConnection c, int port, String query) throws Exception {
        check(c.exchange(AwsRequests.query(port, "ec2", query + "&Version=2016-11-15")), c);
        return c.bodyText();
    }

    /** /28 subnets: VPC {@code 10.k.0.0/16} holds subnets 4,096 k to 4,096 k + 4,095. */
    static Filler subnets(int port) {
        Map<Integer, String> vpcs = new HashMap<>();
        return (from, to, threads, p) -> {
            try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                c.keepBody = true;
                for (int k = from / 4096; k <= (to - 1) / 4096; k++) {
                    if (!vpcs.containsKey(k)) {
                        Matcher m = VPC_ID.matcher(ec2(c, port, "Action=CreateVpc&CidrBlock=10." + k + ".0.0%2F16"));
                        m.find();
                        vpcs.put(k, m.group(1));
                    }
                }
            }
            parallel(i -> AwsRequests.query(port, "ec2", "Action=CreateSubnet&Version=2016-11-15&VpcId="
                    + vpcs.get(i / 4096) + "&CidrBlock=10." + (i / 4096) + "." + (i % 4096 / 16) + "."
                    + (i % 16 * 16) + "%2F28"), 1).fill(from, to, threads, p);
        };
    }

    static void check(int status, HttpConnection c) {
        if (status != 200) {
            throw new IllegalStateException("status " + status + ": " + c.bodyText());
        }
    }

    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        var m = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return m.getUsed();
    }

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** Class name to instances and bytes, from the JVM's own class histogram (after a full collection). */
    static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> out = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                out.merge(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                        (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
            }
        }
        return out;
    }
}
