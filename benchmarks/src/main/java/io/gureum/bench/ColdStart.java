package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Cold start to the first answered request, and RSS, of Gureum's {@code java -jar} against a bare Netty
 * server's, started the same way with the same JVM flags in the same run (issue #20), with and without
 * each one's own AppCDS archive (the image's set-up).
 *
 * <p>Each launch is a fresh JVM; the time runs from just before the process is spawned to the end of the
 * first 200 answer to one fixed request (an STS GetCallerIdentity POST by default, or {@code GET /}), sent
 * as soon as the server prints the line announcing its port ("listen" in the table). Beside the wall time,
 * the process's CPU time to the answer and the JIT compiler threads' share of it: a loaded machine stretches
 * the wall time of one set by up to 10x between rounds, the CPU time by far less. The sets are
 * interleaved (round 1 of every set, then round 2 …) so background load on a shared machine spreads over
 * all of them; the table shows medians, and each Gureum set's ratio to its Netty reference both as the
 * ratio of the medians and as the median of the per-round ratios.
 *
 * <ul>
 *   <li>{@code netty}: {@code java @docker/jvm.options -Dio.netty.jfr.enabled=false -jar bare-netty.jar 0}, a
 *       jar this benchmark writes next to benchmarks.jar holding only Netty and {@link HelloServer} (binds
 *       127.0.0.1, answers every request with a canned 200). The JFR property is the one Gureum's {@code
 *       Main} sets for itself before Netty loads.</li>
 *   <li>{@code gureum}: {@code java @docker/jvm.options -jar docker/target/gureum.jar --port 0}, the README's
 *       command.</li>
 *   <li>{@code netty-cds}, {@code gureum-cds}: the same with {@code -XX:SharedArchiveFile} of an archive
 *       each writes in a training run first ({@code -XX:ArchiveClassesAtExit}: start, answer the request,
 *       SIGTERM), as the Dockerfile does for the image.</li>
 *   <li>{@code --flags "…"} (repeatable) adds {@code customN} and {@code customN-cds}: Gureum's jar with
 *       {@code docker/jvm.options} and then these flags (later flags win), against {@code netty} and
 *       {@code netty-cds}.</li>
 *   <li>{@code --with-cp} adds {@code gureum-cp} and {@code gureum-cp-cds}: the same jar started as {@code -cp
 *       gureum.jar io.gureum.core.Main}. With {@code -jar} the JDK's launcher opens the jar to read its manifest,
 *       closes it, and the class loader opens it again: the central directory (6.7 MB for 53,569 entries) is read
 *       and hashed twice.</li>
 *   <li>{@code --baseline OLD.jar} adds {@code old} and {@code old-cds}: another build of Gureum's jar, the same
 *       way (before/after figures from one run).</li>
 *   <li>{@code --flag-sets} adds the earlier JVM-flag exploration ({@code baseline}, {@code tiered1} …): {@code
 *       io.gureum.core.Main} from benchmarks.jar (core and IAM only) with JVM defaults plus one change each,
 *       against {@code baseline}.</li>
 * </ul>
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.ColdStart [--runs 5] [--idle-seconds 10]
 *     [--jar docker/target/gureum.jar] [--baseline OLD.jar] [--jvm-options docker/jvm.options] [--request sts|root]
 *     [--with-cp] [--only netty,gureum,…] [--flags "-XX:Foo -XX:Bar"]… [--flag-sets]
 *     [--load-seconds 0 [--load-workload s3-put-1k]]</pre>
 */
public final class ColdStart {
    private ColdStart() {
    }

    /** One launch; the load figures are NaN without {@code --load-seconds} (and for the Netty sets). */
    record Launch(double toAnswerMs, double toListeningMs, double cpuToAnswerMs, double jitCpuMs, double rssAfterAnswerMiB,
            double rssIdleMiB, double loadOpsPerSecond, double loadCpuMsPerOp, double rssAfterLoadMiB,
            double rssAfterLoadIdleMiB) {
    }

    enum Kind {
        /** {@code io.gureum.core.Main} from the class path (benchmarks.jar). */
        MAIN,
        /** Gureum's shaded jar ({@code -jar}). */
        GUREUM_JAR,
        /** Gureum's shaded jar as the class path, naming the main class ({@code -cp … io.gureum.core.Main}). */
        GUREUM_CP,
        /** The bare Netty jar. */
        NETTY_JAR
    }

