package io.gureum.cloudformation.resource.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.eventbridge.model.EndpointEventBus;
import software.amazon.awssdk.services.eventbridge.model.ReplicationConfig;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RoutingConfig;

/**
 * {@code AWS::Events::Endpoint} (a global endpoint). {@code Ref} is its name (generated when {@code Name} is
 * absent); {@code Fn::GetAtt} gives {@code Arn}, {@code EndpointId}, {@code EndpointUrl}, {@code State} and
 * {@code StateReason}. {@code Name} replaces it; the rest changes in place with UpdateEndpoint.
 */
public final class EndpointHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Name", "Description", "RoutingConfig", "ReplicationConfig",
            "EventBuses", "RoleArn");

    @Override
    public String type() {
        return "AWS::Events::Endpoint";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("Name") ? r.text("Name") : r.generatedName(64);
        EventBridgeClient events = r.client(EventBridgeClient.class);
        events.createEndpoint(b -> b.name(name).description(r.text("Description"))
                .routingConfig(SdkJson.build(r.property("RoutingConfig"), RoutingConfig.builder(), "RoutingConfig"))
                .replicationConfig(replication(r)).eventBuses(buses(r.property("EventBuses")))
                .roleArn(r.text("RoleArn")));
        return attributes(name, events.describeEndpoint(b -> b.name(name)));
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        EventBridgeClient events = r.client(EventBridgeClient.class);
        events.updateEndpoint(b -> b.name(r.physicalId()).description(r.text("Description"))
                .routingConfig(r.has("RoutingConfig") ? SdkJson.build(r.property("RoutingConfig"),
                        RoutingConfig.builder(), "RoutingConfig") : null)
                .replicationConfig(replication(r)).eventBuses(r.has("EventBuses") ? buses(r.property("EventBuses")) : null)
                .roleArn(r.text("RoleArn")));
        return attributes(r.physicalId(), events.describeEndpoint(b -> b.name(r.physicalId())));
    }

    private static ReplicationConfig replication(ResourceRequest r) {
        return r.has("ReplicationConfig") ? SdkJson.build(r.property("ReplicationConfig"), ReplicationConfig.builder(),
                "ReplicationConfig") : null;
    }

    private static List<EndpointEventBus> buses(JsonNode list) {
        List<EndpointEventBus> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(b -> out.add(SdkJson.build(b, EndpointEventBus.builder(), "EventBuses")));
        }
        return out;
    }

    private static Created attributes(String name, DescribeEndpointResponse d) {
        Created c = Created.of(name).attribute("Arn", d.arn()).attribute("EndpointId", d.endpointId())
                .attribute("EndpointUrl", d.endpointUrl()).attribute("State", d.stateAsString());
        return d.stateReason() == null ? c : c.attribute("StateReason", d.stateReason());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(EventBridgeClient.class).deleteEndpoint(b -> b.name(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }
}
