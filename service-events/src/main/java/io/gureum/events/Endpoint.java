package io.gureum.events;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.model.EndpointEventBus;
import software.amazon.awssdk.services.eventbridge.model.ReplicationConfig;
import software.amazon.awssdk.services.eventbridge.model.RoutingConfig;

/** One global endpoint: stored configuration (Gureum routes no events through it). */
final class Endpoint {
    final String name;
    final String arn;
    final String endpointId;
    final Instant creationTime;
    volatile String description;
    volatile RoutingConfig routingConfig;
    volatile ReplicationConfig replicationConfig;
    volatile List<EndpointEventBus> eventBuses;
    volatile String roleArn;
    volatile String state = "ACTIVE";
    volatile Instant lastModifiedTime;

    Endpoint(String name, String arn, String endpointId, Instant creationTime) {
        this.name = name;
        this.arn = arn;
        this.endpointId = endpointId;
        this.creationTime = creationTime;
        this.lastModifiedTime = creationTime;
    }

    String url() {
        return "https://" + endpointId + ".endpoint.events.amazonaws.com";
    }
}