    /** A set of launches: what starts, its JVM flags, its CDS archive (trained first) or null, its reference set. */
    record Config(String name, Kind kind, String jar, List<String> flags, Path archive, String reference) {
        List<String> launchFlags() {
            if (archive == null) {
                return flags;
            }
            List<String> l = new ArrayList<>(flags);
            l.add("-XX:SharedArchiveFile=" + archive);
            return l;
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        int idleSeconds = 10;
        List<String> only = null;
        List<String> extras = new ArrayList<>();
        boolean flagSets = false;
        boolean withCp = false;
        String jar = "docker/target/gureum.jar";
        String jvmOptions = "docker/jvm.options";
        String request = "sts";
        String baseline = null;
        int loadSeconds = 0;
        String loadWorkload = "s3-put-1k";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--idle-seconds" -> idleSeconds = Integer.parseInt(args[++i]);
                case "--only" -> only = Arrays.asList(args[++i].split(","));
                case "--flags" -> extras.add(args[++i]);
                case "--flag-sets" -> flagSets = true;
                case "--with-cp" -> withCp = true;
                case "--jar" -> jar = args[++i];
                case "--jvm-options" -> jvmOptions = args[++i];
                case "--request" -> request = args[++i];
                case "--baseline" -> baseline = args[++i];
                case "--load-seconds" -> loadSeconds = Integer.parseInt(args[++i]);
                case "--load-workload" -> loadWorkload = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (!request.equals("sts") && !request.equals("root")) {
            throw new IllegalArgumentException("--request sts|root");
        }
        System.out.println("Cold start: " + Stats.machine());
        Path dir = archiveDir();
        String options = "@" + Path.of(jvmOptions).toAbsolutePath();
        Map<String, Config> configs = new LinkedHashMap<>();
        List<String> nettyFlags = List.of(options, "-Dio.netty.jfr.enabled=false");
        String nettyJar = dir.resolve("bare-netty.jar").toString();
        configs.put("netty", new Config("netty", Kind.NETTY_JAR, nettyJar, nettyFlags, null, "netty"));
        configs.put("gureum", new Config("gureum", Kind.GUREUM_JAR, jar, List.of(options), null, "netty"));
        configs.put("netty-cds", new Config("netty-cds", Kind.NETTY_JAR, nettyJar, nettyFlags,
                dir.resolve("bare-netty.jsa"), "netty-cds"));
        configs.put("gureum-cds", new Config("gureum-cds", Kind.GUREUM_JAR, jar, List.of(options),
                dir.resolve("gureum-jar.jsa"), "netty-cds"));
        if (withCp) {
            configs.put("gureum-cp", new Config("gureum-cp", Kind.GUREUM_CP, jar, List.of(options), null, "netty"));
            configs.put("gureum-cp-cds", new Config("gureum-cp-cds", Kind.GUREUM_CP, jar, List.of(options),
                    dir.resolve("gureum-cp.jsa"), "netty-cds"));
        }
        if (baseline != null) {
            configs.put("old", new Config("old", Kind.GUREUM_JAR, baseline, List.of(options), null, "netty"));
            configs.put("old-cds", new Config("old-cds", Kind.GUREUM_JAR, baseline, List.of(options),
                    dir.resolve("gureum-old.jsa"), "netty-cds"));
        }
        for (int n = 1; n <= extras.size(); n++) {
            List<String> flags = new ArrayList<>();
            flags.add(options);
            flags.addAll(Arrays.asList(extras.get(n - 1).trim().split("\\s+")));
            configs.put("custom" + n, new Config("custom" + n, Kind.GUREUM_JAR, jar, flags, null, "netty"));
            configs.put("custom" + n + "-cds", new Config("custom" + n + "-cds", Kind.GUREUM_JAR, jar, flags,
                    dir.resolve("custom" + n + ".jsa"), "netty-cds"));
        }
        if (flagSets) {
            flagSets(dir).forEach(c -> configs.put(c.name(), c));
        }
        if (only != null) {
            List<String> keep = new ArrayList<>(only);
            only.forEach(name -> {
                if (configs.containsKey(name)) {
                    keep.add(configs.get(name).reference());
                }
            });
            configs.keySet().retainAll(keep);
        }

        if (configs.values().stream().anyMatch(c -> c.kind() == Kind.NETTY_JAR)) {
            writeBareNettyJar(Path.of(nettyJar));
        }
        boolean trained = false;
        if (flagSets && !configs.containsKey("appcds") && configs.values().stream()
                .anyMatch(c -> c.flags().stream().anyMatch(flag -> flag.contains("gureum-app.jsa")))) {
            train(flagSets(dir).stream().filter(c -> c.name().equals("appcds")).findFirst().orElseThrow(), request);
            trained = true;
        }
        for (Config c : configs.values()) {
            if (c.archive() != null) {
                train(c, request);
                trained = true;
            }
        }
        if (!trained) {
            // warms the page cache for the jars, as a training run does
            for (Config c : configs.values()) {
                launchOnce(c, request, 0, null, 0);
            }
        }

        Map<String, List<Launch>> results = new LinkedHashMap<>();
        for (int round = 1; round <= runs; round++) {
            for (Config c : configs.values()) {
                Launch l = launchOnce(c, request, idleSeconds, loaded(c) ? loadWorkload : null, loadSeconds);
                results.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(l);
                System.out.println(f("  round %d %-12s %7.1f ms to answer (%6.1f ms to listening, %6.0f ms CPU, %5.0f "
                        + "of it JIT), RSS %5.1f MiB%s%s", round, c.name(), l.toAnswerMs(), l.toListeningMs(),
                        l.cpuToAnswerMs(), l.jitCpuMs(), l.rssAfterAnswerMiB(),
                        idleSeconds > 0 ? f(", after %d s idle %5.1f MiB", idleSeconds, l.rssIdleMiB()) : "",
                        Double.isNaN(l.rssAfterLoadMiB()) ? "" : f("; %s %.0f ops/s %.3f CPU ms/op, RSS after it %.1f, "
                                + "%d s later %.1f MiB", loadWorkload, l.loadOpsPerSecond(), l.loadCpuMsPerOp(),
                                l.rssAfterLoadMiB(), idleSeconds, l.rssAfterLoadIdleMiB())));
            }
        }

        System.out.println();
        System.out.println(f("Median of %d launches, first request %s; ratio = set / its reference (lower is better): of "
                + "the medians, and the median of the rounds' ratios. Goal (issue #20): gureum / netty <= 1.2, "
                + "gureum-cds / netty-cds <= 1.0, idle RSS <= 100 MB.", runs, request.equals("sts")
                        ? "STS GetCallerIdentity" : "GET /"));
        System.out.println(f("| set | to answer ms | ratio (rounds) | min ms | to listening ms | CPU to answer ms (JIT) | RSS "
                + "after answer MiB | RSS after %d s idle MiB |%s flags |", idleSeconds, loadSeconds == 0 ? ""
                        : f(" %s %d s at 16 connections: ops/s, server CPU ms/op | RSS after it MiB | %d s later MiB |",
                                loadWorkload, loadSeconds, idleSeconds)));
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|" + (loadSeconds == 0 ? "" : "---:|---:|---:|")
                + "---|");
        for (Config c : configs.values()) {
            List<Launch> ls = results.get(c.name());
            List<Launch> ref = results.get(c.reference());
            double t = Stats.median(ls.stream().map(Launch::toAnswerMs).toList());
            double refT = Stats.median(ref.stream().map(Launch::toAnswerMs).toList());
            List<Double> perRound = new ArrayList<>();
            for (int i = 0; i < ls.size(); i++) {
                perRound.add(ls.get(i).toAnswerMs() / ref.get(i).toAnswerMs());
            }
            String ratio = c.reference().equals(c.name()) ? "—"
                    : f("**%.2f** (%.2f)", t / refT, Stats.median(perRound));
            String load = "";
            if (loadSeconds > 0) {
                load = !loaded(c) ? " — | — | — |" : f(" %.0f, %.3f | %.1f | %.1f |",
                        Stats.median(ls.stream().map(Launch::loadOpsPerSecond).toList()),
                        Stats.median(ls.stream().map(Launch::loadCpuMsPerOp).toList()),
                        Stats.median(ls.stream().map(Launch::rssAfterLoadMiB).toList()),
                        Stats.median(ls.stream().map(Launch::rssAfterLoadIdleMiB).toList()));
            }
            System.out.println(f("| %s | %.0f | %s | %.0f | %.0f | %.0f (%.0f) | %.1f | %s |%s `%s` |", c.name(), t, ratio,
                    Stats.min(ls.stream().map(Launch::toAnswerMs).toList()),
                    Stats.median(ls.stream().map(Launch::toListeningMs).toList()),
                    Stats.median(ls.stream().map(Launch::cpuToAnswerMs).toList()),
                    Stats.median(ls.stream().map(Launch::jitCpuMs).toList()),
                    Stats.median(ls.stream().map(Launch::rssAfterAnswerMiB).toList()),
                    idleSeconds > 0 ? f("%.1f", Stats.median(ls.stream().map(Launch::rssIdleMiB).toList())) : "—",
                    load, String.join(" ", c.launchFlags()).replace(dir + "/", "")));
        }
    }

