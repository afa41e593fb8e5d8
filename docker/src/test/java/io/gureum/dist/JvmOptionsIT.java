package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's start command reads its JVM flags from {@code docker/jvm.options} (the image's entry point
 * does too): the file must parse, its flags must take effect, and a server started with them must answer.
 * The server here runs from the test class path, since the shaded jar is built after the tests.
 */
class JvmOptionsIT {
    private static final Pattern LISTENING = Pattern.compile("Listening on .* \\(port (\\d+)\\)");

    @Test
    void aServerStartedWithTheLaunchersFlagsRunsTheSerialCollectorFromA48MbHeapAndAnswers() throws Exception {
        Path options = Path.of("jvm.options").toAbsolutePath();
        assertTrue(Files.isRegularFile(options), options + " (the module directory is the working directory)");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "@" + options, "-XX:+PrintCommandLineFlags", "-cp",
                System.getProperty("java.class.path"), "io.gureum.core.Main", "--port", "0", "--services", "sts"));
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            int port = -1;
            for (String line; port < 0 && (line = out.readLine()) != null;) {
                seen.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertTrue(port > 0, "the server never said where it listens:\n" + seen);
            String flags = seen.toString();
            assertTrue(flags.contains("-XX:+UseSerialGC"), flags);
            assertTrue(flags.contains("-XX:InitialHeapSize=33554432"), flags);
            assertTrue(flags.contains("-XX:MaxNewSize=16777216"), flags);
            assertTrue(flags.contains("-XX:ThreadStackSize=512"), flags);
            assertTrue(!flags.contains("warning"), "the JVM warns about the flags:\n" + flags);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/_gureum/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
        } finally {
            server.destroy();
            assertTrue(server.waitFor(120, TimeUnit.SECONDS), "the server did not stop on SIGTERM");
        }
    }
}
