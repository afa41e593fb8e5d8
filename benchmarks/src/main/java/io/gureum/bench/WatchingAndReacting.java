package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue #16's benchmark: CloudWatch {@code PutMetricData} of 20 values and {@code GetMetricData} over a day
 * of 1-second data (86,400 points, read at one-minute periods) at 16 connections, as ratios to SQS
 * {@code SendMessage} on the same server, in interleaved rounds.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.WatchingAndReacting --jar docker/target/gureum.jar
 *     [--connections 16] [--warmup 5] [--measure 10] [--rounds 3]</pre>
 */
public final class WatchingAndReacting {
    private static final int SECONDS_PER_DAY = 86_400;
    private static final int POINTS_PER_REQUEST = 1_000;

    private WatchingAndReacting() {
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
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
        System.out.println("WatchingAndReacting: " + Stats.machine());
        List<String> workloads = List.of("sqs-send", "cw-put", "cw-get-day");
        Map<String, List<Double>> rps = new LinkedHashMap<>();
        try (ChildJvm server = ChildJvm.gureumJar(jar, List.of("-Xmx512m"))) {
            int port = server.awaitPort(60_000);
            try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(SECONDS_PER_DAY);
                for (int s = 0; s < SECONDS_PER_DAY; s += POINTS_PER_REQUEST) {
                    int count = Math.min(POINTS_PER_REQUEST, SECONDS_PER_DAY - s);
                    check(c.exchange(AwsRequests.putSecondsOfData(port, first.plusSeconds(s), count)), "PutMetricData");
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (String w : workloads) {
                    double r;
                    if (w.equals("sqs-send")) {
                        // A fresh queue per round, deleted after it: messages never pile up across rounds.
                        String queue = "bench-" + round;
                        try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                            check(c.exchange(AwsRequests.createQueue(port, queue)), "CreateQueue");
                        }
                        r = BaselineComparison.load(port, connections, warmup, measure, w + ":" + queue);
                        try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                            check(c.exchange(AwsRequests.deleteQueue(port, queue)), "DeleteQueue");
                        }
                    } else {
                        r = BaselineComparison.load(port, connections, warmup, measure, w);
                    }
                    rps.computeIfAbsent(w, k -> new ArrayList<>()).add(r);
                    System.out.println(f("round %d %-10s %,10.0f req/s", round + 1, w, r));
                }
            }
        }
        double sqs = BaselineComparison.median(rps.get("sqs-send"));
        System.out.println();
        System.out.println("| workload (" + connections + " connections) | req/s (median) | ratio to SQS SendMessage |");
        System.out.println("|---|---:|---:|");
        for (String w : workloads) {
            double m = BaselineComparison.median(rps.get(w));
            System.out.println(f("| %s | %,.0f | %.2f |", w, m, m / sqs));
        }
    }

    private static void check(int status, String what) {
        if (status != 200) {
            throw new IllegalStateException(what + " answered " + status);
        }
    }
}
