package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue #14's benchmark: DynamoDB {@code GetItem} at 16 connections on two servers of the same jar, one with
 * {@code --enforce-iam} (every request authorised: the root user's key, its account's SCPs, the table's
 * resource policy) and one without (only the cross-account rule), in interleaved rounds. Goal: enforcement
 * costs under 10 %.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.AuthorizationOverhead --jar docker/target/gureum.jar
 *     [--connections 16] [--warmup 5] [--measure 10] [--rounds 3]</pre>
 */
public final class AuthorizationOverhead {
    private AuthorizationOverhead() {
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
        System.out.println("AuthorizationOverhead: " + Stats.machine());
        List<String> flags = List.of("-Xmx512m");
        List<Double> plain = new ArrayList<>();
        List<Double> enforced = new ArrayList<>();
        try (ChildJvm off = ChildJvm.gureumJar(jar, flags);
                ChildJvm on = ChildJvm.gureumJar(jar, flags, List.of("--enforce-iam"))) {
            int offPort = off.awaitPort(60_000);
            int onPort = on.awaitPort(60_000);
            BaselineComparison.setUp(offPort);
            BaselineComparison.setUp(onPort);
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < 2; i++) {
                    boolean enforce = (round % 2 == 0) == (i == 0);
                    double rps = BaselineComparison.load(enforce ? onPort : offPort, connections, warmup, measure,
                            "ddb-get");
                    (enforce ? enforced : plain).add(rps);
                    System.out.println(f("round %d %-16s %,10.0f req/s", round + 1,
                            enforce ? "--enforce-iam" : "default", rps));
                }
            }
        }
        double p = BaselineComparison.median(plain);
        double e = BaselineComparison.median(enforced);
        System.out.println();
        System.out.println("| GetItem (" + connections + " connections) | req/s (median) | ratio |");
        System.out.println("|---|---:|---:|");
        System.out.println(f("| default | %,.0f | 1.00 |", p));
        System.out.println(f("| --enforce-iam | %,.0f | %.3f |", e, e / p));
    }
}
