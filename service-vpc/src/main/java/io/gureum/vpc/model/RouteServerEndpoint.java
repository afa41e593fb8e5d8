package io.gureum.vpc.model;

import java.time.Instant;

/**
 * The stored state of one route server endpoint: a managed network interface in a subnet of the route server's
 * VPC, through which BGP peers would reach the route server.
 */
public final class RouteServerEndpoint extends Resource {
    public String routeServerId;
    public String vpcId;
    public String subnetId;
    public String eniId;
    public String eniAddress;
    public String clientToken;
    /** When DeleteRouteServerEndpoint was called; null while the endpoint is not being deleted. */
    public Instant deleteRequested;

    public RouteServerEndpoint(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "route-server-endpoint";
    }
}
