package io.gureum.vpc.model;

/** An IPv6 block of a VPC (/56) or subnet (/64). */
public final class Ipv6Association {
    public final String associationId;
    public final String cidr;
    public final String networkBorderGroup;
    public String state = "associated";

    public Ipv6Association(String associationId, String cidr, String networkBorderGroup) {
        this.associationId = associationId;
        this.cidr = cidr;
        this.networkBorderGroup = networkBorderGroup;
    }
}
