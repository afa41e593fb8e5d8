package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw front-door throughput: the same load generator ({@link LoadGen}, its own JVM) against Gureum
 * ({@code io.gureum.core.Main}, its own JVM) answering STS GetCallerIdentity, then against the bare
 * Netty {@link HelloServer} (its own JVM), on loopback, in one run. Reports requests/s, p50/p99 latency
 * and the ratio Gureum / Netty (goal ≥ 0.5).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.Throughput [--connections 64]
 *     [--warmup 10] [--measure 15] [--rounds 1] [--server-flags "…"] [--jfr file.jfr]</pre>
 *
 * {@code --jfr} records a JFR profile of the Gureum server during the run (settings=profile).
 */
public final class Throughput {
    private Throughput() {
    }

    public static void main(String[] args) throws Exception {
        int connections = 64;
        int warmup = 10;
        int measure = 15;
        int rounds = 1;
        List<String> serverFlags = new ArrayList<>();
        String jfr = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--measure" -> measure = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--server-flags" -> serverFlags.addAll(Arrays.asList(args[++i].trim().split("\\s+")));
                case "--jfr" -> jfr = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.println("Throughput: " + Stats.machine());
        System.out.println(f("%d keep-alive connections, %d s warm-up + %d s measured, %d round(s); server flags %s",
                connections, warmup, measure, rounds, serverFlags));
        Map<String, List<Map<String, Double>>> results = new LinkedHashMap<>();
        for (int r = 1; r <= rounds; r++) {
            List<String> gFlags = new ArrayList<>(serverFlags);
            if (jfr != null && r == 1) {
                gFlags.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
            }
            try (ChildJvm server = ChildJvm.gureum(gFlags)) {
                int port = server.awaitPort(60_000);
                Map<String, Double> res = load(port, connections, warmup, measure);
                res.put("rss", server.rssMiB());
                results.computeIfAbsent("gureum", k -> new ArrayList<>()).add(res);
                print(r, "gureum", res);
            }
            try (ChildJvm server = ChildJvm.start(serverFlags, HelloServer.class.getName(), List.of(), false)) {
                int port = server.awaitPort(60_000);
                Map<String, Double> res = load(port, connections, warmup, measure);
                res.put("rss", server.rssMiB());
                results.computeIfAbsent("netty", k -> new ArrayList<>()).add(res);
                print(r, "netty", res);
                System.out.println(f("  round %d ratio gureum / netty = %.2f", r,
                        results.get("gureum").get(r - 1).get("rps") / res.get("rps")));
            }
        }
        System.out.println();
        System.out.println(f("%-8s %12s %10s %10s %10s %8s", "server", "requests/s", "p50 ms", "p99 ms", "p99.9 ms",
                "RSS MiB"));
        double g = 0;
        double n = 0;
        for (Map.Entry<String, List<Map<String, Double>>> e : results.entrySet()) {
            List<Map<String, Double>> rs = e.getValue();
            double rps = Stats.median(rs.stream().map(m -> m.get("rps")).toList());
            System.out.println(f("%-8s %12.0f %10.2f %10.2f %10.2f %8.1f", e.getKey(), rps,
                    Stats.median(rs.stream().map(m -> m.get("p50us") / 1e3).toList()),
                    Stats.median(rs.stream().map(m -> m.get("p99us") / 1e3).toList()),
                    Stats.median(rs.stream().map(m -> m.get("p999us") / 1e3).toList()),
                    Stats.median(rs.stream().map(m -> m.get("rss")).toList())));
            if (e.getKey().equals("gureum")) {
                g = rps;
            } else {
                n = rps;
            }
        }
        System.out.println(f("ratio gureum / netty = %.2f (medians; goal >= 0.5)", g / n));
    }

    private static void print(int round, String name, Map<String, Double> r) {
        System.out.println(f("  round %d %-7s %9.0f req/s  p50 %.2f ms  p99 %.2f ms  errors %.0f non-200 %.0f  "
                + "per-connection %.0f..%.0f  server RSS %.1f MiB", round, name, r.get("rps"), r.get("p50us") / 1e3,
                r.get("p99us") / 1e3, r.get("errors"), r.get("non200"), r.get("minPerConn"), r.get("maxPerConn"),
                r.get("rss")));
    }

    private static Map<String, Double> load(int port, int connections, int warmup, int measure) throws Exception {
        try (ChildJvm gen = ChildJvm.start(List.of(), LoadGen.class.getName(),
                List.of(String.valueOf(port), String.valueOf(connections), String.valueOf(warmup),
                        String.valueOf(measure)), false)) {
            String line = gen.awaitLine("RESULT ", (warmup + measure + 60) * 1000L);
            Map<String, Double> out = new LinkedHashMap<>();
            for (String kv : line.substring("RESULT ".length()).split(" ")) {
                int eq = kv.indexOf('=');
                out.put(kv.substring(0, eq), Double.parseDouble(kv.substring(eq + 1)));
            }
            gen.process.waitFor();
            return out;
        }
    }
}
