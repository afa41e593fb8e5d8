package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.model.EndpointEventBus;
import software.amazon.awssdk.services.eventbridge.model.EndpointState;
import software.amazon.awssdk.services.eventbridge.model.ReplicationState;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/** Global endpoints: stored configuration with its states and checks. */
class GlobalEndpointsIT extends EventsTestSupport {
    static final String HEALTH = "arn:aws:route53:::healthcheck/abc";

    static EndpointEventBus bus(String region, String name) {
        return EndpointEventBus.builder().eventBusArn("arn:aws:events:" + region + ":" + ACCOUNT + ":event-bus/" + name)
                .build();
    }

    @Test
    void anEndpointIsCreatedDescribedUpdatedAndDeleted() {
        String name = unique("ep");
        var created = events.createEndpoint(b -> b.name(name).description("two regions")
                .routingConfig(r -> r.failoverConfig(f -> f.primary(p -> p.healthCheck(HEALTH))
                        .secondary(s -> s.route("us-west-2"))))
                .eventBuses(bus("us-east-1", "orders"), bus("us-west-2", "orders"))
                .roleArn("arn:aws:iam::" + ACCOUNT + ":role/replication"));
        assertEquals(EndpointState.CREATING, created.state());
        assertEquals("arn:aws:events:us-east-1:" + ACCOUNT + ":endpoint/" + name, created.arn());
        assertEquals(ReplicationState.ENABLED, created.replicationConfig().state(), "replication is on by default");
        var d = events.describeEndpoint(b -> b.name(name));
        assertEquals(EndpointState.ACTIVE, d.state());
        assertEquals("two regions", d.description());
        assertEquals(HEALTH, d.routingConfig().failoverConfig().primary().healthCheck());
        assertTrue(d.endpointUrl().equals("https://" + d.endpointId() + ".endpoint.events.amazonaws.com"),
                d.endpointUrl());
        assertEquals(1, events.listEndpoints(b -> b.namePrefix(name)).endpoints().size());
        assertEquals(0, events.listEndpoints(b -> b.namePrefix(name).homeRegion("eu-west-1")).endpoints().size());

        var updated = events.updateEndpoint(b -> b.name(name).replicationConfig(r -> r.state(ReplicationState.DISABLED)));
        assertEquals(EndpointState.UPDATING, updated.state());
        assertEquals(ReplicationState.DISABLED, events.describeEndpoint(b -> b.name(name)).replicationConfig().state());

        assertError(ResourceAlreadyExistsException.class, "ResourceAlreadyExistsException", 400, null,
                () -> events.createEndpoint(b -> b.name(name).routingConfig(r -> r.failoverConfig(f -> f
                        .primary(p -> p.healthCheck(HEALTH)).secondary(s -> s.route("us-west-2"))))
                        .replicationConfig(r -> r.state(ReplicationState.DISABLED))
                        .eventBuses(bus("us-east-1", "orders"), bus("us-west-2", "orders"))));
        events.deleteEndpoint(b -> b.name(name));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> events.describeEndpoint(b -> b.name(name)));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> events.deleteEndpoint(b -> b.name(name)));
    }

    @Test
    void theBusesMustBeOneInEachRegionAndReplicationNeedsARole() {
        assertError(AwsServiceException.class, "ValidationException", 400, null, () -> events.createEndpoint(b -> b
                .name(unique("ep")).routingConfig(r -> r.failoverConfig(f -> f.primary(p -> p.healthCheck(HEALTH))
                        .secondary(s -> s.route("us-west-2"))))
                .replicationConfig(r -> r.state(ReplicationState.DISABLED))
                .eventBuses(bus("us-east-1", "orders"), bus("us-west-2", "other"))));
        assertError(AwsServiceException.class, "ValidationException", 400, null, () -> events.createEndpoint(b -> b
                .name(unique("ep")).routingConfig(r -> r.failoverConfig(f -> f.primary(p -> p.healthCheck(HEALTH))
                        .secondary(s -> s.route("us-east-1"))))
                .replicationConfig(r -> r.state(ReplicationState.DISABLED))
                .eventBuses(bus("us-east-1", "orders"), bus("us-west-2", "orders"))));
        assertError(AwsServiceException.class, "ValidationException", 400, null, () -> events.createEndpoint(b -> b
                .name(unique("ep")).routingConfig(r -> r.failoverConfig(f -> f.primary(p -> p.healthCheck(HEALTH))
                        .secondary(s -> s.route("us-west-2"))))
                .eventBuses(bus("us-east-1", "orders"), bus("us-west-2", "orders"))));
    }
}