    /** Whether a set gets the load workload: Gureum's jar only (Main from benchmarks.jar has core and IAM alone). */
    private static boolean loaded(Config c) {
        return c.kind() == Kind.GUREUM_JAR || c.kind() == Kind.GUREUM_CP;
    }

    /** The earlier exploration: Main from benchmarks.jar, JVM defaults plus one change each. */
    static List<Config> flagSets(Path dir) {
        Path jsa = dir.resolve("gureum-app.jsa");
        String cds = "-XX:SharedArchiveFile=" + jsa;
        List<Config> c = new ArrayList<>();
        c.add(set("baseline", List.of(), null));
        c.add(set("tiered1", List.of("-XX:TieredStopAtLevel=1"), null));
        c.add(set("c1-1thread", List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1"), null));
        c.add(set("serialgc", List.of("-XX:+UseSerialGC"), null));
        c.add(set("xss512k", List.of("-Xss512k"), null));
        c.add(set("xshare-off", List.of("-Xshare:off"), null));
        c.add(set("appcds", List.of(), jsa));
        // Netty 4.2's allocators declare JFR events; checking whether JFR is on initialises jdk.jfr (~70 classes).
        c.add(set("netty-nojfr", List.of("-Dio.netty.jfr.enabled=false"), null));
        c.add(set("combo", List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", cds), null));
        c.add(set("combo-xms16", List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xms16m",
                "-XX:ReservedCodeCacheSize=32m", cds), null));
        c.add(set("combo-nojfr", List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", cds,
                "-Dio.netty.jfr.enabled=false"), null));
        return c;
    }

    private static Config set(String name, List<String> flags, Path archive) {
        return new Config(name, Kind.MAIN, null, flags, archive, "baseline");
    }

    /** Where the archives and the bare Netty jar go: next to benchmarks.jar when that is the class path. */
    static Path archiveDir() {
        Path cp = Path.of(ChildJvm.classPath().split(java.io.File.pathSeparator)[0]).toAbsolutePath();
        return Files.isRegularFile(cp) ? cp.getParent() : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * A runnable jar of Netty and {@link HelloServer} alone, copied out of benchmarks.jar: the bare server
     * must not pay for opening and searching a class path of 20,000 entries when Gureum's jar is its own.
     */
    static void writeBareNettyJar(Path out) throws IOException {
        Path source = Path.of(ChildJvm.classPath().split(java.io.File.pathSeparator)[0]);
        if (!Files.isRegularFile(source)) {
            throw new IllegalStateException("the bare Netty jar is copied out of benchmarks.jar; the class path "
                    + "starts with " + source);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, HelloServer.class.getName());
        String hello = HelloServer.class.getName().replace('.', '/');
        int copied = 0;
        try (JarFile in = new JarFile(source.toFile());
                JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out), manifest)) {
            for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                boolean wanted = !entry.isDirectory() && (name.startsWith("io/netty/")
                        || name.startsWith("META-INF/services/io.netty.")
                        || name.equals("META-INF/io.netty.versions.properties")
                        || name.equals(hello + ".class") || name.startsWith(hello + "$"));
                if (wanted) {
                    jar.putNextEntry(new JarEntry(name));
                    try (InputStream is = in.getInputStream(entry)) {
                        is.transferTo(jar);
                    }
                    jar.closeEntry();
                    copied++;
                }
            }
        }
        System.out.println(f("Bare Netty jar %s: %d classes and resources, %.1f MiB", out, copied,
                Files.size(out) / 1048576.0));
    }

