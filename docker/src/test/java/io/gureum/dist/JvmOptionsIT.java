package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's start command reads its JVM flags from {@code docker/jvm.options} (the image's entry point
 * does too): the file must parse, its flags must take effect, and a server started with them must answer.
 * The server here runs from the test class path, since the shaded jar is built after the tests.
 */
class JvmOptionsIT {

    @Test
    void aServerStartedWithTheLaunchersFlagsRunsTheSerialCollectorFromA48MbHeapAndAnswers() throws Exception {
        Path options = Path.of("jvm.options").toAbsolutePath();
        assertTrue(Files.isRegularFile(options), options + " (the module directory is the working directory)");
        ChildServer server = ChildServer.start(List.of("@" + options, "-XX:+PrintCommandLineFlags"), "--services",
                "sts");
        try {
            String flags = server.output();
            assertTrue(flags.contains("-XX:+UseSerialGC"), flags);
            assertTrue(flags.contains("-XX:InitialHeapSize=33554432"), flags);
            assertTrue(flags.contains("-XX:MaxNewSize=16777216"), flags);
            assertTrue(flags.contains("-XX:ThreadStackSize=512"), flags);
            // ADR 0017: free C-heap pages go back to the OS every 5 s (JDK 17.0.9 on; the test JDK has it).
            assertTrue(flags.contains("-XX:TrimNativeHeapInterval=5000"), flags);
            assertTrue(!flags.contains("warning"), "the JVM warns about the flags:\n" + flags);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.url("/_gureum/health"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
        } finally {
            server.stop();
        }
    }
}
