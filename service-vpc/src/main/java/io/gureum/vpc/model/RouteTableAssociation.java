package io.gureum.vpc.model;

/** A route table's association with a subnet, an edge gateway, a public IPv4 pool, or (main) with its VPC. */
public final class RouteTableAssociation {
    public final String associationId;
    public final String subnetId;
    public final String gatewayId;
    public final boolean main;
    /** The public IPv4 pool of an association made with AssociateRouteTable's PublicIpv4Pool; null otherwise. */
    public String publicIpv4Pool;

    public RouteTableAssociation(String associationId, String subnetId, String gatewayId, boolean main) {
        this.associationId = associationId;
        this.subnetId = subnetId;
        this.gatewayId = gatewayId;
        this.main = main;
    }
}
