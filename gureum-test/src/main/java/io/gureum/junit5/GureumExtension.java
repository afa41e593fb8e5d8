package io.gureum.junit5;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Runs Gureum inside the test JVM, on a free port, no Docker needed:
 *
 * <pre>{@code
 * @RegisterExtension
 * static GureumExtension aws = GureumExtension.builder().services("s3", "sqs").resetBetweenTests().build();
 *
 * @Test
 * void works() {
 *     S3Client s3 = aws.client(S3Client.class);
 * }
 * }</pre>
 *
 * Use it as a {@code static} field: one server serves the test class. Clients it made are closed
 * when the class finishes. A field of an abstract base class gives each subclass its own server, one
 * after the other; {@code @Nested} classes share their outer class's server.
 */
public final class GureumExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final GureumConfig config;
    private final List<AwsService> registrations;
    private final boolean resetBetweenTests;
    private final Region region;
    private final AwsBasicCredentials credentials;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private Gureum gureum;
    private String startedBy;

    private GureumExtension(Builder b) {
        GureumConfig.Builder config = GureumConfig.builder().port(0).defaultRegion(b.region.id());
        if (!b.services.isEmpty()) {
            config.services(b.services);
        }
        b.configurers.forEach(c -> c.accept(config));
        this.config = config.build();
        this.registrations = b.registrations.isEmpty() ? null : List.copyOf(b.registrations);
        this.resetBetweenTests = b.resetBetweenTests;
        this.region = b.region;
        this.credentials = AwsBasicCredentials.create(b.accessKeyId, "test");
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (gureum == null) {
            gureum = registrations == null ? Gureum.start(config) : Gureum.start(config, registrations);
            startedBy = context.getUniqueId();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (resetBetweenTests) {
            reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (!context.getUniqueId().equals(startedBy)) {
            return; // a @Nested class ends; its outer class still uses the server
        }
        for (AutoCloseable c : clients) {
            c.close();
        }
        clients.clear();
        if (gureum != null) {
            gureum.close();
            gureum = null;
            startedBy = null;
        }
    }

    /** The endpoint to pass to {@code endpointOverride}, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return running().endpoint();
    }

    public Region region() {
        return region;
    }

    /** Static credentials whose access key decides the account ({@code 000000000000} by default). */
    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(credentials);
    }

    /** The running server, for tests that need its clock or configuration. */
    public Gureum gureum() {
        return running();
    }

    /** Shared services of the running server: its clock, IDs, registry … */
    public ServiceContext context() {
        return running().context();
    }

    /**
     * A ready-made SDK v2 sync client of the given type ({@code S3Client.class} …), configured for this
     * server; the extension closes it after the test class.
     */
    public <T> T client(Class<T> clientType) {
        T client = SdkClients.create(clientType, endpoint(), region, credentials());
        if (client instanceof AutoCloseable closeable) {
            synchronized (clients) {
                clients.add(closeable);
            }
        }
        return client;
    }

    /** Drops all state of every service, as {@code POST /_gureum/reset} does. */
    public void reset() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(endpoint().resolve("/_gureum/reset"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Reset failed: " + r.statusCode() + " " + r.body());
        }
    }

    private Gureum running() {
        if (gureum == null) {
            throw new IllegalStateException("Gureum is not running: register the extension on a static field");
        }
        return gureum;
    }

    /** Configures the extension. */
    public static final class Builder {
        private final Set<String> services = new LinkedHashSet<>();
        private final List<AwsService> registrations = new ArrayList<>();
        private final List<Consumer<GureumConfig.Builder>> configurers = new ArrayList<>();
        private boolean resetBetweenTests;
        private Region region = Region.US_EAST_1;
        private String accessKeyId = "test";

        /** Only these services (all on the class path when none are named). */
        public Builder services(String... names) {
            services.addAll(List.of(names));
            return this;
        }

        /**
         * Exactly these registrations instead of those found on the class path, e.g. a module's own
         * service beside a fake one (still filtered by {@link #services(String...)} if names are given).
         */
        public Builder services(AwsService... registrations) {
            this.registrations.addAll(List.of(registrations));
            return this;
        }

        /**
         * Further server settings, applied after the extension's own (free port, region), e.g.
         * {@code config(c -> c.verifySignatures(true))}.
         */
        public Builder config(Consumer<GureumConfig.Builder> configurer) {
            this.configurers.add(configurer);
            return this;
        }

        /** Reset all state before each test. */
        public Builder resetBetweenTests() {
            this.resetBetweenTests = true;
            return this;
        }

        public Builder region(Region region) {
            this.region = region;
            return this;
        }

        /** The access key of the ready-made clients; a 12-digit key acts in that account. */
        public Builder accessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
            return this;
        }

        public GureumExtension build() {
            return new GureumExtension(this);
        }
    }
}