    private static ChildJvm launch(Config c, List<String> flags) throws IOException {
        return switch (c.kind()) {
            case MAIN -> ChildJvm.gureum(flags);
            case GUREUM_JAR -> ChildJvm.gureumJar(c.jar(), flags);
            case GUREUM_CP -> ChildJvm.startWithClassPath(flags, c.jar(), "io.gureum.core.Main", List.of("--port", "0"));
            case NETTY_JAR -> ChildJvm.jar(c.jar(), flags, List.of("0"));
        };
    }

    /** A training run with -XX:ArchiveClassesAtExit: start, answer the request, stop (SIGTERM). */
    static void train(Config c, String request) throws Exception {
        Files.deleteIfExists(c.archive());
        long t0 = System.nanoTime();
        List<String> flags = new ArrayList<>(c.flags());
        flags.add("-XX:ArchiveClassesAtExit=" + c.archive());
        try (ChildJvm jvm = launch(c, flags)) {
            int port = jvm.awaitPort(60_000);
            firstAnswer(port, request);
            if (c.kind() == Kind.MAIN) { // benchmarks.jar logs bare messages
                jvm.awaitLine("Ready.", 10_000);
            }
            // SIGTERM; the archive is written at exit, which takes seconds on a loaded machine
            jvm.process.destroy();
            jvm.process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
        }
        if (!Files.isRegularFile(c.archive())) {
            throw new IllegalStateException("training run wrote no archive at " + c.archive());
        }
        System.out.println(f("%s: AppCDS archive %s, %.1f MiB, training run %.0f ms", c.name(), c.archive(),
                Files.size(c.archive()) / 1048576.0, (System.nanoTime() - t0) / 1e6));
    }

