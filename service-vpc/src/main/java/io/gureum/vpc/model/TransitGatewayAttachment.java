package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The stored state of one TransitGatewayAttachment. */
public final class TransitGatewayAttachment extends Resource {
    public String transitGatewayId;
    public String vpcId;
    /** {@code vpc}, or {@code vpn} for the attachment of a Site-to-Site VPN connection. */
    public String resourceType = "vpc";
    /** The VPN connection of a {@code vpn} attachment. */
    public String vpnConnectionId;
    public final List<String> subnetIds = new ArrayList<>();
    public String state = "available";
    public String associatedRouteTableId;

    public TransitGatewayAttachment(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    /** The attached resource: the VPC, or the VPN connection. */
    public String resourceId() {
        return "vpn".equals(resourceType) ? vpnConnectionId : vpcId;
    }

    @Override
    public String resourceType() {
        return "transit-gateway-attachment";
    }
}
