package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored state of one transit gateway attachment: of a VPC ({@code resourceType} {@code vpc}), a peering
 * with another transit gateway ({@code peering}) or a Connect attachment over a transport attachment
 * ({@code connect}) or a Site-to-Site VPN connection ({@code vpn}). A peering attachment has one ID and one object in each side's store, each with that
 * side's transit gateway as {@link #transitGatewayId}, its route table association and its tags.
 */
public final class TransitGatewayAttachment extends Resource {
    /** {@code vpc}, {@code peering}, {@code connect}, or {@code vpn} for a Site-to-Site VPN connection's. */
    public String resourceType = "vpc";
    public String transitGatewayId;
    public String vpcId;
    /** The VPN connection of a {@code vpn} attachment. */
    public String vpnConnectionId;
    /** The VPN concentrator of a {@code vpn-concentrator} attachment. */
    public String vpnConcentratorId;
    public final List<String> subnetIds = new ArrayList<>();
    public String state = "available";
    public String associatedRouteTableId;
    public String dnsSupport = "enable";
    public String ipv6Support = "disable";
    public String applianceModeSupport = "disable";
    public String securityGroupReferencingSupport = "enable";

    /** Peering: whether this side asked; the other side's gateway, account and Region. */
    public boolean requester;
    public String peerTransitGatewayId;
    public String peerOwnerId;
    public String peerRegion;
    public String dynamicRouting = "disable";
    public String statusMessage;

    /** Connect: the VPC attachment carrying it and the tunnel protocol. */
    public String transportAttachmentId;
    public String protocol;

    public TransitGatewayAttachment(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    /** What DescribeTransitGatewayAttachments calls the attachment's resource. */
    public String resourceId() {
        return switch (resourceType) {
            case "peering" -> peerTransitGatewayId;
            case "connect" -> transportAttachmentId;
            case "vpn" -> vpnConnectionId;
            case "vpn-concentrator" -> vpnConcentratorId;
            default -> vpcId;
        };
    }

    @Override
    public String resourceType() {
        return "transit-gateway-attachment";
    }
}
