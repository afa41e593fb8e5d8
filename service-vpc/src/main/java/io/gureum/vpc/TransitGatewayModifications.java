package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.vpc.model.TransitGateway;
import io.gureum.vpc.model.TransitGatewayAttachment;
import io.gureum.vpc.model.TransitGatewayRouteTable;
import io.gureum.vpc.model.Vpc;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayOptions;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayResponse;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayVpcAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayVpcAttachmentResponse;

/**
 * The changes of a transit gateway and of its VPC attachments after creation: ModifyTransitGateway and
 * ModifyTransitGatewayVpcAttachment (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html).
 */
public final class TransitGatewayModifications {
    private final Network net;

    TransitGatewayModifications(Network net) {
        this.net = net;
    }

    /**
     * A transit gateway CIDR block: IPv4 of /24 or larger, IPv6 of /64 or larger
     * (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html), no block twice, none
     * overlapping another of the gateway's.
     */
    static void addCidrBlock(List<String> blocks, String text) {
        String normal;
        if (text != null && text.contains(":")) {
            io.gureum.vpc.net.Ipv6.Block b;
            try {
                b = io.gureum.vpc.net.Ipv6.parse(text);
            } catch (IllegalArgumentException e) {
                throw Ec2Errors.invalidParameterValue("Invalid CIDR block " + text + ".");
            }
            if (b.prefix() > 64) {
                throw Ec2Errors.invalidParameterValue("The CIDR block " + text + " is too small. IPv6 transit gateway "
                        + "CIDR blocks must be /64 or larger.");
            }
            normal = text;
            for (String other : blocks) {
                if (other.contains(":")) {
                    io.gureum.vpc.net.Ipv6.Block ob = io.gureum.vpc.net.Ipv6.parse(other);
                    if (ob.contains(b) || b.contains(ob)) {
                        throw Ec2Errors.invalidParameterValue("The CIDR block " + text + " overlaps with " + other + ".");
                    }
                }
            }
        } else {
            io.gureum.vpc.net.Cidr c = io.gureum.vpc.net.Cidr.tryParse(text);
            if (c == null) {
                throw Ec2Errors.invalidParameterValue("Invalid CIDR block " + text + ".");
            }
            if (c.prefix() > 24) {
                throw Ec2Errors.invalidParameterValue("The CIDR block " + text + " is too small. IPv4 transit gateway "
                        + "CIDR blocks must be /24 or larger.");
            }
            if (io.gureum.vpc.net.Cidr.parse("169.254.0.0/16").overlaps(c)) {
                throw Ec2Errors.invalidParameterValue("The CIDR block " + text + " is reserved.");
            }
            normal = c.toString();
            for (String other : blocks) {
                io.gureum.vpc.net.Cidr oc = io.gureum.vpc.net.Cidr.tryParse(other);
                if (oc != null && oc.overlaps(c)) {
                    throw Ec2Errors.invalidParameterValue("The CIDR block " + text + " overlaps with " + other + ".");
                }
            }
        }
        blocks.add(normal);
    }

