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
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.gureum.core.Main", "--port", "0"));
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
