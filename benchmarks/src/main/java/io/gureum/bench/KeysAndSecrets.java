package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue #22's benchmark: SSM {@code GetParameter} of a SecureString (decrypted through KMS) and Secrets
 * Manager {@code GetSecretValue} (a KMS data key per read) at 16 connections, as ratios to STS
 * {@code GetCallerIdentity} on the same server, in interleaved rounds.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.KeysAndSecrets --jar docker/target/gureum.jar
 *     [--connections 16] [--warmup 5] [--measure 10] [--rounds 3]</pre>
 */
public final class KeysAndSecrets {
    private KeysAndSecrets() {
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
        System.out.println("KeysAndSecrets: " + Stats.machine());
        List<String> workloads = List.of("sts", "ssm-get", "secret-get");
        Map<String, List<Double>> rps = new LinkedHashMap<>();
        try (ChildJvm server = ChildJvm.gureumJar(jar, List.of("-Xmx512m"))) {
            int port = server.awaitPort(60_000);
            try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                check(c.exchange(AwsRequests.putParameter(port)), "PutParameter");
                check(c.exchange(AwsRequests.createSecret(port)), "CreateSecret");
            }
            for (int round = 0; round < rounds; round++) {
                for (String w : workloads) {
                    double r = BaselineComparison.load(port, connections, warmup, measure, w);
                    rps.computeIfAbsent(w, k -> new ArrayList<>()).add(r);
                    System.out.println(f("round %d %-10s %,10.0f req/s", round + 1, w, r));
                }
            }
        }
        double sts = BaselineComparison.median(rps.get("sts"));
        System.out.println();
        System.out.println("| workload (" + connections + " connections) | req/s (median) | ratio to GetCallerIdentity |");
        System.out.println("|---|---:|---:|");
        for (String w : workloads) {
            double m = BaselineComparison.median(rps.get(w));
            System.out.println(f("| %s | %,.0f | %.2f |", w, m, m / sts));
        }
    }

    private static void check(int status, String what) {
        if (status != 200) {
            throw new IllegalStateException(what + " answered " + status);
        }
    }
}
