package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, for the console's tests: a page's DOM after its scripts ran
 * ({@code --dump-dom} with a virtual time budget, so fetches finish however busy the machine is) and
 * screenshots. Only loopback is reachable: every other address goes to a proxy at 127.0.0.1:9, where
 * nothing listens, and Chromium's own background traffic (updates, sync, metrics) is switched off.
 */
final class HeadlessChromium {
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");

    private HeadlessChromium() {
    }

    static Path executable() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Path.of(configured);
        }
        for (String c : CANDIDATES) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return fail("The console tests need Chromium: apt-get install chromium (README.md, Prerequisites),"
                + " or set CHROMIUM to its path");
    }

    /** The DOM of {@code url} once its scripts have run. */
    static String dom(String url) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", url));
    }

    /** A PNG of {@code url} at 1280×{@code height}. */
    static void screenshot(String url, Path png, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        run(List.of("--hide-scrollbars", "--window-size=1280," + height, "--screenshot=" + png.toAbsolutePath(), url));
    }

    private static String run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("gureum-chromium-");
        Path out = Files.createTempFile("gureum-chromium-", ".html");
        try {
            List<String> command = new ArrayList<>(List.of(executable().toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--no-pings",
                    "--disable-domain-reliability", "--metrics-recording-only", "--proxy-server=http://127.0.0.1:9",
                    "--user-data-dir=" + profile, "--virtual-time-budget=15000"));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // Generous: the point is the page, not Chromium's speed on a busy machine.
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("Chromium did not finish within 180 s: " + args);
            }
            assertEquals(0, p.exitValue(), "Chromium's exit status for " + args);
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
