package io.gureum.junit5;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Gureum's Docker image as a Testcontainers container, for users who prefer a container to the
 * in-JVM {@link GureumExtension}. Needs {@code org.testcontainers:testcontainers} on the test class path.
 *
 * <pre>{@code
 * @Container
 * static GureumContainer aws = new GureumContainer();   // ghcr.io/gureum/gureum, this library's version
 * S3Client s3 = S3Client.builder().endpointOverride(aws.endpoint()).forcePathStyle(true) ...
 * }</pre>
 *
 * The container counts as started when Gureum logs {@code Ready.}, after every service has loaded.
 */
public class GureumContainer extends GenericContainer<GureumContainer> {
    public static final int PORT = 4566;
    /** Where release builds publish the image (the tag workflow, {@code .github/workflows/release.yml}). */
    public static final String IMAGE_REPOSITORY = "ghcr.io/gureum/gureum";
    /** The image of this library's release ({@code latest} for snapshot builds). */
    public static final String DEFAULT_IMAGE = IMAGE_REPOSITORY + ":" + imageTag(libraryVersion());
    /** The log line Gureum prints once it serves requests (a line, as Testcontainers matches it). */
    static final String READY_LINE = ".* - Ready\\.\\s*";

    /** The image of this library's release: {@link #DEFAULT_IMAGE}. */
    public GureumContainer() {
        this(DEFAULT_IMAGE);
    }

    public GureumContainer(String image) {
        this(DockerImageName.parse(image));
    }

    public GureumContainer(DockerImageName image) {
        super(image);
        withExposedPorts(PORT);
        withEnv("GUREUM_HOST", "0.0.0.0");
        // Generous: a first start on a busy CI machine may take far longer than the usual second or two.
        waitingFor(Wait.forLogMessage(READY_LINE, 1).withStartupTimeout(Duration.ofMinutes(3)));
    }

    /** Only these services (comma-separated names, as {@code SERVICES}). */
    public GureumContainer withServices(String... names) {
        return withEnv("SERVICES", String.join(",", names));
    }

    /** The endpoint to pass to {@code endpointOverride}. */
    public URI endpoint() {
        return URI.create("http://" + getHost() + ":" + getMappedPort(PORT));
    }

    static String imageTag(String version) {
        return version.endsWith("-SNAPSHOT") ? "latest" : version;
    }

    private static String libraryVersion() {
        Properties p = new Properties();
        try (InputStream in = GureumContainer.class.getResourceAsStream("gureum-junit5.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = p.getProperty("version", "");
        return v.isEmpty() || v.startsWith("${") ? "latest" : v;
    }
}
