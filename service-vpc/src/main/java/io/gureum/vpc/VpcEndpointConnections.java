package io.gureum.vpc;

import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.VpcEndpoint;
import io.gureum.vpc.model.VpcEndpointService;
import io.gureum.vpc.model.VpcEndpointService.Connection;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AcceptVpcEndpointConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.AcceptVpcEndpointConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.ec2.model.RejectVpcEndpointConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.RejectVpcEndpointConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.VpcEndpointConnection;

/**
 * The connections of endpoints (in any account of the region) to an endpoint service, as its owner sees and
 * answers them (https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#accept-reject-connection-requests).
 * The service keeps each connection; the endpoint, in its owner's store, mirrors the state. Accepting and
 * rejecting touch both stores, under {@link StoreLock}'s lock for such operations.
 */
public final class VpcEndpointConnections {
    private final Network net;

    VpcEndpointConnections(Network net) {
        this.net = net;
    }

    /** A connection with its service, for the filters. */
    private record View(VpcEndpointService service, Connection c) {
    }

    private final io.gureum.ec2common.Ec2Filters<View> filters = new io.gureum.ec2common.Ec2Filters<View>()
            .on("ip-address-type", v -> v.c.ipAddressType)
            .on("service-id", v -> v.service.id)
            .on("vpc-endpoint-owner", v -> v.c.endpointOwner)
            .on("vpc-endpoint-state", v -> v.c.state)
            .on("vpc-endpoint-id", v -> v.c.endpointId)
            .on("vpc-endpoint-region", v -> v.c.endpointRegion);

