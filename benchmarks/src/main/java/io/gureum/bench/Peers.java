package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue #20: Gureum against the specialised peers, started side by side as child JVMs on 127.0.0.1 —
 * the shaded Gureum jar with the launcher's flags ({@code @docker/jvm.options}), s3proxy 2.6.0 (jclouds'
 * {@code transient} in-memory store), ElasticMQ 1.6.x and a bare Netty server answering canned responses
 * ({@link HelloServer}). For each workload {@link SdkLoad} (AWS SDK for Java v2 sync clients, N connections,
 * closed loop, retries off) runs in its own JVM against Gureum, then against the peer; the server's CPU
 * time over the measured window comes from {@code /proc/PID/stat}. Prints one Markdown table.
 *
 * <p>The peers come from Maven Central through {@code benchmarks/peers/pom.xml} (class path files in
 * {@code benchmarks/target/peers/}); see benchmarks/README.md for the one command.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.Peers [--jar docker/target/gureum.jar]
 *     [--jvm-options docker/jvm.options] [--connections 16] [--warmup 5] [--measure 10] [--only s3-put-1k,…]
 *     [--baseline OLD.jar]</pre>
 *
 * {@code --baseline} also runs every workload against a second Gureum (e.g. built from the commit before a
 * change), just before the current one, for before/after figures from one run.
 */
public final class Peers {
    /** One row of the table: a workload of {@link SdkLoad}, and which peer it is compared with (null: none). */
    record Row(String label, String workload, String peer) {
    }

    static final List<Row> ROWS = List.of(
            new Row("S3 PutObject 1 KiB", "s3-put-1k", "s3proxy"),
            new Row("S3 GetObject 1 MiB", "s3-get-1m", "s3proxy"),
            new Row("S3 GetObject 1 KiB", "s3-get-1k", "s3proxy"),
            new Row("S3 PutObject 1 MiB", "s3-put-1m", "s3proxy"),
            new Row("SQS send → receive(wait 1 s) → delete", "sqs-roundtrip", "elasticmq"),
            new Row("SQS SendMessage", "sqs-send", "elasticmq"),
            new Row("DynamoDB ListTables (peer: bare Netty, canned answer)", "ddb-list-tables", "netty"),
            new Row("`GET /` raw HTTP, no SDK (peer: bare Netty hello)", "root", "netty"),
            new Row("S3 PutObject 1 KiB, the SDK's default CRC32 trailer (ratio: to the row above)",
                    "s3-put-1k-sdk-checksums", null),
            new Row("DynamoDB PutItem (ratio: to Gureum's ListTables)", "ddb-put-item", null),
            new Row("DynamoDB GetItem (ratio: to Gureum's ListTables)", "ddb-get-item", null));

    /** What one load run measured. */
    record Result(double opsPerSecond, double cpuMsPerOp, long errors) {
    }

    private Peers() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String jar = o.getOrDefault("jar", "docker/target/gureum.jar");
        String jvmOptions = o.getOrDefault("jvm-options", "docker/jvm.options");
        Path peersDir = Path.of(o.getOrDefault("peers-dir", "benchmarks/target/peers"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "16"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "5"));
        int measure = Integer.parseInt(o.getOrDefault("measure", "10"));
        List<String> only = o.containsKey("only") ? List.of(o.get("only").split(",")) : null;
        System.out.println("Peers: " + Stats.machine());

