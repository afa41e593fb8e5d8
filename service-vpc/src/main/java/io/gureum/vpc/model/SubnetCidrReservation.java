package io.gureum.vpc.model;

import java.time.Instant;

/** The stored state of one subnet CIDR reservation ({@code scr-}). */
public final class SubnetCidrReservation extends Resource {
    public String subnetId;
    public String cidr;
    /** {@code prefix} or {@code explicit}. */
    public String reservationType;
    public String description;
    public boolean ipv6;

    public SubnetCidrReservation(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "subnet-cidr-reservation";
    }
}
