package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Issue #20's scale curve: the per-operation cost of a few operations as the store they touch grows —
 * SQS SendMessage among N queues, S3 PutObject 1 KiB and GetObject in a bucket of N objects, DynamoDB
 * PutItem and GetItem in a table of N items. For each size it fills the store up to N (16 threads through
 * the SDK), then measures ops/s and server CPU ms/op of each operation for a few seconds, and prints one
 * table with the ratio to the first (smallest) size.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.Scale [--jar docker/target/gureum.jar]
 *     [--sizes 0,10000,100000] [--measure 5] [--warmup 5]</pre>
 *
 * Every operation first runs unmeasured for {@code --warmup} seconds, so the first size does not pay
 * for the JIT.
 */
public final class Scale {
    private Scale() {
    }

    /** A store, how to grow it by one element, and the operations measured at every size. */
    record Dimension(String name, SdkLoad.Op grow, Map<String, SdkLoad.Op> ops) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String jar = o.getOrDefault("jar", "docker/target/gureum.jar");
        String jvmOptions = o.getOrDefault("jvm-options", "docker/jvm.options");
        int measure = Integer.parseInt(o.getOrDefault("measure", "5"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "5"));
        List<Integer> sizes = new ArrayList<>();
        for (String s : o.getOrDefault("sizes", "0,10000,100000").split(",")) {
            sizes.add(Integer.parseInt(s));
        }
        System.out.println("Scale: " + Stats.machine());
        try (ChildJvm gureum = ChildJvm.gureumJar(jar, List.of("@" + jvmOptions))) {
            int port = gureum.awaitPort(120_000);
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            SdkHttpClient http = ApacheHttpClient.builder().maxConnections(16).build();
            List<Dimension> dims = dimensions(endpoint, http);
            List<String> lines = new ArrayList<>();
            for (Dimension d : dims) {
                for (SdkLoad.Op op : d.ops().values()) {
                    run(op, gureum.process.pid(), warmup); // the JIT's share stays out of the first size
                }
                Map<String, Double> firstCpu = new java.util.HashMap<>();
                long have = 0;
                for (int size : sizes) {
                    long t0 = System.nanoTime();
                    grow(d.grow(), have, size);
                    double fillSeconds = (System.nanoTime() - t0) / 1e9;
                    have = Math.max(have, size);
                    for (Map.Entry<String, SdkLoad.Op> op : d.ops().entrySet()) {
                        double[] r = run(op.getValue(), gureum.process.pid(), measure);
                        double first = firstCpu.computeIfAbsent(op.getKey(), k -> r[1]);
                        String line = f("| %s | %s | %,d | %,.0f | %.3f | %.2f |", d.name(), op.getKey(), size, r[0],
                                r[1], r[1] / first);
                        System.out.println(line + f("  (filled in %.0f s, RSS %.0f MiB)", fillSeconds, gureum.rssMiB()));
                        lines.add(line);
                    }
                }
            }
            System.out.println();
            System.out.println(f("| store | operation (16 threads, %d s) | size | ops/s | server CPU ms/op | CPU ratio to the first size |",
                    measure));
            System.out.println("|---|---|---:|---:|---:|---:|");
            lines.forEach(System.out::println);
        }
    }

    private static List<Dimension> dimensions(URI endpoint, SdkHttpClient http) throws Exception {
        SqsClient sqs = SdkLoad.sqs(endpoint, http);
        String url = sqs.createQueue(b -> b.queueName("scale-target")).queueUrl();
        S3Client s3 = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .httpClient(http).build();
        s3.createBucket(b -> b.bucket("scale"));
        byte[] kib = new byte[1024];
        s3.putObject(b -> b.bucket("scale").key("target"), RequestBody.fromBytes(kib));
        DynamoDbClient ddb = SdkLoad.ddb(endpoint, http);
        SdkLoad.Op ddbPut = DdbItems.put(ddb); // creates the table
        ddb.putItem(b -> b.tableName(DdbItems.TABLE).item(Map.of("pk", AttributeValue.fromS("target"))));
        AtomicLong seq = new AtomicLong();
        java.util.LinkedHashMap<String, SdkLoad.Op> sqsOps = new java.util.LinkedHashMap<>();
        sqsOps.put("SendMessage to one queue", t -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("scale")));
        sqsOps.put("GetQueueUrl", t -> sqs.getQueueUrl(b -> b.queueName("scale-target")));
        java.util.LinkedHashMap<String, SdkLoad.Op> s3Ops = new java.util.LinkedHashMap<>();
        s3Ops.put("PutObject 1 KiB (overwrite)", t -> s3.putObject(b -> b.bucket("scale").key("w" + t),
                RequestBody.fromBytes(kib)));
        s3Ops.put("GetObject 1 KiB", t -> s3.getObject(b -> b.bucket("scale").key("target")).close());
        // The first 100 of the grown keys: the same page at every size from 100 on (empty at 0).
        s3Ops.put("ListObjectsV2 (100 keys under o/)", t -> s3.listObjectsV2(b -> b.bucket("scale")
                .prefix("o/").maxKeys(100)));
        java.util.LinkedHashMap<String, SdkLoad.Op> ddbOps = new java.util.LinkedHashMap<>();
        ddbOps.put("PutItem (overwrite)", ddbPut);
        ddbOps.put("GetItem", t -> ddb.getItem(b -> b.tableName(DdbItems.TABLE)
                .key(Map.of("pk", AttributeValue.fromS("target")))));
        return List.of(
                new Dimension("SQS queues", i -> sqs.createQueue(b -> b.queueName("scale-" + seq.incrementAndGet())),
                        sqsOps),
                new Dimension("S3 objects in one bucket", i -> s3.putObject(b -> b.bucket("scale")
                        .key("o/" + seq.incrementAndGet()), RequestBody.fromBytes(kib)), s3Ops),
                new Dimension("DynamoDB items in one table", i -> ddb.putItem(b -> b.tableName(DdbItems.TABLE)
                        .item(Map.of("pk", AttributeValue.fromS("i" + seq.incrementAndGet())))), ddbOps));
    }

    /** Runs {@code grow} until {@code to} elements exist (16 threads). */
    private static void grow(SdkLoad.Op grow, long have, long to) throws Exception {
        long missing = to - have;
        if (missing <= 0) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicLong left = new AtomicLong(missing);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    grow.run(thread);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    /** ops/s and server CPU ms/op of {@code op} from 16 threads over {@code seconds} (after 2 s of warm-up). */
    private static double[] run(SdkLoad.Op op, long serverPid, int seconds) throws Exception {
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        AtomicLong count = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        long[] cpu = new long[2];
        for (int t = 0; t < 16; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        return null;
                    }
                    op.run(thread);
                    long t1 = System.nanoTime();
                    if (t0 >= warmEnd && t1 <= end) {
                        count.incrementAndGet();
                    }
                }
            }));
        }
        Thread.sleep(Math.max(0, (warmEnd - System.nanoTime()) / 1_000_000));
        cpu[0] = Peers.cpuTicks(serverPid);
        Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        cpu[1] = Peers.cpuTicks(serverPid);
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long n = count.get();
        return new double[] {n / (double) seconds, n == 0 ? Double.NaN : (cpu[1] - cpu[0]) * 10.0 / n};
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }
}
