package io.gureum.vpc.model;

import java.time.Instant;

/** The stored state of one Address. */
public final class Address extends Resource {
    public String publicIp;
    public String associationId;
    public String instanceId;
    public String networkInterfaceId;
    public String privateIpAddress;
    public String networkBorderGroup;
    public String serviceManaged;

    public Address(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "elastic-ip";
    }
}
