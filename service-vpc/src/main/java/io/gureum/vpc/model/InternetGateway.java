package io.gureum.vpc.model;

import java.time.Instant;

/** The stored state of one InternetGateway. */
public final class InternetGateway extends Resource {
    public String attachedVpcId;

    public InternetGateway(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "internet-gateway";
    }
}
