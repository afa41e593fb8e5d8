package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM running {@code io.gureum.core.Main} from the test class path on port 0, as a user's
 * {@code java -jar} would: started, its port read from its "Listening on" line, the rest of its output kept
 * (so its pipe never fills), stopped with SIGTERM or killed with SIGKILL.
 */
final class ChildServer {
    /** Small JVM options for child servers that only need to answer. */
    static final List<String> SMALL = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Pattern LISTENING = Pattern.compile("Listening on .* \\(port (\\d+)\\)");
    private static final java.util.Map<List<String>, List<String>> ARCHIVES = new java.util.HashMap<>();

    final Process process;
    final int port;
    final URI endpoint;
    private final StringBuffer output;

    private ChildServer(Process process, int port, StringBuffer output) {
        this.process = process;
        this.port = port;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.output = output;
    }

    /** {@code java <jvmOptions> -cp <test class path> io.gureum.core.Main --port 0 <args>}. */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        boolean archived = jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile=")
                || o.startsWith("-XX:ArchiveClassesAtExit="));
        command.addAll(List.of("-cp", archived ? jarClassPath() : classPath(), "io.gureum.core.Main", "--port", "0"));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts the server and returns once it listens; fails the test with its output if it never does. */
    static ChildServer start(List<String> jvmOptions, String... args) throws IOException {
        Process p = new ProcessBuilder(command(jvmOptions, args)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuffer seen = new StringBuffer();
        int port = -1;
        for (String line; port < 0 && (line = out.readLine()) != null;) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            }
        }
        if (port < 0) {
            p.destroyForcibly();
            throw new AssertionError("the server never said where it listens:\n" + seen);
        }
        Thread drain = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null;) {
                    seen.append(line).append('\n');
                }
            } catch (IOException gone) {
                // the process is gone
            }
        }, "child-server-output");
        drain.setDaemon(true);
        drain.start();
        return new ChildServer(p, port, seen);
    }

    /**
     * JVM options that load a child server's start-up classes from a class-data archive (AppCDS) made once per
     * test JVM for these options and arguments: one child started with them on its own data directory and
     * stopped with SIGTERM writes it. Later children start on about half the CPU, which tests that start many
     * servers (CrashSafetyIT) notice. The JVM's CDS messages are off, so the output is the server's alone.
     * Children with these options run from the class path's jars only ({@link #jarClassPath}); where no archive
     * could be made (a class path of other modules' directories, as in an IDE), no options.
     */
    static synchronized List<String> sharedArchive(List<String> jvmOptions, String... args) throws Exception {
        List<String> key = new ArrayList<>(jvmOptions);
        key.addAll(List.of(args));
        List<String> options = ARCHIVES.get(key);
        if (options == null && !onlyThisModulesDirectories()) {
            options = List.of();
            ARCHIVES.put(key, options);
        }
        if (options == null) {
            Path dir = java.nio.file.Files.createTempDirectory("gureum-cds-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "child-archive-cleanup"));
            Path archive = dir.resolve("child.jsa");
            List<String> writing = new ArrayList<>(jvmOptions);
            writing.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off"));
            List<String> serverArgs = new ArrayList<>(List.of(args));
            serverArgs.addAll(List.of("--data-dir", dir.resolve("data").toString()));
            start(writing, serverArgs.toArray(String[]::new)).stop();
            options = java.nio.file.Files.isRegularFile(archive) && java.nio.file.Files.size(archive) > 0
                    ? List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off")
                    : List.of();
            ARCHIVES.put(key, options);
        }
        return options;
    }

    /**
     * The test class path without its directories: CDS archives only classes from jars. The directories are
     * this module's own classes and test classes (its Logback set-up yields to the test-jar's logback-test.xml),
     * which a server does not need; the services and core come as jars from the reactor or the local repository.
     */
    private static String jarClassPath() {
        List<String> jars = new ArrayList<>();
        for (String entry : classPath().split(java.io.File.pathSeparator)) {
            if (!java.nio.file.Files.isDirectory(Path.of(entry))) {
                jars.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, jars);
    }

    private static String stableClassPath;

    /**
     * The test class path with Gureum's own jars from the local Maven repository replaced by copies made once per
     * test JVM. A {@code mvn install} run meanwhile (by anyone sharing {@code ~/.m2}) rewrites those jars in place:
     * Maven 3.8's resolver copies onto the old file, so a running child server that loads a class for the first
     * time reads another build's bytes at the old offsets and fails with NoClassDefFoundError. A CrashSafetyIT
     * restart answered its first GetQueueUrl with 500 that way (the class was io.gureum.sqs.QueueUrls when shown
     * again by rewriting the jar under a restarted server). The SDK's and other libraries' jars are never rewritten.
     */
    static synchronized String classPath() {
        if (stableClassPath == null) {
            List<String> entries = new ArrayList<>();
            Path copies = null;
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path p = Path.of(entry);
                if (!p.toString().replace('\\', '/').contains("/.m2/repository/io/gureum/")
                        || !java.nio.file.Files.isRegularFile(p)) {
                    entries.add(entry);
                    continue;
                }
                try {
                    if (copies == null) {
                        copies = java.nio.file.Files.createTempDirectory("gureum-child-jars-");
                        Path dir = copies;
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "child-jars-cleanup"));
                    }
                    entries.add(copyWhole(p, copies.resolve(p.getFileName())).toString());
                } catch (IOException e) {
                    entries.add(entry); // no copy: the jar itself, as before
                }
            }
            stableClassPath = String.join(java.io.File.pathSeparator, entries);
        }
        return stableClassPath;
    }

    /** Copies a jar and checks the copy reads as a whole zip (an install may be rewriting it): tries a few times. */
    private static Path copyWhole(Path jar, Path copy) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            java.nio.file.Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(copy.toFile())) {
                zip.stream().forEach(e -> {
                });
                return copy;
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    /** Whether every directory of the test class path is under this module's target (else: no archive). */
    private static boolean onlyThisModulesDirectories() {
        Path target = Path.of("target").toAbsolutePath().normalize();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (java.nio.file.Files.isDirectory(p) && !p.startsWith(target)) {
                return false;
            }
        }
        return true;
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException gone) {
            // a temporary directory: nothing to keep
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Everything the server printed so far, the start-up lines included. */
    String output() {
        return output.toString();
    }

    /** SIGTERM: the shutdown hook closes the server. */
    void stop() throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the server did not stop on SIGTERM");
    }

    /** SIGKILL on Linux: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }
}
