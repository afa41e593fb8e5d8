package io.gureum.junit5;

import java.net.URI;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Gureum's Docker image as a Testcontainers container, for users who prefer a container to the
 * in-JVM {@link GureumExtension}. Needs {@code org.testcontainers:testcontainers} on the test class path.
 *
 * <pre>{@code
 * @Container
 * static GureumContainer aws = new GureumContainer("gureum:latest");
 * S3Client s3 = S3Client.builder().endpointOverride(aws.endpoint()).forcePathStyle(true) ...
 * }</pre>
 */
public class GureumContainer extends GenericContainer<GureumContainer> {
    public static final int PORT = 4566;

    public GureumContainer(String image) {
        this(DockerImageName.parse(image));
    }

    public GureumContainer(DockerImageName image) {
        super(image);
        withExposedPorts(PORT);
        withEnv("GUREUM_HOST", "0.0.0.0");
        waitingFor(Wait.forHttp("/_gureum/health").forPort(PORT).forStatusCode(200)
                .withStartupTimeout(Duration.ofSeconds(60)));
    }

    /** Only these services (comma-separated names, as {@code SERVICES}). */
    public GureumContainer withServices(String... names) {
        return withEnv("SERVICES", String.join(",", names));
    }

    /** The endpoint to pass to {@code endpointOverride}. */
    public URI endpoint() {
        return URI.create("http://" + getHost() + ":" + getMappedPort(PORT));
    }
}
