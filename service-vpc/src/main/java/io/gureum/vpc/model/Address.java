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
    /** The reverse DNS (PTR) record set by ModifyAddressAttribute, with its final dot; null for AWS's own. */
    public String ptrRecord;
    /** The PTR record a ModifyAddressAttribute or ResetAddressAttribute is applying (null: a reset). */
    public String ptrUpdateValue;
    /** When that update was asked for; null when none is pending. */
    public Instant ptrUpdateRequested;

    public Address(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "elastic-ip";
    }
}
