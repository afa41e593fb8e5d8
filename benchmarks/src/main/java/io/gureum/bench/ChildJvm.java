package io.gureum.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JVM the benchmarks start: same java, same class path (benchmarks.jar), its own heap and GC. */
final class ChildJvm implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("\\(port (\\d+)\\)|Listening on port (\\d+)");

    final Process process;
    final long startNanos;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = java.util.Collections.synchronizedList(new ArrayList<>());
    private final boolean echo;

    private ChildJvm(Process process, long startNanos, boolean echo) {
        this.process = process;
        this.startNanos = startNanos;
        this.echo = echo;
        Thread reader = new Thread(this::pump, "child-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The class path children run with: {@code -Dbench.classpath}, else this JVM's own. */
    static String classPath() {
        return System.getProperty("bench.classpath", System.getProperty("java.class.path"));
    }

    static ChildJvm start(List<String> jvmFlags, String mainClass, List<String> args, boolean echo)
            throws IOException {
        return start(jvmFlags, classPath(), mainClass, args, echo);
    }

    /** A JVM on another class path: a peer server of {@link Peers}. */
    static ChildJvm startWithClassPath(List<String> jvmFlags, String classPath, String mainClass, List<String> args)
            throws IOException {
        return start(jvmFlags, classPath, mainClass, args, false);
    }

    private static ChildJvm start(List<String> jvmFlags, String classPath, String mainClass, List<String> args,
            boolean echo) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin());
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        return new ChildJvm(p, t0, echo);
    }

    /** Starts {@code java <flags> -jar <jar> --port 0}: a server built from another commit, for comparisons. */
    static ChildJvm gureumJar(String jar, List<String> jvmFlags) throws IOException {
        return gureumJar(jar, jvmFlags, List.of());
    }

    /** Starts the shaded jar with {@code --port 0} and the given options (e.g. {@code --data-dir D}, {@code --enforce-iam}). */
    static ChildJvm gureumJar(String jar, List<String> jvmFlags, List<String> options) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin());
        cmd.addAll(jvmFlags);
        cmd.add("-jar");
        cmd.add(jar);
        cmd.add("--port");
        cmd.add("0");
        cmd.addAll(options);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return new ChildJvm(p, t0, false);
    }

    /** Starts {@code java <flags> -jar <jar> <args>}: any runnable jar (ColdStart's bare Netty jar). */
    static ChildJvm jar(String jar, List<String> jvmFlags, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin());
        cmd.addAll(jvmFlags);
        cmd.add("-jar");
        cmd.add(jar);
        cmd.addAll(args);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return new ChildJvm(p, t0, false);
    }

    /** Starts {@code io.gureum.core.Main --port 0} with the given JVM flags. */
    static ChildJvm gureum(List<String> jvmFlags) throws IOException {
        return start(jvmFlags, "io.gureum.core.Main", List.of("--port", "0"), false);
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                transcript.add(line);
                if (echo) {
                    System.out.println(line);
                }
                lines.add(line);
            }
        } catch (IOException ignored) {
            // process gone
        }
    }

    /** Waits for the line announcing the port ("… (port N)" or "Listening on port N") and returns N. */
    int awaitPort(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new IllegalStateException("no port announced within " + timeoutMillis + " ms; output:\n"
                        + String.join("\n", transcript));
            }
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
    }

    /** Waits for a line that starts with {@code prefix} and returns it. */
    String awaitLine(String prefix, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new IllegalStateException("no line '" + prefix + "' within " + timeoutMillis
                        + " ms; output:\n" + String.join("\n", transcript));
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Resident set size in MiB from /proc/PID/status (VmRSS), or -1 where there is no /proc. */
    double rssMiB() {
        return rssMiB(process.pid());
    }

    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] f = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(f[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    List<String> transcript() {
        synchronized (transcript) {
            return new ArrayList<>(transcript);
        }
    }

    /** SIGTERM (shutdown hooks run, so -XX:ArchiveClassesAtExit dumps), then SIGKILL after 10 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
