package io.gureum.events;

import io.gureum.core.ids.Arn;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.model.CreateEndpointRequest;
import software.amazon.awssdk.services.eventbridge.model.CreateEndpointResponse;
import software.amazon.awssdk.services.eventbridge.model.DeleteEndpointRequest;
import software.amazon.awssdk.services.eventbridge.model.DeleteEndpointResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.eventbridge.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.eventbridge.model.EndpointEventBus;
import software.amazon.awssdk.services.eventbridge.model.ListEndpointsRequest;
import software.amazon.awssdk.services.eventbridge.model.ListEndpointsResponse;
import software.amazon.awssdk.services.eventbridge.model.ReplicationConfig;
import software.amazon.awssdk.services.eventbridge.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.eventbridge.model.UpdateEndpointResponse;

/**
 * Global endpoints (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-global-endpoints.html) as stored
 * configuration: two event buses of the same name, one in this Region (the primary) and one in the failover
 * configuration's secondary Region, the Route 53 health check's ARN, replication (ENABLED by default, which
 * needs a RoleArn). CreateEndpoint answers {@code CREATING}, UpdateEndpoint {@code UPDATING}; the endpoint is
 * {@code ACTIVE} from then on (Gureum has nothing to provision). Events are not routed through endpoints: PutEvents
 * with an EndpointId is signed with SigV4a for a host under {@code endpoint.events.amazonaws.com}, which Gureum
 * does not serve.
 */
final class Endpoints {
    private final EventsStores stores;

    Endpoints(EventsStores stores) {
        this.stores = stores;
    }

    static Endpoint endpoint(EventsStore s, String name) {
        Endpoint e = s.endpoints.get(name);
        if (e == null) {
            throw EventsErrors.notFound("Endpoint " + name + " does not exist.");
        }
        return e;
    }

    public CreateEndpointResponse createEndpoint(CreateEndpointRequest request) {
        EventsStore s = stores.current();
        if (s.endpoints.containsKey(request.name())) {
            throw EventsErrors.alreadyExists("Endpoint " + request.name() + " already exists.");
        }
        ReplicationConfig replication = request.replicationConfig() != null ? request.replicationConfig()
                : ReplicationConfig.builder().state("ENABLED").build();
        check(s, request.eventBuses(), request.routingConfig().failoverConfig().secondary().route(), replication,
                request.roleArn());
        Endpoint e = new Endpoint(request.name(), "arn:aws:events:" + s.region + ":" + s.account + ":endpoint/"
                + request.name(), stores.context.ids().hex(10) + "." + stores.context.ids().hex(3), stores.now());
        e.description = request.description();
        e.routingConfig = request.routingConfig();
        e.replicationConfig = replication;
        e.eventBuses = request.eventBuses();
        e.roleArn = request.roleArn();
        s.endpoints.put(e.name, e);
        return CreateEndpointResponse.builder().name(e.name).arn(e.arn).routingConfig(e.routingConfig)
                .replicationConfig(e.replicationConfig).eventBuses(e.eventBuses).roleArn(e.roleArn).state("CREATING")
                .build();
    }

    public DescribeEndpointResponse describeEndpoint(DescribeEndpointRequest request) {
        EventsStore s = stores.current();
        if (request.homeRegion() != null && !request.homeRegion().equals(s.region)) {
            throw EventsErrors.notFound("Endpoint " + request.name() + " does not exist.");
        }
        Endpoint e = endpoint(s, request.name());
        return DescribeEndpointResponse.builder().name(e.name).description(e.description).arn(e.arn)
                .routingConfig(e.routingConfig).replicationConfig(e.replicationConfig).eventBuses(e.eventBuses)
                .roleArn(e.roleArn).endpointId(e.endpointId).endpointUrl(e.url()).state(e.state)
                .creationTime(e.creationTime).lastModifiedTime(e.lastModifiedTime).build();
    }

