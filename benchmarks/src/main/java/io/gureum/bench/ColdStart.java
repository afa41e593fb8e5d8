package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start to the first answered request, and idle RSS, for several JVM flag sets.
 *
 * <p>Each launch is a fresh {@code java <flags> -cp benchmarks.jar io.gureum.core.Main --port 0}; the
 * time runs from just before the process is spawned to the end of the first 200 answer to an STS
 * GetCallerIdentity POST. Launches of the flag sets are interleaved (round 1 of every set, then round 2 …)
 * so background load on a shared machine spreads over all of them.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.ColdStart [--runs 5] [--idle-seconds 10]
 *     [--only baseline,appcds,…] [--flags "-XX:Foo -XX:Bar"]</pre>
 */
public final class ColdStart {
    private ColdStart() {
    }

    record Launch(double toAnswerMs, double toListeningMs, double rssAfterAnswerMiB, double rssIdleMiB) {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        int idleSeconds = 10;
        List<String> only = null;
        String extra = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--idle-seconds" -> idleSeconds = Integer.parseInt(args[++i]);
                case "--only" -> only = Arrays.asList(args[++i].split(","));
                case "--flags" -> extra = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.println("Cold start: " + Stats.machine());
        Path jsa = archivePath();
        Map<String, List<String>> configs = configs(jsa);
        if (extra != null) {
            configs.put("custom", Arrays.asList(extra.trim().split("\\s+")));
        }
        if (only != null) {
            configs.keySet().retainAll(only);
            configs.putIfAbsent("baseline", List.of());
        }
        if (configs.values().stream().anyMatch(flags -> flags.stream().anyMatch(s -> s.contains("SharedArchiveFile")))) {
            train(jsa);
        } else {
            launchOnce(List.of(), 0); // warms the page cache for the jar, like the training run does
        }

        Map<String, List<Launch>> results = new LinkedHashMap<>();
        for (int round = 1; round <= runs; round++) {
            for (Map.Entry<String, List<String>> c : configs.entrySet()) {
                boolean last = round == runs;
                Launch l = launchOnce(c.getValue(), last ? idleSeconds : 0);
                results.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(l);
                System.out.println(f("  round %d %-12s %7.1f ms to answer (%6.1f ms to listening), RSS %5.1f MiB%s",
                        round, c.getKey(), l.toAnswerMs(), l.toListeningMs(), l.rssAfterAnswerMiB(),
                        last ? f(", after %d s idle %5.1f MiB", idleSeconds, l.rssIdleMiB()) : ""));
            }
        }

        double base = Stats.median(results.get("baseline").stream().map(Launch::toAnswerMs).toList());
        double baseRss = Stats.median(results.get("baseline").stream().map(Launch::rssAfterAnswerMiB).toList());
        System.out.println();
        System.out.println(f("Median of %d launches; ratio = config / baseline (lower is better). Goal: < 1000 ms, RSS < 150 MiB.", runs));
        System.out.println(f("%-12s %10s %7s %10s %8s %9s %7s %10s  %s", "config", "answer ms", "ratio", "min ms",
                "listen", "RSS MiB", "ratio", "idle MiB", "flags"));
        for (Map.Entry<String, List<Launch>> e : results.entrySet()) {
            List<Launch> ls = e.getValue();
            double t = Stats.median(ls.stream().map(Launch::toAnswerMs).toList());
            double rss = Stats.median(ls.stream().map(Launch::rssAfterAnswerMiB).toList());
            System.out.println(f("%-12s %10.1f %7.2f %10.1f %8.1f %9.1f %7.2f %10.1f  %s", e.getKey(), t, t / base,
                    Stats.min(ls.stream().map(Launch::toAnswerMs).toList()),
                    Stats.median(ls.stream().map(Launch::toListeningMs).toList()), rss, rss / baseRss,
                    ls.get(ls.size() - 1).rssIdleMiB(), String.join(" ", configs.get(e.getKey()))));
        }
    }

    static Map<String, List<String>> configs(Path jsa) {
        String cds = "-XX:SharedArchiveFile=" + jsa;
        Map<String, List<String>> c = new LinkedHashMap<>();
        c.put("baseline", List.of());
        c.put("tiered1", List.of("-XX:TieredStopAtLevel=1"));
        c.put("c1-1thread", List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1"));
        c.put("serialgc", List.of("-XX:+UseSerialGC"));
        c.put("xss512k", List.of("-Xss512k"));
        c.put("xshare-off", List.of("-Xshare:off"));
        c.put("appcds", List.of(cds));
        // Netty 4.2's allocators declare JFR events; checking whether JFR is on initialises jdk.jfr (~70 classes).
        c.put("netty-nojfr", List.of("-Dio.netty.jfr.enabled=false"));
        c.put("combo", List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", cds));
        c.put("combo-xms16", List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xms16m",
                "-XX:ReservedCodeCacheSize=32m", cds));
        c.put("combo-nojfr", List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", cds,
                "-Dio.netty.jfr.enabled=false"));
        return c;
    }

    /** The AppCDS archive, next to benchmarks.jar when that is the class path. */
    static Path archivePath() {
        Path cp = Path.of(ChildJvm.classPath().split(java.io.File.pathSeparator)[0]).toAbsolutePath();
        Path dir = Files.isRegularFile(cp) ? cp.getParent() : Path.of(System.getProperty("java.io.tmpdir"));
        return dir.resolve("gureum-app.jsa");
    }

    /** A training run with -XX:ArchiveClassesAtExit: start, answer one request, stop (SIGTERM). */
    static void train(Path jsa) throws Exception {
        Files.deleteIfExists(jsa);
        long t0 = System.nanoTime();
        try (ChildJvm jvm = ChildJvm.gureum(List.of("-XX:ArchiveClassesAtExit=" + jsa))) {
            int port = jvm.awaitPort(60_000);
            firstAnswer(port);
            jvm.awaitLine("Ready.", 10_000);
        }
        if (!Files.isRegularFile(jsa)) {
            throw new IllegalStateException("training run wrote no archive at " + jsa);
        }
        System.out.println(f("AppCDS archive %s: %.1f MiB, training run %.0f ms", jsa, Files.size(jsa) / 1048576.0,
                (System.nanoTime() - t0) / 1e6));
    }

    static Launch launchOnce(List<String> flags, int idleSeconds) throws Exception {
        try (ChildJvm jvm = ChildJvm.gureum(flags)) {
            int port = jvm.awaitPort(60_000);
            double listening = (System.nanoTime() - jvm.startNanos) / 1e6;
            firstAnswer(port);
            double answered = (System.nanoTime() - jvm.startNanos) / 1e6;
            double rss = jvm.rssMiB();
            double idle = -1;
            if (idleSeconds > 0) {
                Thread.sleep(idleSeconds * 1000L);
                idle = jvm.rssMiB();
            }
            return new Launch(answered, listening, rss, idle);
        }
    }

    /** Sends GetCallerIdentity until it is answered 200 (retrying only a refused connection). */
    static void firstAnswer(int port) throws IOException, InterruptedException {
        byte[] request = AwsRequests.getCallerIdentity(port);
        for (int attempt = 0; ; attempt++) {
            try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                c.keepBody = true;
                int status = c.exchange(request);
                if (status != 200) {
                    throw new IllegalStateException("GetCallerIdentity answered " + status + ": " + c.bodyText());
                }
                return;
            } catch (ConnectException refused) {
                if (attempt > 5000) {
                    throw refused;
                }
                Thread.sleep(1);
            }
        }
    }
}
