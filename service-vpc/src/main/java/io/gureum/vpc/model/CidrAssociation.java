package io.gureum.vpc.model;

import io.gureum.vpc.net.Cidr;

/** A VPC's IPv4 block and its association state ({@code associated}, {@code disassociated}). */
public final class CidrAssociation {
    public final String associationId;
    public final Cidr cidr;
    public String state = "associated";

    public CidrAssociation(String associationId, Cidr cidr) {
        this.associationId = associationId;
        this.cidr = cidr;
    }
}
