package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Issue #20's scale curve: the per-operation cost of a few operations as the store they touch grows to the
 * issue's sizes — SQS queues (to 100,000), objects in one S3 bucket (to 1,000,000), items in one DynamoDB table
 * (to 1,000,000) and VPC subnets (to 10,000; EC2's query API over the benchmarks' own connections rather than the SDK). Each store gets a fresh Gureum child ({@code @docker/jvm.options}
 * and {@code -Xmx2g}); every measured operation first runs unmeasured for {@code --warmup} seconds on the empty
 * store (the JIT's share stays out of the first size); then for each size the store is filled up to it and each
 * operation runs from 16 SDK threads (2 s more warm-up, {@code --measure} s measured), printing ops/s, the
 * server's CPU ms per operation, its ratio to the first size and the child's RSS.
 *
 * <p>Filling goes through the real API over 16 keep-alive connections of pre-built requests (as {@link CpuPerOp}
 * sends them, not the SDK, whose client-side cost would dominate): CreateQueue; PutObject of {@code
 * --object-bytes} (default 100) under {@code o/}; BatchWriteItem of 25 items (a key and one string attribute);
 * CreateSubnet of /28 blocks in VPCs of a /16 each (4,096 subnets a VPC). The fill time of each step is printed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.Scale [--jar docker/target/gureum.jar |
 *     --classpath CP] [--stores sqs,s3,ddb,subnets] [--sizes 0,1000,10000,100000,1000000] [--measure 4]
 *     [--warmup 5] [--object-bytes 100] [--xmx 2g]</pre>
 *
 * A size above a store's issue size (100,000 queues, 10,000 subnets) is skipped for that store.
 */
public final class Scale {
    private Scale() {
    }

    /** The operations measured at every size, and where the store's fill goes. */
    record Prepared(ScaleHeap.Filler fill, Map<String, SdkLoad.Op> ops) {
    }

    interface Setup {
        Prepared prepare(URI endpoint, int port, SdkHttpClient http) throws Exception;
    }

    /** A store, its largest size in the issue, and how to set it up. */
    record Dimension(String key, String name, int limit, Setup setup) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String jar = o.getOrDefault("jar", "docker/target/gureum.jar");
        String classPath = o.get("classpath");
        String jvmOptions = o.getOrDefault("jvm-options", "docker/jvm.options");
        int measure = Integer.parseInt(o.getOrDefault("measure", "4"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "5"));
        int objectBytes = Integer.parseInt(o.getOrDefault("object-bytes", "100"));
        List<Integer> sizes = new ArrayList<>();
        for (String s : o.getOrDefault("sizes", "0,1000,10000,100000,1000000").split(",")) {
            sizes.add(Integer.parseInt(s));
        }
        List<String> stores = List.of(o.getOrDefault("stores", "sqs,s3,ddb,subnets").split(","));
        System.out.println("Scale: " + Stats.machine());
        List<String> lines = new ArrayList<>();
        for (Dimension d : dimensions(objectBytes)) {
            if (!stores.contains(d.key())) {
                continue;
            }
            List<String> flags = List.of("@" + jvmOptions, "-Xmx" + o.getOrDefault("xmx", "2g"));
            try (ChildJvm gureum = classPath != null
                    ? ChildJvm.startWithClassPath(flags, classPath, "io.gureum.core.Main", List.of("--port", "0"))
                    : ChildJvm.gureumJar(jar, flags)) {
                int port = gureum.awaitPort(120_000);
                long pid = gureum.process.pid();
                URI endpoint = URI.create("http://127.0.0.1:" + port);
                SdkHttpClient http = ApacheHttpClient.builder().maxConnections(16).build();
                Prepared p = d.setup().prepare(endpoint, port, http);
                for (SdkLoad.Op op : p.ops().values()) {
                    run(op, pid, warmup);
                }
                Map<String, Double> firstCpu = new java.util.HashMap<>();
                int have = 0;
                for (int size : sizes) {
                    if (size > d.limit()) {
                        continue;
                    }
                    long t0 = System.nanoTime();
                    int added = Math.max(0, size - have);
                    if (size > have) {
                        p.fill().fill(have, size, 16, port);
                        have = size;
                    }
                    double fillSeconds = (System.nanoTime() - t0) / 1e9;
                    System.out.println(f("%s: %,d (%,d added in %.1f s, %.0f/s), RSS %.0f MiB, load %s", d.name(), size,
                            added, fillSeconds, fillSeconds == 0 ? 0 : added / fillSeconds, gureum.rssMiB(), load()));
                    for (Map.Entry<String, SdkLoad.Op> op : p.ops().entrySet()) {
                        double[] r = run(op.getValue(), pid, measure);
                        if (!Double.isNaN(r[1])) {
                            firstCpu.putIfAbsent(op.getKey(), r[1]); // the first size that completed any
                        }
                        double first = firstCpu.getOrDefault(op.getKey(), Double.NaN);
                        String line = f("| %s | %s | %,d | %,.0f | %.3f | %.2f | %.0f |", d.name(), op.getKey(), size,
                                r[0], r[1], r[1] / first, gureum.rssMiB());
                        System.out.println(line);
                        lines.add(line);
                    }
                }
                http.close();
            }
        }
        System.out.println();
        System.out.println(f("| store | operation (16 threads, %d s) | size | ops/s | server CPU ms/op | CPU ratio to the "
                + "first size | RSS MiB |", measure));
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        lines.forEach(System.out::println);
        System.out.println("load average at the end: " + load());
    }

    static String load() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static List<Dimension> dimensions(int objectBytes) {
        return List.of(
                new Dimension("sqs", "SQS queues", 100_000, (endpoint, port, http) -> {
                    SqsClient sqs = SdkLoad.sqs(endpoint, http);
                    String url = sqs.createQueue(b -> b.queueName("scale-target")).queueUrl();
                    Map<String, SdkLoad.Op> ops = new LinkedHashMap<>();
                    ops.put("SendMessage to one queue", t -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("scale")));
                    ops.put("GetQueueUrl", t -> sqs.getQueueUrl(b -> b.queueName("scale-target")));
                    ops.put("GetQueueAttributes All", t -> sqs.getQueueAttributes(b -> b.queueUrl(url)
                            .attributeNamesWithStrings("All")));
                    return new Prepared(ScaleHeap.filler("sqs", port, objectBytes), ops);
                }),
                new Dimension("s3", "S3 objects in one bucket", 1_000_000, (endpoint, port, http) -> {
                    ScaleHeap.Filler fill = ScaleHeap.filler("s3", port, objectBytes); // creates the bucket
                    S3Client s3 = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true)
                            .region(Region.US_EAST_1).credentialsProvider(credentials()).httpClient(http).build();
                    byte[] kib = new byte[1024];
                    s3.putObject(b -> b.bucket("scale").key("target"), RequestBody.fromBytes(kib));
                    Map<String, SdkLoad.Op> ops = new LinkedHashMap<>();
                    ops.put("PutObject 1 KiB (overwrite)", t -> s3.putObject(b -> b.bucket("scale").key("w" + t),
                            RequestBody.fromBytes(kib)));
                    ops.put("GetObject 1 KiB", t -> s3.getObject(b -> b.bucket("scale").key("target")).close());
                    ops.put("HeadObject", t -> s3.headObject(b -> b.bucket("scale").key("target")));
                    // The first 100 of the grown keys: the same page at every size from 100 on (empty at 0).
                    ops.put("ListObjectsV2 (100 keys under o/)", t -> s3.listObjectsV2(b -> b.bucket("scale")
                            .prefix("o/").maxKeys(100)));
                    return new Prepared(fill, ops);
                }),
                new Dimension("ddb", "DynamoDB items in one table", 1_000_000, (endpoint, port, http) -> {
                    ScaleHeap.Filler fill = ScaleHeap.filler("ddb", port, objectBytes); // creates the table
                    DynamoDbClient ddb = SdkLoad.ddb(endpoint, http);
                    ddb.putItem(b -> b.tableName("scale").item(Map.of("pk", AttributeValue.fromS("target"))));
                    Map<String, SdkLoad.Op> ops = new LinkedHashMap<>();
                    ops.put("PutItem (overwrite)", t -> ddb.putItem(b -> b.tableName("scale").item(Map.of("pk",
                            AttributeValue.fromS("w" + t), "v", AttributeValue.fromS("value")))));
                    ops.put("GetItem", t -> ddb.getItem(b -> b.tableName("scale")
                            .key(Map.of("pk", AttributeValue.fromS("target")))));
                    ops.put("Query (one key)", t -> ddb.query(b -> b.tableName("scale").keyConditionExpression("pk = :k")
                            .expressionAttributeValues(Map.of(":k", AttributeValue.fromS("target")))));
                    return new Prepared(fill, ops);
                }),
                new Dimension("subnets", "VPC subnets", 10_000, (endpoint, port, http) -> {
                    // EC2's query API over the benchmarks' own connections (one a thread): the EC2 SDK would add
                    // ~27 MB to benchmarks.jar, which ColdStart starts servers from.
                    HttpConnection[] conns = new HttpConnection[16];
                    Ec2Call ec2 = (t, query) -> {
                        if (conns[t] == null) {
                            conns[t] = new HttpConnection("127.0.0.1", port);
                            conns[t].keepBody = true;
                        }
                        return ScaleHeap.ec2(conns[t], port, query);
                    };
                    // The target VPC: one /28 subnet per thread and a route table; the churn VPC: create/delete pairs.
                    String target = field(ec2.call(0, "Action=CreateVpc&CidrBlock=10.200.0.0%2F16"), "vpcId");
                    String churn = field(ec2.call(0, "Action=CreateVpc&CidrBlock=10.201.0.0%2F16"), "vpcId");
                    String routeTable = field(ec2.call(0, "Action=CreateRouteTable&VpcId=" + target), "routeTableId");
                    String[] subnets = new String[16];
                    for (int t = 0; t < 16; t++) {
                        subnets[t] = field(ec2.call(0, "Action=CreateSubnet&VpcId=" + target + "&CidrBlock=10.200.0."
                                + (t * 16) + "%2F28"), "subnetId");
                    }
                    Map<String, SdkLoad.Op> ops = new LinkedHashMap<>();
                    ops.put("CreateSubnet + DeleteSubnet", t -> {
                        String id = field(ec2.call(t, "Action=CreateSubnet&VpcId=" + churn + "&CidrBlock=10.201.0."
                                + (t * 16) + "%2F28"), "subnetId");
                        ec2.call(t, "Action=DeleteSubnet&SubnetId=" + id);
                    });
                    ops.put("DescribeSubnets by id", t -> ec2.call(t, "Action=DescribeSubnets&SubnetId.1=" + subnets[t]));
                    ops.put("DescribeSubnets, filter vpc-id (16 subnets)", t -> ec2.call(t,
                            "Action=DescribeSubnets&Filter.1.Name=vpc-id&Filter.1.Value.1=" + target));
                    ops.put("DescribeSubnets, filter cidr-block (1 of all)", t -> ec2.call(t,
                            "Action=DescribeSubnets&Filter.1.Name=cidr-block&Filter.1.Value.1=10.200.0." + (t * 16)
                                    + "%2F28"));
                    ops.put("AssociateRouteTable + DisassociateRouteTable", t -> {
                        String a = field(ec2.call(t, "Action=AssociateRouteTable&RouteTableId=" + routeTable
                                + "&SubnetId=" + subnets[t]), "associationId");
                        ec2.call(t, "Action=DisassociateRouteTable&AssociationId=" + a);
                    });
                    return new Prepared(ScaleHeap.filler("subnets", port, objectBytes), ops);
                }));
    }

    interface Ec2Call {
        /** Sends one EC2 query request (Version added) from thread {@code t}'s connection; the XML answer. */
        String call(int t, String query) throws Exception;
    }

    /** The text of the first {@code <name>} element of an XML answer. */
    static String field(String xml, String name) {
        int from = xml.indexOf("<" + name + ">");
        if (from < 0) {
            throw new IllegalStateException("no " + name + " in " + xml);
        }
        from += name.length() + 2;
        return xml.substring(from, xml.indexOf('<', from));
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
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
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }
}