    /**
     * ModifyTransitGateway: the description and options change in place (the answer shows {@code modifying};
     * the gateway is {@code available} again at once). Enabling default association or propagation on a
     * gateway made without a default route table makes one, as AWS does; naming another default table
     * requires a table of this gateway. A CIDR block a Connect peer's address uses cannot be removed.
     */
    public ModifyTransitGatewayResponse modifyTransitGateway(ModifyTransitGatewayRequest r) {
        VpcStore s = net.store();
        TransitGateway t = net.transitGateways.requireTgw(s, r.transitGatewayId());
        if (!t.state.equals("available")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("Transit Gateway " + t.id + " is in invalid state");
        }
        ModifyTransitGatewayOptions o = r.options();
        List<String> cidrs = new ArrayList<>(t.cidrBlocks);
        if (o != null) {
            TransitGateways.checkAsn(o.amazonSideAsn());
            if (o.hasRemoveTransitGatewayCidrBlocks()) {
                for (String c : o.removeTransitGatewayCidrBlocks()) {
                    if (!cidrs.remove(c)) {
                        throw Ec2Errors.invalidParameterValue("The CIDR block " + c + " is not associated with "
                                + t.id + ".");
                    }
                    for (var p : s.tgwConnectPeers.values()) {
                        io.gureum.vpc.net.Cidr block = io.gureum.vpc.net.Cidr.tryParse(c);
                        TransitGatewayAttachment a = s.tgwAttachments.get(p.attachmentId);
                        if (!p.state.equals("deleted") && a != null && a.transitGatewayId.equals(t.id) && block != null
                                && p.transitGatewayAddress != null && !p.transitGatewayAddress.contains(":")
                                && block.contains(io.gureum.vpc.net.Cidr.parse(p.transitGatewayAddress + "/32"))) {
                            throw Ec2Error.INCORRECT_STATE.withMessage("The CIDR block " + c + " is in use by "
                                    + "Transit Gateway Connect Peer " + p.id + ".");
                        }
                    }
                }
            }
            if (o.hasAddTransitGatewayCidrBlocks()) {
                for (String c : o.addTransitGatewayCidrBlocks()) {
                    addCidrBlock(cidrs, c);
                }
            }
            for (String tableId : new String[] {o.associationDefaultRouteTableId(), o.propagationDefaultRouteTableId()}) {
                if (tableId != null && !net.transitGateways.requireTable(s, tableId).transitGatewayId.equals(t.id)) {
                    throw Ec2Errors.invalidParameterValue("Transit Gateway Route Table " + tableId
                            + " does not belong to " + t.id + ".");
                }
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (r.description() != null) {
            t.description = r.description();
        }
        t.cidrBlocks.clear();
        t.cidrBlocks.addAll(cidrs);
        if (o != null) {
            if (o.amazonSideAsn() != null) {
                t.amazonSideAsn = o.amazonSideAsn();
            }
            t.autoAcceptSharedAttachments = TransitGateways.or(o.autoAcceptSharedAttachmentsAsString(), t.autoAcceptSharedAttachments);
            t.dnsSupport = TransitGateways.or(o.dnsSupportAsString(), t.dnsSupport);
            t.vpnEcmpSupport = TransitGateways.or(o.vpnEcmpSupportAsString(), t.vpnEcmpSupport);
            t.securityGroupReferencingSupport = TransitGateways.or(o.securityGroupReferencingSupportAsString(),
                    t.securityGroupReferencingSupport);
            if (o.defaultRouteTableAssociation() != null) {
                t.defaultAssociation = o.defaultRouteTableAssociationAsString().equals("enable");
            }
            if (o.defaultRouteTablePropagation() != null) {
                t.defaultPropagation = o.defaultRouteTablePropagationAsString().equals("enable");
            }
            if ((t.defaultAssociation || t.defaultPropagation) && t.defaultRouteTableId == null
                    && (t.defaultAssociation && o.associationDefaultRouteTableId() == null
                            || t.defaultPropagation && o.propagationDefaultRouteTableId() == null)) {
                TransitGatewayRouteTable table = net.transitGateways.newTable(s, t);
                table.isDefault = true;
                t.defaultRouteTableId = table.id;
            }
            if (o.associationDefaultRouteTableId() != null) {
                t.associationDefaultRouteTableId = o.associationDefaultRouteTableId();
            }
            if (o.propagationDefaultRouteTableId() != null) {
                t.propagationDefaultRouteTableId = o.propagationDefaultRouteTableId();
            }
        }
        return ModifyTransitGatewayResponse.builder().transitGateway(net.transitGateways.toSdk(s, t, "modifying")).build();
    }

    /**
     * ModifyTransitGatewayVpcAttachment: adds and removes subnets (the attachment keeps at least one, one per
     * Availability Zone) and changes its options; the answer shows {@code modifying}.
     */
    public ModifyTransitGatewayVpcAttachmentResponse modifyTransitGatewayVpcAttachment(ModifyTransitGatewayVpcAttachmentRequest r) {
        VpcStore s = net.store();
        TransitGatewayAttachment a = net.transitGateways.requireVpcAttachment(s, r.transitGatewayAttachmentId());
        if (!a.state.equals("available")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("Transit Gateway Attachment " + a.id + " is in invalid state");
        }
        Vpc vpc = net.vpcs.require(s, a.vpcId);
        List<String> subnets = new ArrayList<>(a.subnetIds);
        if (r.hasRemoveSubnetIds()) {
            for (String id : r.removeSubnetIds()) {
                if (!subnets.remove(id)) {
                    throw Ec2Errors.invalidParameterValue("Subnet " + id + " is not part of " + a.id + ".");
                }
                if (s.tgwMulticastDomains.values().stream().anyMatch(d -> a.id.equals(d.subnets.get(id)))) {
                    throw Ec2Error.INCORRECT_STATE.withMessage("Subnet " + id + " of " + a.id + " is associated with "
                            + "a multicast domain.");
                }
            }
        }
        if (r.hasAddSubnetIds()) {
            for (String id : r.addSubnetIds()) {
                if (subnets.contains(id)) {
                    throw Ec2Errors.invalidParameterValue("Subnet " + id + " is already part of " + a.id + ".");
                }
                subnets.add(id);
            }
        }
        net.transitGateways.checkSubnets(s, vpc, subnets);
        if (subnets.isEmpty()) {
            throw Ec2Errors.invalidParameterValue("A Transit Gateway VPC attachment must have at least one subnet.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        a.subnetIds.clear();
        a.subnetIds.addAll(subnets);
        var o = r.options();
        if (o != null) {
            a.dnsSupport = TransitGateways.or(o.dnsSupportAsString(), a.dnsSupport);
            a.ipv6Support = TransitGateways.or(o.ipv6SupportAsString(), a.ipv6Support);
            a.applianceModeSupport = TransitGateways.or(o.applianceModeSupportAsString(), a.applianceModeSupport);
            a.securityGroupReferencingSupport = TransitGateways.or(o.securityGroupReferencingSupportAsString(),
                    a.securityGroupReferencingSupport);
        }
        return ModifyTransitGatewayVpcAttachmentResponse.builder()
                .transitGatewayVpcAttachment(TransitGateways.vpcAttachmentToSdk(a, "modifying")).build();
    }

    /** A VPC attachment: an attachment of another kind is not found by the VPC attachment operations. */
}