    public DescribeVpcEndpointConnectionsResponse describeVpcEndpointConnections(
            DescribeVpcEndpointConnectionsRequest r) {
        VpcStore s = net.store();
        var predicate = filters.predicate(r.filters());
        Ec2Errors.checkDryRun(r.dryRun());
        List<View> all = new ArrayList<>();
        for (VpcEndpointService v : s.endpointServices.values()) {
            v.connections.forEach(c -> all.add(new View(v, c)));
        }
        var page = Pagination.page(all.stream().filter(predicate).toList(), r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeVpcEndpointConnectionsResponse.builder()
                .vpcEndpointConnections(page.items().stream().map(v -> toSdk(s, v.service, v.c)).toList())
                .nextToken(page.nextToken()).build();
    }

    private VpcEndpointConnection toSdk(VpcStore s, VpcEndpointService v, Connection c) {
        return VpcEndpointConnection.builder().serviceId(v.id).vpcEndpointId(c.endpointId)
                .vpcEndpointOwner(c.endpointOwner).vpcEndpointState(c.state).creationTimestamp(c.created)
                .dnsEntries(c.dnsNames.stream().map(n -> DnsEntry.builder().dnsName(n)
                        .hostedZoneId(VpcEndpoints.VPCE_ZONE).build()).toList())
                .networkLoadBalancerArns(v.networkLoadBalancerArns).gatewayLoadBalancerArns(v.gatewayLoadBalancerArns)
                .ipAddressType(c.ipAddressType).vpcEndpointConnectionId(c.connectionId)
                .vpcEndpointRegion(c.endpointRegion).build();
    }

    public AcceptVpcEndpointConnectionsResponse acceptVpcEndpointConnections(AcceptVpcEndpointConnectionsRequest r) {
        return AcceptVpcEndpointConnectionsResponse.builder()
                .unsuccessful(answer(r.serviceId(), r.vpcEndpointIds(), r.dryRun(), true)).build();
    }

    public RejectVpcEndpointConnectionsResponse rejectVpcEndpointConnections(RejectVpcEndpointConnectionsRequest r) {
        return RejectVpcEndpointConnectionsResponse.builder()
                .unsuccessful(answer(r.serviceId(), r.vpcEndpointIds(), r.dryRun(), false)).build();
    }

    /**
     * Accepts a connection pending acceptance (or one rejected before), or rejects one pending or available;
     * an endpoint not connected to the service, or in another state, is an unsuccessful item.
     */
    private List<UnsuccessfulItem> answer(String serviceId, List<String> endpointIds, Boolean dryRun, boolean accept) {
        VpcStore s = net.store();
        VpcEndpointService v = net.endpointServices.require(s, serviceId);
        if (endpointIds == null || endpointIds.isEmpty()) {
            throw Ec2Errors.missing("VpcEndpointId");
        }
        Ec2Errors.checkDryRun(dryRun);
        List<UnsuccessfulItem> failed = new ArrayList<>();
        for (String id : endpointIds) {
            Connection c = v.connections.stream().filter(x -> x.endpointId.equals(id)).findFirst().orElse(null);
            if (c == null) {
                failed.add(VpcEndpointServices.item(id, "InvalidVpcEndpointId.NotFound",
                        "The Vpc Endpoint Id '" + id + "' does not exist"));
                continue;
            }
            boolean allowed = accept ? c.state.equals("pendingAcceptance") || c.state.equals("rejected")
                    : c.state.equals("pendingAcceptance") || c.state.equals("available");
            if (!allowed) {
                failed.add(VpcEndpointServices.item(id, "InvalidVpcEndpoint.State",
                        "The Vpc Endpoint " + id + " is in state " + c.state + " and cannot be "
                                + (accept ? "accepted" : "rejected")));
                continue;
            }
            String state = accept ? "available" : "rejected";
            VpcStore consumer = net.store(c.endpointOwner, c.endpointRegion);
            withConsumer(s, consumer, () -> {
                c.state = state;
                VpcEndpoint e = consumer.vpcEndpoints.get(c.endpointId);
                if (e != null) {
                    e.state = state;
                }
                net.endpointNotifications.publish(s, v, consumer, e != null ? e : stub(c), accept ? "Accept" : "Reject",
                        state);
            });
        }
        return failed;
    }

    private VpcEndpoint stub(Connection c) {
        return new VpcEndpoint(c.endpointId, c.endpointOwner, c.created);
    }

    /** Runs {@code op} holding the consumer's store too (the caller's is held by StoreLock) and records it. */
    void withConsumer(VpcStore s, VpcStore consumer, Runnable op) {
        if (consumer == s) {
            op.run();
            return;
        }
        synchronized (consumer) {
            try {
                op.run();
            } finally {
                if (net.records.enabled()) {
                    net.records.record(consumer);
                }
            }
        }
    }

    /**
     * Connects a new endpoint of {@code consumer} to the service of {@code owner}: {@code pendingAcceptance}
     * when the service requires acceptance, else {@code available}. Returns the endpoint's state.
     */
    String connect(VpcStore owner, VpcEndpointService v, VpcStore consumer, VpcEndpoint e, String ipAddressType,
            List<String> dnsNames) {
        String state = v.acceptanceRequired ? "pendingAcceptance" : "available";
        withConsumer(consumer, owner, () -> {
            Connection c = new Connection();
            c.connectionId = net.id("vpce-con");
            c.endpointId = e.id;
            c.endpointOwner = consumer.account;
            c.endpointRegion = consumer.region;
            c.state = state;
            c.created = e.created;
            c.ipAddressType = ipAddressType;
            c.dnsNames.addAll(dnsNames);
            v.connections.add(c);
            net.endpointNotifications.publish(owner, v, consumer, e, "Connect", state);
        });
        return state;
    }

    /** The endpoint of {@code consumer} is being deleted: its connection leaves the service. */
    void disconnect(VpcStore consumer, VpcEndpoint e) {
        if (e.endpointServiceId == null) {
            return;
        }
        VpcStore owner = net.store(e.endpointServiceOwner, consumer.region);
        withConsumer(consumer, owner, () -> {
            VpcEndpointService v = owner.endpointServices.get(e.endpointServiceId);
            if (v != null) {
                v.connections.removeIf(c -> c.endpointId.equals(e.id));
                net.endpointNotifications.publish(owner, v, consumer, e, "Delete", "deleted");
            }
        });
    }
}
