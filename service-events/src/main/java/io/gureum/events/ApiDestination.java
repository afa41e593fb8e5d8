package io.gureum.events;

import java.time.Instant;

/** One API destination: an HTTPS endpoint, its method, the connection that authorizes it. */
final class ApiDestination {
    final String name;
    final String arn;
    final Instant creationTime;
    volatile String description;
    volatile String connectionArn;
    volatile String invocationEndpoint;
    volatile String httpMethod;
    volatile Integer invocationRateLimitPerSecond;
    volatile String state = "ACTIVE";
    volatile Instant lastModifiedTime;

    ApiDestination(String name, String arn, Instant creationTime) {
        this.name = name;
        this.arn = arn;
        this.creationTime = creationTime;
        this.lastModifiedTime = creationTime;
    }
}
