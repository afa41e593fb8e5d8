package io.gureum.vpc.model;

import java.time.Instant;

/** The stored state of one TransitGateway. */
public final class TransitGateway extends Resource {
    public String description;
    public long amazonSideAsn = 64512;
    public String defaultRouteTableId;
    public String state = "available";
    public boolean defaultAssociation = true;
    public boolean defaultPropagation = true;

    public TransitGateway(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "transit-gateway";
    }
}
