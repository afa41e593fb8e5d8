package io.gureum.vpc.model;

import java.time.Instant;

/** The stored state of one egress-only internet gateway: attached to one VPC from its creation. */
public final class EgressOnlyInternetGateway extends Resource {
    public String vpcId;
    public String clientToken;

    public EgressOnlyInternetGateway(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "egress-only-internet-gateway";
    }
}
