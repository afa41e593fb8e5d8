package io.gureum.vpc.model;

import java.time.Instant;

/** The stored state of one route server peer: the BGP session a device in the VPC would open to an endpoint. */
public final class RouteServerPeer extends Resource {
    public String endpointId;
    public String routeServerId;
    public String vpcId;
    public String subnetId;
    public String endpointEniId;
    public String endpointEniAddress;
    public String peerAddress;
    public long peerAsn;
    /** {@code bgp-keepalive} or {@code bfd}. */
    public String livenessDetection = "bgp-keepalive";
    /** When DeleteRouteServerPeer was called; null while the peer is not being deleted. */
    public Instant deleteRequested;

    public RouteServerPeer(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "route-server-peer";
    }
}
