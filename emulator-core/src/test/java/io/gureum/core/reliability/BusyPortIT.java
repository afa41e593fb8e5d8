package io.gureum.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.Main;
import io.gureum.core.server.PortUnavailableException;
import io.gureum.core.testing.TestServices;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Starting on a port in use fails at once, names the port, and leaves no thread running. */
class BusyPortIT {
    @Test
    void startThrowsNamingThePortAndLeavesNoThreads() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Set<Thread> before = nonDaemonThreads();
            PortUnavailableException e = assertThrows(PortUnavailableException.class, () -> Gureum.start(
                    GureumConfig.builder().port(busy.getLocalPort()).build(), TestServices.all()));
            assertTrue(e.getMessage().contains("port " + busy.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            Set<Thread> after = nonDaemonThreads();
            after.removeAll(before);
            for (Thread t : after) {
                t.join(30_000); // Netty's global executor thread ends by itself a second after its last task
            }
            after.removeIf(t -> !t.isAlive());
            assertEquals(Set.of(), after, "threads left behind");
        }
    }

    /** The CLI: exit status 1 and one line on stderr naming the port, not a JVM that keeps running. */
    @Test
    void theCliExitsNonZeroWithOneLine() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "--port", String.valueOf(busy.getLocalPort()), "--log-level", "warn"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
            boolean exited = p.waitFor(120, TimeUnit.SECONDS);
            if (!exited) {
                p.destroyForcibly();
            }
            assertTrue(exited, "the JVM kept running");
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(1, p.exitValue(), stderr);
            assertEquals("gureum: cannot start: port " + busy.getLocalPort() + " on 127.0.0.1 is already in use", stderr);
        }
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.isDaemon() && t.isAlive())
                .collect(Collectors.toSet());
    }

}
