package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.model.ImageDetail;

/**
 * A real OCI client against the registry API: {@code podman} builds a one-file image {@code FROM scratch} (nothing
 * is pulled), pushes it to {@code localhost:<port>} over plain HTTP with the GetAuthorizationToken password, and
 * pulls it back. Skipped where podman is not installed.
 */
class RegistryPodmanIT extends EcrTestSupport {
    @TempDir
    Path dir;

    private static boolean podman() {
        try {
            Process p = new ProcessBuilder("podman", "--version").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertEquals(0, done ? p.exitValue() : -1, String.join(" ", command) + "\n" + out);
        return out;
    }

    @Test
    void podmanPushesAndPullsAnImage() throws Exception {
        assumeTrue(podman(), "podman is not installed");
        String repo = repository("podman/hello");
        String password = new String(java.util.Base64.getDecoder().decode(ecr.getAuthorizationToken(b -> { })
                .authorizationData().get(0).authorizationToken()), StandardCharsets.UTF_8).substring(4);
        Files.writeString(dir.resolve("hello.txt"), "hello from " + repo + "\n");
        Files.writeString(dir.resolve("Containerfile"), "FROM scratch\nCOPY hello.txt /hello.txt\n");
        String image = "localhost:" + gureum.endpoint().getPort() + "/" + repo + ":v1";
        List<String> cleanup = new ArrayList<>();
        try {
            run("podman", "build", "--pull=never", "-t", image, dir.toString());
            cleanup.add(image);
            run("podman", "push", "--tls-verify=false", "--creds", "AWS:" + password, image);

            ImageDetail pushed = ecr.describeImages(b -> b.repositoryName(repo)).imageDetails().get(0);
            assertEquals(List.of("v1"), pushed.imageTags());

            run("podman", "rmi", image);
            run("podman", "pull", "--tls-verify=false", "--creds", "AWS:" + password, image);
            String digest = run("podman", "image", "inspect", "--format", "{{.Digest}}", image).trim();
            assertEquals(pushed.imageDigest(), digest);
        } finally {
            for (String i : cleanup) {
                new ProcessBuilder("podman", "rmi", "-f", i).redirectErrorStream(true).start()
                        .waitFor(60, TimeUnit.SECONDS);
            }
        }
    }
}
