package io.gureum.vpc.model;

/** One route of a route table: a destination and exactly one target. */
public final class Route {
    public String destinationCidr;
    public String destinationIpv6Cidr;
    public String destinationPrefixListId;
    public String gatewayId;
    public String natGatewayId;
    public String networkInterfaceId;
    public String instanceId;
    public String vpcPeeringConnectionId;
    public String transitGatewayId;
    public String egressOnlyInternetGatewayId;
    public String vpcEndpointId;
    public String carrierGatewayId;
    /** CreateRouteTable, CreateRoute or EnableVgwRoutePropagation. */
    public String origin = "CreateRoute";
    /** Set when a target was deleted: the route stays and turns {@code blackhole}. */
    public boolean blackhole;

    /** The destination as the key AWS uses to identify the route. */
    public String destination() {
        return destinationCidr != null ? destinationCidr
                : destinationIpv6Cidr != null ? destinationIpv6Cidr : destinationPrefixListId;
    }

    public String target() {
        if (gatewayId != null) {
            return gatewayId;
        } else if (natGatewayId != null) {
            return natGatewayId;
        } else if (networkInterfaceId != null) {
            return networkInterfaceId;
        } else if (instanceId != null) {
            return instanceId;
        } else if (vpcPeeringConnectionId != null) {
            return vpcPeeringConnectionId;
        } else if (transitGatewayId != null) {
            return transitGatewayId;
        } else if (egressOnlyInternetGatewayId != null) {
            return egressOnlyInternetGatewayId;
        }
        return vpcEndpointId != null ? vpcEndpointId : carrierGatewayId;
    }
}
