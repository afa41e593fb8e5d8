package io.gureum.vpc.model;

import java.time.Instant;

/** The stored state of one Traffic Mirror target: a network interface or a Gateway Load Balancer endpoint. */
public final class TrafficMirrorTarget extends Resource {
    public String networkInterfaceId;
    public String networkLoadBalancerArn;
    public String gatewayLoadBalancerEndpointId;
    /** {@code network-interface}, {@code network-load-balancer} or {@code gateway-load-balancer-endpoint}. */
    public String type;
    public String description;
    public String clientToken;

    public TrafficMirrorTarget(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "traffic-mirror-target";
    }
}
