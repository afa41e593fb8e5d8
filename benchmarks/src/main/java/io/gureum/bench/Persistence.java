package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue #15's benchmark: S3 PutObject of 1 KiB, SQS SendMessage and DynamoDB PutItem at 16 connections on a
 * server without {@code --data-dir} (state in memory) and on one with it (every answer waits for its
 * journal records to be forced to the disk, group commit), in interleaved rounds; the ratio is durable
 * over memory (goal: at least 0.7, durable at most 30% slower).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.Persistence --jar docker/target/gureum.jar
 *     [--connections 16] [--warmup 5] [--measure 10] [--rounds 1] [--dir /tmp/...] [--only s3-put-1k,ddb-put]
 *     [--jfr PREFIX] [--server-flags "-XX:..."]</pre>
 *
 * <p>{@code --jfr PREFIX} records each server with JFR ({@code settings=profile}) into {@code PREFIX-<mode>-<round>.jfr}.
 */
public final class Persistence {
    private Persistence() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String jar = o.getOrDefault("jar", "docker/target/gureum.jar");
        int connections = Integer.parseInt(o.getOrDefault("connections", "16"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "5"));
        int measure = Integer.parseInt(o.getOrDefault("measure", "10"));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "1"));
        Path base = o.containsKey("dir") ? Path.of(o.get("dir")) : Files.createTempDirectory("gureum-bench-");
        System.out.println("Persistence: " + Stats.machine() + ", data directory on " + base);
        List<String> workloads = o.containsKey("only") ? List.of(o.get("only").split(","))
                : List.of("s3-put-1k", "sqs-send", "ddb-put");
        String jfr = o.get("jfr");
        List<String> serverFlags = o.containsKey("server-flags") ? List.of(o.get("server-flags").trim().split("\\s+"))
                : List.of();
        Map<String, List<Double>> rps = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String mode : List.of("memory", "durable")) {
                List<String> options = mode.equals("memory") ? List.of()
                        : List.of("--data-dir", Files.createTempDirectory(base, "data-").toString());
                List<String> flags = new ArrayList<>(List.of("-Xmx512m"));
                flags.addAll(serverFlags);
                if (jfr != null) {
                    flags.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr + "-" + mode + "-" + (round + 1)
                            + ".jfr");
                }
                try (ChildJvm server = ChildJvm.gureumJar(jar, flags, options)) {
                    int port = server.awaitPort(60_000);
                    try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                        check(c.exchange(AwsRequests.createQueue(port, AwsRequests.BENCH_QUEUE)), "CreateQueue");
                        check(c.exchange(AwsRequests.createTable(port)), "CreateTable");
                        check(c.exchange(AwsRequests.createBucket(port)), "CreateBucket");
                    }
                    for (String w : workloads) {
                        double r = BaselineComparison.load(port, connections, warmup, measure, w);
                        rps.computeIfAbsent(w + "/" + mode, k -> new ArrayList<>()).add(r);
                        System.out.println(f("round %d %-8s %-10s %,10.0f req/s", round + 1, mode, w, r));
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| workload (" + connections + " connections) | memory req/s | --data-dir req/s | durable/memory |");
        System.out.println("|---|---:|---:|---:|");
        for (String w : workloads) {
            double m = BaselineComparison.median(rps.get(w + "/memory"));
            double d = BaselineComparison.median(rps.get(w + "/durable"));
            System.out.println(f("| %s | %,.0f | %,.0f | %.2f |", w, m, d, d / m));
        }
    }

    private static void check(int status, String what) {
        if (status != 200) {
            throw new IllegalStateException(what + " answered " + status);
        }
    }
}
