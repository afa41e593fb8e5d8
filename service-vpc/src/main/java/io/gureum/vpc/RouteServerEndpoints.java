package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.RouteServer;
import io.gureum.vpc.model.RouteServerEndpoint;
import io.gureum.vpc.model.RouteServerPeer;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.net.Cidr;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateRouteServerEndpointRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteServerEndpointResponse;
import software.amazon.awssdk.services.ec2.model.CreateRouteServerPeerRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteServerPeerResponse;
import software.amazon.awssdk.services.ec2.model.DeleteRouteServerEndpointRequest;
import software.amazon.awssdk.services.ec2.model.DeleteRouteServerEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DeleteRouteServerPeerRequest;
import software.amazon.awssdk.services.ec2.model.DeleteRouteServerPeerResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteServerEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRouteServerEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteServerPeersRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRouteServerPeersResponse;
import software.amazon.awssdk.services.ec2.model.RouteServerBfdStatus;
import software.amazon.awssdk.services.ec2.model.RouteServerBgpOptions;
import software.amazon.awssdk.services.ec2.model.RouteServerBgpStatus;

/**
 * Route server endpoints and peers (https://docs.aws.amazon.com/vpc/latest/userguide/route-server-tutorial-create-endpoint.html).
 * An endpoint sits in a subnet of the route server's associated VPC, on a managed network interface with an
 * address from that subnet (the interface is described, requester-managed, and holds its subnet until the endpoint
 * is deleted). A peer is the BGP session a device in the VPC would open to an endpoint; no device ever does here,
 * so its BGP status (and BFD status) is {@code down} for as long as it exists. States follow the clock as the
 * route server's do ({@link RouteServers#TRANSITION}).
 */
public final class RouteServerEndpoints {
    private final Network net;
    private final Filters<RouteServerEndpoint> endpointFilters;
    private final Filters<RouteServerPeer> peerFilters;

    RouteServerEndpoints(Network net) {
        this.net = net;
        this.endpointFilters = new Filters<RouteServerEndpoint>()
                .on("route-server-endpoint-id", e -> e.id)
                .on("route-server-id", e -> e.routeServerId)
                .on("vpc-id", e -> e.vpcId)
                .on("subnet-id", e -> e.subnetId)
                .on("eni-id", e -> e.eniId)
                .on("eni-address", e -> e.eniAddress)
                .on("state", this::state);
        this.peerFilters = new Filters<RouteServerPeer>()
                .on("route-server-peer-id", p -> p.id)
                .on("route-server-endpoint-id", p -> p.endpointId)
                .on("route-server-id", p -> p.routeServerId)
                .on("vpc-id", p -> p.vpcId)
                .on("subnet-id", p -> p.subnetId)
                .on("peer-address", p -> p.peerAddress)
                .on("endpoint-eni-id", p -> p.endpointEniId)
                .on("endpoint-eni-address", p -> p.endpointEniAddress)
                .on("bgp-options.peer-asn", p -> String.valueOf(p.peerAsn))
                .on("bgp-options.peer-liveness-detection", p -> p.livenessDetection)
                .on("state", this::state);
    }

    static AwsException endpointNotFound(String id) {
        return new AwsException("InvalidRouteServerEndpointId.NotFound", "The route server endpoint ID '" + id
                + "' does not exist", 400);
    }

    static AwsException peerNotFound(String id) {
        return new AwsException("InvalidRouteServerPeerId.NotFound", "The route server peer ID '" + id
                + "' does not exist", 400);
    }

    private String state(Instant created, Instant deleteRequested) {
        Instant now = net.now();
        if (deleteRequested != null) {
            return now.isBefore(deleteRequested.plus(RouteServers.TRANSITION)) ? "deleting" : "deleted";
        }
        return now.isBefore(created.plus(RouteServers.TRANSITION)) ? "pending" : "available";
    }

