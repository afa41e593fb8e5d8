package io.gureum.vpc.model;

import java.time.Instant;

/** The stored state of one CustomerGateway. */
public final class CustomerGateway extends Resource {
    public String ipAddress;
    public String bgpAsn;
    public String type;
    public String deviceName;
    public String state = "available";

    public CustomerGateway(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "customer-gateway";
    }
}
