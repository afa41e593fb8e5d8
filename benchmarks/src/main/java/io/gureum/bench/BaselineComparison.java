package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same workloads against two builds of Gureum started side by side — a baseline jar (e.g. built
 * from the commit before a change) and the current one — in interleaved rounds, so background load
 * spreads over both; prints the median requests/s of each and the ratio current / baseline.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.BaselineComparison
 *     --baseline /tmp/baseline/gureum.jar --current docker/target/gureum.jar
 *     [--connections 16] [--warmup 5] [--measure 10] [--rounds 3] [--workloads sts,sqs-send,ddb-get]</pre>
 */
public final class BaselineComparison {
    private BaselineComparison() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String baseline = o.get("baseline");
        String current = o.get("current");
        if (baseline == null || current == null) {
            System.err.println("usage: BaselineComparison --baseline JAR --current JAR [--connections 16] "
                    + "[--warmup 5] [--measure 10] [--rounds 3] [--workloads sts,sqs-send,ddb-get]");
            System.exit(2);
        }
        int connections = Integer.parseInt(o.getOrDefault("connections", "16"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "5"));
        int measure = Integer.parseInt(o.getOrDefault("measure", "10"));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
        List<String> workloads = List.of(o.getOrDefault("workloads", "sts,sqs-send,ddb-get").split(","));
        System.out.println("BaselineComparison: " + Stats.machine());
        List<String> flags = List.of("-Xmx512m");
        try (ChildJvm base = ChildJvm.gureumJar(baseline, flags); ChildJvm cur = ChildJvm.gureumJar(current, flags)) {
            int basePort = base.awaitPort(60_000);
            int curPort = cur.awaitPort(60_000);
            setUp(basePort);
            setUp(curPort);
            Map<String, List<Double>> baseRps = new LinkedHashMap<>();
            Map<String, List<Double>> curRps = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (String w : workloads) {
                    boolean baseFirst = round % 2 == 0;
                    for (int i = 0; i < 2; i++) {
                        boolean runBase = baseFirst == (i == 0);
                        int port = runBase ? basePort : curPort;
                        double rps;
                        if (w.equals("sqs-send")) {
                            // A fresh queue per run, deleted after it: messages never pile up across runs.
                            String queue = "bench-" + round + "-" + (runBase ? "b" : "c");
                            sqs(port, AwsRequests.createQueue(port, queue), "CreateQueue");
                            rps = load(port, connections, warmup, measure, w + ":" + queue);
                            sqs(port, AwsRequests.deleteQueue(port, queue), "DeleteQueue");
                        } else {
                            rps = load(port, connections, warmup, measure, w);
                        }
                        (runBase ? baseRps : curRps).computeIfAbsent(w, k -> new ArrayList<>()).add(rps);
                        System.out.println(f("round %d %-9s %-8s %,10.0f req/s", round + 1, w,
                                runBase ? "baseline" : "current", rps));
                    }
                }
            }
            System.out.println();
            System.out.println(f("| workload (%d connections) | baseline req/s | current req/s | current / baseline |",
                    connections));
            System.out.println("|---|---:|---:|---:|");
            for (String w : workloads) {
                double b = median(baseRps.get(w));
                double c = median(curRps.get(w));
                System.out.println(f("| %s | %,.0f | %,.0f | %.3f |", w, b, c, c / b));
            }
        }
    }

    /** The queue and the table (with one item) the workloads use. */
    static void setUp(int port) throws Exception {
        try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
            check(c.exchange(AwsRequests.createTable(port)), "CreateTable");
            for (int i = 0; i < 100; i++) {
                if (c.exchange(AwsRequests.putItem(port)) == 200) {
                    return;
                }
                Thread.sleep(100); // the table may still be CREATING
            }
            throw new IllegalStateException("PutItem never succeeded on port " + port);
        }
    }

    private static void sqs(int port, byte[] request, String what) throws Exception {
        try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
            check(c.exchange(request), what);
        }
    }

    private static void check(int status, String what) {
        if (status != 200) {
            throw new IllegalStateException(what + " answered " + status);
        }
    }

    static double load(int port, int connections, int warmup, int measure, String workload) throws Exception {
        try (ChildJvm gen = ChildJvm.start(List.of(), LoadGen.class.getName(), List.of(Integer.toString(port),
                Integer.toString(connections), Integer.toString(warmup), Integer.toString(measure), workload), false)) {
            String line = gen.awaitLine("RESULT", (warmup + measure + 120) * 1000L);
            if (!line.contains("non200=0")) {
                throw new IllegalStateException("non-200 answers: " + line);
            }
            String rps = line.substring(line.indexOf("rps=") + 4, line.indexOf(' ', line.indexOf("rps=")));
            return Double.parseDouble(rps);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }
}