    /**
     * One launch: time and CPU (utime + stime of the process, 10 ms ticks) to the first answer, RSS then and
     * after {@code idleSeconds}; with a load workload, then {@link SdkLoad} at 16 connections for {@code
     * loadSeconds} (no warm-up), its rate and the server's CPU per operation, and RSS right after and {@code
     * idleSeconds} later.
     */
    static Launch launchOnce(Config c, String request, int idleSeconds, String loadWorkload,
            int loadSeconds) throws Exception {
        try (ChildJvm jvm = launch(c, c.launchFlags())) {
            int port = jvm.awaitPort(60_000);
            double listening = (System.nanoTime() - jvm.startNanos) / 1e6;
            firstAnswer(port, request);
            double answered = (System.nanoTime() - jvm.startNanos) / 1e6;
            double cpu = Peers.cpuTicks(jvm.process.pid()) * 10.0;
            double jit = jitCpuMs(jvm.process.pid());
            double rss = jvm.rssMiB();
            double idle = -1;
            if (idleSeconds > 0) {
                Thread.sleep(idleSeconds * 1000L);
                idle = jvm.rssMiB();
            }
            double ops = Double.NaN;
            double cpuPerOp = Double.NaN;
            double afterLoad = Double.NaN;
            double afterLoadIdle = Double.NaN;
            if (loadWorkload != null && loadSeconds > 0) {
                Peers.Result r = Peers.load(new Peers.Endpoint(jvm, port), loadWorkload, 16, 0, loadSeconds);
                if (r.errors() > 0) {
                    System.out.println(f("  %s: %d errors under load", c.name(), r.errors()));
                }
                ops = r.opsPerSecond();
                cpuPerOp = r.cpuMsPerOp();
                afterLoad = jvm.rssMiB();
                Thread.sleep(Math.max(idleSeconds, 1) * 1000L);
                afterLoadIdle = jvm.rssMiB();
            }
            return new Launch(answered, listening, cpu, jit, rss, idle, ops, cpuPerOp, afterLoad, afterLoadIdle);
        }
    }

    /** CPU time of the JIT compiler threads (C1 and C2) so far, from /proc/PID/task; NaN where unreadable. */
    static double jitCpuMs(long pid) {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String comm = Files.readString(task.resolve("comm")).trim();
                if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return ticks * 10.0;
    }

    /** Sends the request ({@code sts}: GetCallerIdentity, {@code root}: {@code GET /}) until answered 200. */
    static void firstAnswer(int port, String kind) throws IOException, InterruptedException {
        byte[] request = kind.equals("root")
                ? ("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII)
                : AwsRequests.getCallerIdentity(port);
        for (int attempt = 0; ; attempt++) {
            try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                c.keepBody = true;
                int status = c.exchange(request);
                if (status != 200) {
                    throw new IllegalStateException("first request answered " + status + ": " + c.bodyText());
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