    String state(RouteServerEndpoint e) {
        return state(e.created, e.deleteRequested);
    }

    String state(RouteServerPeer p) {
        return state(p.created, p.deleteRequested);
    }

    void settle(VpcStore s, Instant now) {
        for (RouteServerEndpoint e : List.copyOf(s.routeServerEndpoints.values())) {
            if (e.deleteRequested != null && state(e).equals("deleted")) {
                RouteServers.forgetWhenDue(s, s.routeServerEndpoints, e, e.deleteRequested, now);
            }
        }
        for (RouteServerPeer p : List.copyOf(s.routeServerPeers.values())) {
            if (p.deleteRequested != null && state(p).equals("deleted")) {
                RouteServers.forgetWhenDue(s, s.routeServerPeers, p, p.deleteRequested, now);
            }
        }
    }

    private RouteServerEndpoint requireEndpoint(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("RouteServerEndpointId");
        }
        RouteServerEndpoint e = s.routeServerEndpoints.get(id);
        if (e == null || e.deleteRequested != null && state(e).equals("deleted")) {
            throw endpointNotFound(id);
        }
        return e;
    }

    // ---- endpoints

    public CreateRouteServerEndpointResponse createRouteServerEndpoint(CreateRouteServerEndpointRequest r) {
        VpcStore s = net.store();
        RouteServer rs = net.routeServers.require(s, r.routeServerId());
        Subnet sn = net.subnets.require(s, r.subnetId());
        if (r.clientToken() != null) {
            for (RouteServerEndpoint e : s.routeServerEndpoints.values()) {
                if (r.clientToken().equals(e.clientToken)) {
                    if (!e.routeServerId.equals(rs.id) || !e.subnetId.equals(sn.id)) {
                        throw Ec2Error.IDEMPOTENT_PARAMETER_MISMATCH.withMessage("The client token "
                                + r.clientToken() + " was used with different parameters.");
                    }
                    return CreateRouteServerEndpointResponse.builder().routeServerEndpoint(toSdk(e)).build();
                }
            }
        }
        String vpc = net.routeServers.associatedVpc(rs);
        if (vpc == null) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The route server " + rs.id + " is not associated with a "
                    + "VPC: associate it with the subnet's VPC first.");
        }
        if (!vpc.equals(sn.vpcId)) {
            throw Ec2Errors.invalidParameterValue("The subnet " + sn.id + " is not in " + vpc + ", the VPC route "
                    + "server " + rs.id + " is associated with.");
        }
        Tags.validate(r.tagSpecifications(), "route-server-endpoint");
        Ec2Errors.checkDryRun(r.dryRun());
        RouteServerEndpoint e = new RouteServerEndpoint(net.id("rse"), s.account, net.now());
        NetworkInterface eni = net.networkInterfaces.createManaged(s, sn, null, "interface",
                "Route Server Endpoint " + e.id, List.of());
        e.routeServerId = rs.id;
        e.vpcId = sn.vpcId;
        e.subnetId = sn.id;
        e.eniId = eni.id;
        e.eniAddress = eni.privateIp;
        e.clientToken = r.clientToken();
        Tags.apply(r.tagSpecifications(), e);
        s.put(s.routeServerEndpoints, e);
        return CreateRouteServerEndpointResponse.builder().routeServerEndpoint(toSdk(e)).build();
    }

    public DescribeRouteServerEndpointsResponse describeRouteServerEndpoints(DescribeRouteServerEndpointsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<RouteServerEndpoint> found = Selected.byIds(s.routeServerEndpoints, r.routeServerEndpointIds(), id -> endpointNotFound(id));
        var page = Pagination.page(found.stream().filter(endpointFilters.predicate(r.filters())).toList(),
                r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeRouteServerEndpointsResponse.builder()
                .routeServerEndpoints(page.items().stream().map(this::toSdk).toList()).nextToken(page.nextToken())
                .build();
    }

    /** An endpoint with peers cannot be deleted (they go first); its network interface goes with it. */
    public DeleteRouteServerEndpointResponse deleteRouteServerEndpoint(DeleteRouteServerEndpointRequest r) {
        VpcStore s = net.store();
        RouteServerEndpoint e = requireEndpoint(s, r.routeServerEndpointId());
        List<String> peers = s.routeServerPeers.values().stream()
                .filter(p -> p.endpointId.equals(e.id) && p.deleteRequested == null).map(p -> p.id).toList();
        if (!peers.isEmpty()) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The route server endpoint " + e.id + " has route server "
                    + "peers (" + String.join(", ", peers) + "): delete them first.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (e.deleteRequested == null) {
            e.deleteRequested = net.now();
            NetworkInterface eni = s.networkInterfaces.get(e.eniId);
            if (eni != null) {
                net.networkInterfaces.destroy(s, eni);
            }
        }
        return DeleteRouteServerEndpointResponse.builder().routeServerEndpoint(toSdk(e)).build();
    }

    software.amazon.awssdk.services.ec2.model.RouteServerEndpoint toSdk(RouteServerEndpoint e) {
        return software.amazon.awssdk.services.ec2.model.RouteServerEndpoint.builder().routeServerId(e.routeServerId)
                .routeServerEndpointId(e.id).vpcId(e.vpcId).subnetId(e.subnetId).eniId(e.eniId)
                .eniAddress(e.eniAddress).state(state(e)).tags(Tags.toSdk(e.tags)).build();
    }

    // ---- peers

    /**
     * A peer of an available endpoint: an IPv4 address in the VPC (a device with a network interface there), other
     * than the endpoint's own, once per endpoint; a peer ASN from 1 to 4294967295; liveness detection
     * {@code bgp-keepalive} (the default) or {@code bfd}.
     */
    public CreateRouteServerPeerResponse createRouteServerPeer(CreateRouteServerPeerRequest r) {
        VpcStore s = net.store();
        RouteServerEndpoint e = requireEndpoint(s, r.routeServerEndpointId());
        if (r.peerAddress() == null) {
            throw Ec2Errors.missing("PeerAddress");
        }
        if (r.bgpOptions() == null) {
            throw Ec2Errors.missing("BgpOptions");
        }
        Long asn = r.bgpOptions().peerAsn();
        if (asn == null) {
            throw Ec2Errors.missing("BgpOptions.PeerAsn");
        }
        if (asn < 1 || asn > RouteServers.MAX_ASN) {
            throw Ec2Errors.invalidValue(String.valueOf(asn), "BgpOptions.PeerAsn", "Valid values are from 1 to "
                    + RouteServers.MAX_ASN + ".");
        }
        String liveness = r.bgpOptions().peerLivenessDetectionAsString();
        if (liveness != null && !liveness.equals("bfd") && !liveness.equals("bgp-keepalive")) {
            throw Ec2Errors.invalidValue(liveness, "BgpOptions.PeerLivenessDetection", "Valid values are bfd and "
                    + "bgp-keepalive.");
        }
        String endpointState = state(e);
        if (!endpointState.equals("available")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The route server endpoint " + e.id + " is in state "
                    + endpointState + "; peers are created on an available endpoint.");
        }
        long address;
        try {
            if (r.peerAddress().contains(":")) {
                throw new IllegalArgumentException();
            }
            address = Cidr.parseAddress(r.peerAddress());
        } catch (IllegalArgumentException x) {
            throw Ec2Errors.invalidValue(r.peerAddress(), "PeerAddress", "It must be an IPv4 address.");
        }
        Vpc vpc = s.vpcs.get(e.vpcId);
        boolean inVpc = vpc != null && vpc.cidrs.stream().filter(c -> c.state.equals("associated"))
                .anyMatch(c -> c.cidr.contains(address));
        if (!inVpc) {
            throw Ec2Errors.invalidValue(r.peerAddress(), "PeerAddress", "The peer must be in " + e.vpcId
                    + ", the VPC of the route server endpoint.");
        }
        String canonical = Cidr.formatAddress(address);
        if (canonical.equals(e.eniAddress)) {
            throw Ec2Errors.invalidValue(r.peerAddress(), "PeerAddress", "It is the route server endpoint's own "
                    + "address.");
        }
        for (RouteServerPeer other : s.routeServerPeers.values()) {
            if (other.endpointId.equals(e.id) && other.deleteRequested == null && other.peerAddress.equals(canonical)) {
                throw Ec2Errors.invalidValue(r.peerAddress(), "PeerAddress", "The route server endpoint " + e.id
                        + " already has peer " + other.id + " at this address.");
            }
        }
        Tags.validate(r.tagSpecifications(), "route-server-peer");
        Ec2Errors.checkDryRun(r.dryRun());
        RouteServerPeer p = new RouteServerPeer(net.id("rsp"), s.account, net.now());
        p.endpointId = e.id;
        p.routeServerId = e.routeServerId;
        p.vpcId = e.vpcId;
        p.subnetId = e.subnetId;
        p.endpointEniId = e.eniId;
        p.endpointEniAddress = e.eniAddress;
        p.peerAddress = canonical;
        p.peerAsn = asn;
        p.livenessDetection = liveness == null ? "bgp-keepalive" : liveness;
        Tags.apply(r.tagSpecifications(), p);
        s.put(s.routeServerPeers, p);
        return CreateRouteServerPeerResponse.builder().routeServerPeer(toSdk(p)).build();
    }

    public DescribeRouteServerPeersResponse describeRouteServerPeers(DescribeRouteServerPeersRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<RouteServerPeer> found = Selected.byIds(s.routeServerPeers, r.routeServerPeerIds(), id -> peerNotFound(id));
        var page = Pagination.page(found.stream().filter(peerFilters.predicate(r.filters())).toList(),
                r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeRouteServerPeersResponse.builder()
                .routeServerPeers(page.items().stream().map(this::toSdk).toList()).nextToken(page.nextToken()).build();
    }

    public DeleteRouteServerPeerResponse deleteRouteServerPeer(DeleteRouteServerPeerRequest r) {
        VpcStore s = net.store();
        if (r.routeServerPeerId() == null) {
            throw Ec2Errors.missing("RouteServerPeerId");
        }
        RouteServerPeer p = s.routeServerPeers.get(r.routeServerPeerId());
        if (p == null || p.deleteRequested != null && state(p).equals("deleted")) {
            throw peerNotFound(r.routeServerPeerId());
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (p.deleteRequested == null) {
            p.deleteRequested = net.now();
        }
        return DeleteRouteServerPeerResponse.builder().routeServerPeer(toSdk(p)).build();
    }

    software.amazon.awssdk.services.ec2.model.RouteServerPeer toSdk(RouteServerPeer p) {
        return software.amazon.awssdk.services.ec2.model.RouteServerPeer.builder().routeServerPeerId(p.id)
                .routeServerEndpointId(p.endpointId).routeServerId(p.routeServerId).vpcId(p.vpcId)
                .subnetId(p.subnetId).state(state(p)).endpointEniId(p.endpointEniId)
                .endpointEniAddress(p.endpointEniAddress).peerAddress(p.peerAddress)
                .bgpOptions(RouteServerBgpOptions.builder().peerAsn(p.peerAsn)
                        .peerLivenessDetection(p.livenessDetection).build())
                // No BGP speaker ever connects here: the session (and BFD) is down for as long as the peer exists.
                .bgpStatus(RouteServerBgpStatus.builder().status("down").build())
                .bfdStatus(RouteServerBfdStatus.builder().status("down").build())
                .tags(Tags.toSdk(p.tags)).build();
    }
}