    public ListEndpointsResponse listEndpoints(ListEndpointsRequest request) {
        EventsStore s = stores.current();
        String prefix = request.namePrefix() == null ? "" : request.namePrefix();
        List<Endpoint> matching = request.homeRegion() != null && !request.homeRegion().equals(s.region) ? List.of()
                : s.endpoints.values().stream().filter(e -> e.name.startsWith(prefix)).toList();
        Pages.Page<Endpoint> page = Pages.of("endpoints", matching, e -> e.name, request.nextToken(),
                request.maxResults());
        return ListEndpointsResponse.builder().endpoints(page.items().stream()
                .map(e -> software.amazon.awssdk.services.eventbridge.model.Endpoint.builder().name(e.name)
                        .description(e.description).arn(e.arn).routingConfig(e.routingConfig)
                        .replicationConfig(e.replicationConfig).eventBuses(e.eventBuses).roleArn(e.roleArn)
                        .endpointId(e.endpointId).endpointUrl(e.url()).state(e.state).creationTime(e.creationTime)
                        .lastModifiedTime(e.lastModifiedTime).build())
                .toList()).nextToken(page.nextToken()).build();
    }

    public UpdateEndpointResponse updateEndpoint(UpdateEndpointRequest request) {
        EventsStore s = stores.current();
        Endpoint e = endpoint(s, request.name());
        List<EndpointEventBus> buses = request.hasEventBuses() ? request.eventBuses() : e.eventBuses;
        var routing = request.routingConfig() != null ? request.routingConfig() : e.routingConfig;
        ReplicationConfig replication = request.replicationConfig() != null ? request.replicationConfig()
                : e.replicationConfig;
        String role = request.roleArn() != null ? request.roleArn() : e.roleArn;
        check(s, buses, routing.failoverConfig().secondary().route(), replication, role);
        if (request.description() != null) {
            e.description = request.description();
        }
        e.eventBuses = buses;
        e.routingConfig = routing;
        e.replicationConfig = replication;
        e.roleArn = role;
        e.lastModifiedTime = stores.now();
        return UpdateEndpointResponse.builder().name(e.name).arn(e.arn).routingConfig(e.routingConfig)
                .replicationConfig(e.replicationConfig).eventBuses(e.eventBuses).roleArn(e.roleArn)
                .endpointId(e.endpointId).endpointUrl(e.url()).state("UPDATING").build();
    }

    public DeleteEndpointResponse deleteEndpoint(DeleteEndpointRequest request) {
        EventsStore s = stores.current();
        endpoint(s, request.name());
        s.endpoints.remove(request.name());
        return DeleteEndpointResponse.builder().build();
    }

    /**
     * Two buses of the same name: one in this Region, the other in the secondary Region, which differs; a
     * RoleArn when replication is enabled.
     */
    private static void check(EventsStore s, List<EndpointEventBus> buses, String secondary,
            ReplicationConfig replication, String roleArn) {
        if (buses.size() != 2) {
            throw EventsErrors.validation("Parameter EventBuses is not valid. Reason: Exactly two event buses must be"
                    + " specified.");
        }
        Arn first = Arn.parse(buses.get(0).eventBusArn());
        Arn second = Arn.parse(buses.get(1).eventBusArn());
        if (!first.resource().equals(second.resource())) {
            throw EventsErrors.validation("Parameter EventBuses is not valid. Reason: The event buses must have the"
                    + " same name.");
        }
        java.util.Set<String> regions = new java.util.HashSet<>(List.of(first.region(), second.region()));
        if (secondary.equals(s.region) || regions.size() != 2 || !regions.contains(s.region)
                || !regions.contains(secondary)) {
            throw EventsErrors.validation("Parameter EventBuses is not valid. Reason: One event bus must be in the"
                    + " primary Region and the other in the secondary Region.");
        }
        if (!"DISABLED".equals(replication.stateAsString()) && roleArn == null) {
            throw EventsErrors.validation("Parameter RoleArn must be specified when replication is enabled.");
        }
    }
}