        Map<String, Endpoint> servers = new LinkedHashMap<>();
        try {
            List<String> gureumFlags = List.of("@" + jvmOptions);
            ChildJvm gureum = ChildJvm.gureumJar(jar, gureumFlags);
            servers.put("gureum", new Endpoint(gureum, gureum.awaitPort(120_000)));
            if (o.containsKey("baseline")) {
                ChildJvm base = ChildJvm.gureumJar(o.get("baseline"), gureumFlags);
                servers.put("baseline", new Endpoint(base, base.awaitPort(120_000)));
            }
            ChildJvm netty = ChildJvm.start(gureumFlags, HelloServer.class.getName(), List.of("0"), false);
            servers.put("netty", new Endpoint(netty, netty.awaitPort(60_000)));
            servers.put("s3proxy", s3proxy(peersDir));
            servers.put("elasticmq", elasticMq(peersDir));
            for (Endpoint e : servers.values()) {
                e.awaitAccepting();
            }
            System.out.println(f("Gureum idle RSS after start: %.1f MiB", gureum.rssMiB()));

            Map<String, Result> gureumResults = new LinkedHashMap<>();
            List<String> lines = new ArrayList<>();
            List<String> baselineLines = new ArrayList<>();
            for (Row row : ROWS) {
                if (only != null && !only.contains(row.workload())) {
                    continue;
                }
                if (servers.containsKey("baseline")) {
                    Result b = load(servers.get("baseline"), row.workload(), connections, warmup, measure);
                    System.out.println(f("%-22s baseline %,10.0f ops/s  %.3f CPU ms/op  errors=%d", row.workload(),
                            b.opsPerSecond(), b.cpuMsPerOp(), b.errors()));
                    baselineLines.add(f("| %s | %,.0f | %.3f |", row.label(), b.opsPerSecond(), b.cpuMsPerOp()));
                }
                Result g = load(servers.get("gureum"), row.workload(), connections, warmup, measure);
                gureumResults.put(row.workload(), g);
                System.out.println(f("%-22s gureum %,10.0f ops/s  %.3f CPU ms/op  errors=%d  RSS %.1f MiB", row.workload(),
                        g.opsPerSecond(), g.cpuMsPerOp(), g.errors(), gureum.rssMiB()));
                if (row.peer() == null) {
                    Result base = gureumResults.get(row.workload().startsWith("s3-") ? "s3-put-1k" : "ddb-list-tables");
                    lines.add(f("| %s | %,.0f | — | %s | %.3f / — |", row.label(), g.opsPerSecond(),
                            base == null ? "—" : f("%.2f", g.opsPerSecond() / base.opsPerSecond()), g.cpuMsPerOp()));
                    continue;
                }
                Result p = load(servers.get(row.peer()), row.workload(), connections, warmup, measure);
                System.out.println(f("%-22s %-7s %,10.0f ops/s  %.3f CPU ms/op  errors=%d", row.workload(), row.peer(),
                        p.opsPerSecond(), p.cpuMsPerOp(), p.errors()));
                lines.add(f("| %s | %,.0f | %s %,.0f | **%.2f** | %.3f / %.3f |", row.label(), g.opsPerSecond(),
                        row.peer(), p.opsPerSecond(), g.opsPerSecond() / p.opsPerSecond(), g.cpuMsPerOp(),
                        p.cpuMsPerOp()));
            }
            System.out.println(f("Gureum RSS after the runs: %.1f MiB", gureum.rssMiB()));
            System.out.println();
            System.out.println(f("| workload (%d connections, %d s measured) | Gureum ops/s | peer ops/s | ratio | "
                    + "server CPU ms/op: Gureum / peer |", connections, measure));
            System.out.println("|---|---:|---:|---:|---:|");
            lines.forEach(System.out::println);
            if (!baselineLines.isEmpty()) {
                System.out.println();
                System.out.println("| workload, the --baseline jar in the same run | ops/s | server CPU ms/op |");
                System.out.println("|---|---:|---:|");
                baselineLines.forEach(System.out::println);
            }
        } finally {
            for (Endpoint e : servers.values()) {
                e.jvm().close();
            }
        }
    }

    /** A server under test: its JVM and port. */
    record Endpoint(ChildJvm jvm, int port) {
        String url() {
            return "http://127.0.0.1:" + port;
        }

        void awaitAccepting() throws InterruptedException {
            long deadline = System.currentTimeMillis() + 120_000;
            while (true) {
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException e) {
                    if (System.currentTimeMillis() > deadline || !jvm.process.isAlive()) {
                        throw new IllegalStateException("server on port " + port + " never accepted; output:\n"
                                + String.join("\n", jvm.transcript()));
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    static Result load(Endpoint server, String workload, int connections, int warmup, int measure) throws Exception {
        try (ChildJvm gen = ChildJvm.start(List.of(), SdkLoad.class.getName(), List.of(server.url(), workload,
                Integer.toString(connections), Integer.toString(warmup), Integer.toString(measure)), false)) {
            gen.awaitLine("READY", 120_000);
            gen.awaitLine("MEASURE-START", (warmup + 60) * 1000L);
            long cpu0 = cpuTicks(server.jvm().process.pid());
            gen.awaitLine("MEASURE-END", (measure + 60) * 1000L);
            long cpu1 = cpuTicks(server.jvm().process.pid());
            String line = gen.awaitLine("RESULT", 120_000);
            long requests = Long.parseLong(field(line, "requests="));
            long errors = Long.parseLong(field(line, "errors="));
            if (errors > 0) {
                System.out.println("  " + workload + " on port " + server.port() + ": " + String.join(" | ",
                        gen.transcript().stream().filter(l -> l.startsWith("FIRST-ERROR")).toList()));
            }
            double ops = requests / (double) measure;
            double cpuMs = (cpu1 - cpu0) * 1000.0 / TICKS_PER_SECOND;
            return new Result(ops, requests == 0 ? Double.NaN : cpuMs / requests, errors);
        }
    }

    /** USER_HZ: 100 on every Linux the JDK runs on. */
    private static final int TICKS_PER_SECOND = 100;

    /** utime + stime of a process, in clock ticks, from /proc/PID/stat. */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static String field(String line, String name) {
        int i = line.indexOf(name) + name.length();
        int end = line.indexOf(' ', i);
        return line.substring(i, end < 0 ? line.length() : end);
    }

    /** s3proxy 2.6.0 with jclouds' transient (in-memory) store, SigV4 with the load generator's keys. */
    private static Endpoint s3proxy(Path peersDir) throws Exception {
        int port = freePort();
        Path props = Files.createTempFile("s3proxy", ".properties");
        props.toFile().deleteOnExit();
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=test",
                "s3proxy.credential=test",
                "jclouds.provider=transient",
                "jclouds.identity=test",
                "jclouds.credential=test", ""));
        return new Endpoint(peer(peersDir, "s3proxy", List.of(), "org.gaul.s3proxy.Main",
                List.of("--properties", props.toString())), port);
    }

    /** ElasticMQ with its SQS endpoint on 127.0.0.1 and queue URLs naming it. */
    private static Endpoint elasticMq(Path peersDir) throws Exception {
        int port = freePort();
        Path conf = Files.createTempFile("elasticmq", ".conf");
        conf.toFile().deleteOnExit();
        Files.writeString(conf, String.join("\n",
                "include classpath(\"application.conf\")",
                "node-address { protocol = http, host = \"127.0.0.1\", port = " + port + ", context-path = \"\" }",
                "rest-sqs { enabled = true, bind-port = " + port + ", bind-hostname = \"127.0.0.1\", sqs-limits = strict }",
                "rest-stats { enabled = false }", ""));
        return new Endpoint(peer(peersDir, "elasticmq", List.of("-Dconfig.file=" + conf), "org.elasticmq.server.Main",
                List.of()), port);
    }

    private static ChildJvm peer(Path peersDir, String name, List<String> flags, String main, List<String> args)
            throws IOException {
        Path cp = peersDir.resolve(name + ".classpath");
        if (!Files.exists(cp)) {
            throw new IllegalStateException(cp + " is missing: run mvn -q -f benchmarks/peers/pom.xml generate-resources");
        }
        return ChildJvm.startWithClassPath(flags, Files.readString(cp).trim(), main, args);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }
}
