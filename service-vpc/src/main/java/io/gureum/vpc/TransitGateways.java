package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.TransitGateway;
import io.gureum.vpc.model.TransitGatewayAttachment;
import io.gureum.vpc.model.TransitGatewayRouteTable;
import io.gureum.vpc.model.Vpc;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * Transit gateways (https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html): a
 * regional router with route tables; VPC attachments (one subnet per AZ) are associated with one
 * route table and propagate their CIDR blocks to any number; with the default options a new
 * attachment is associated with and propagates to the default route table. Static routes point at an
 * attachment or are blackholes.
 */
public final class TransitGateways {
    private final Network net;
    private final Filters<io.gureum.vpc.model.TransitGateway> tgwFilters = new Filters<TransitGateway>()
            .on("transit-gateway-id", t -> t.id)
            .on("state", t -> t.state)
            .on("owner-id", t -> t.ownerId)
            .on("options.amazon-side-asn", t -> t.amazonSideAsn)
            .on("options.association-default-route-table-id", t -> t.associationTable())
            .on("options.propagation-default-route-table-id", t -> t.propagationTable())
            .on("options.auto-accept-shared-attachments", t -> t.autoAcceptSharedAttachments)
            .on("options.default-route-table-association", t -> t.defaultAssociation ? "enable" : "disable")
            .on("options.default-route-table-propagation", t -> t.defaultPropagation ? "enable" : "disable")
            .on("options.dns-support", t -> t.dnsSupport)
            .on("options.vpn-ecmp-support", t -> t.vpnEcmpSupport);
    private final Filters<TransitGatewayAttachment> attachmentFilters = new Filters<TransitGatewayAttachment>()
            .on("transit-gateway-attachment-id", a -> a.id)
            .on("transit-gateway-id", a -> a.transitGatewayId)
            .on("vpc-id", a -> a.vpcId)
            .on("resource-id", TransitGatewayAttachment::resourceId)
            .on("resource-type", a -> a.resourceType)
            .on("transit-gateway-owner-id", a -> a.ownerId)
            .on("resource-owner-id", a -> a.resourceType.equals("peering") ? a.peerOwnerId : a.ownerId)
            .on("state", a -> a.state)
            .on("association.transit-gateway-route-table-id", a -> a.associatedRouteTableId);
    private final Filters<TransitGatewayRouteTable> tableFilters = new Filters<TransitGatewayRouteTable>()
            .on("transit-gateway-route-table-id", t -> t.id)
            .on("transit-gateway-id", t -> t.transitGatewayId)
            .on("state", t -> t.state)
            .on("default-association-route-table", t -> t.id.equals(defaultsOf(t).associationTable()))
            .on("default-propagation-route-table", t -> t.id.equals(defaultsOf(t).propagationTable()));

    TransitGateways(Network net) {
        this.net = net;
    }

    /** The gateway of a route table, for its default flags (a gateway of a deleted table may be gone). */
    private TransitGateway defaultsOf(TransitGatewayRouteTable t) {
        TransitGateway g = net.store().transitGateways.get(t.transitGatewayId);
        return g != null ? g : new TransitGateway(t.transitGatewayId, t.ownerId, t.created);
    }

    TransitGateway requireTgw(VpcStore s, String id) {
        TransitGateway t = Ids.require(s.transitGateways, "tgw", id);
        if (t.state.equals("deleted")) {
            throw Ids.notFound("tgw", id);
        }
        return t;
    }

    /**
     * Whether the attachment is one of the gateway's: its own, or, for a peering of two gateways in one
     * account and Region (one object for both sides), the peer's too.
     */
    static boolean belongsTo(VpcStore s, TransitGatewayAttachment a, String tgwId) {
        return a.transitGatewayId.equals(tgwId) || a.resourceType.equals("peering") && tgwId.equals(a.peerTransitGatewayId)
                && s.account.equals(a.peerOwnerId) && s.region.equals(a.peerRegion);
    }

    /** The route table of the gateway the attachment is associated with there, or null. */
    static String associationOn(VpcStore s, TransitGatewayAttachment a, String tgwId) {
        if (a.transitGatewayId.equals(tgwId)) {
            return a.associatedRouteTableId;
        }
        return s.tgwRouteTables.values().stream().filter(t -> t.transitGatewayId.equals(tgwId)
                && !t.state.equals("deleted") && t.associations.contains(a.id)).map(t -> t.id).findFirst().orElse(null);
    }

    TransitGatewayAttachment requireAttachment(VpcStore s, String id) {
        TransitGatewayAttachment a = Ids.require(s.tgwAttachments, "tgw-attach", id);
        if (a.state.equals("deleted")) {
            throw Ids.notFound("tgw-attach", id);
        }
        return a;
    }

    TransitGatewayRouteTable requireTable(VpcStore s, String id) {
        TransitGatewayRouteTable t = Ids.require(s.tgwRouteTables, "tgw-rtb", id);
        if (t.state.equals("deleted")) {
            throw Ids.notFound("tgw-rtb", id);
        }
        return t;
    }

    public CreateTransitGatewayResponse createTransitGateway(CreateTransitGatewayRequest r) {
        VpcStore s = net.store();
        Tags.validate(r.tagSpecifications(), "transit-gateway");
        TransitGatewayRequestOptions o = r.options();
        List<String> cidrs = new ArrayList<>();
        if (o != null) {
            checkAsn(o.amazonSideAsn());
            if (o.hasTransitGatewayCidrBlocks()) {
                for (String c : o.transitGatewayCidrBlocks()) {
                    TransitGatewayModifications.addCidrBlock(cidrs, c);
                }
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        TransitGateway t = new TransitGateway(net.id("tgw"), s.account, net.now());
        t.description = r.description();
        t.cidrBlocks.addAll(cidrs);
        if (o != null) {
            if (o.amazonSideAsn() != null) {
                t.amazonSideAsn = o.amazonSideAsn();
            }
            t.defaultAssociation = !"disable".equals(o.defaultRouteTableAssociationAsString());
            t.defaultPropagation = !"disable".equals(o.defaultRouteTablePropagationAsString());
            t.autoAcceptSharedAttachments = or(o.autoAcceptSharedAttachmentsAsString(), t.autoAcceptSharedAttachments);
            t.dnsSupport = or(o.dnsSupportAsString(), t.dnsSupport);
            t.vpnEcmpSupport = or(o.vpnEcmpSupportAsString(), t.vpnEcmpSupport);
            t.securityGroupReferencingSupport = or(o.securityGroupReferencingSupportAsString(),
                    t.securityGroupReferencingSupport);
            t.multicastSupport = or(o.multicastSupportAsString(), t.multicastSupport);
        }
        s.put(s.transitGateways, t);
        if (t.defaultAssociation || t.defaultPropagation) {
            TransitGatewayRouteTable table = newTable(s, t);
            table.isDefault = true;
            t.defaultRouteTableId = table.id;
        }
        Tags.apply(r.tagSpecifications(), t);
        return CreateTransitGatewayResponse.builder().transitGateway(toSdk(s, t, "pending")).build();
    }

    static String or(String value, String otherwise) {
        return value == null ? otherwise : value;
    }

    /** AWS's private ASN ranges (16-bit 64512–65534, 32-bit 4200000000–4294967294). */
    static void checkAsn(Long asn) {
        if (asn != null && !(asn >= 64512 && asn <= 65534) && !(asn >= 4200000000L && asn <= 4294967294L)) {
            throw Ec2Errors.invalidParameterValue("The amazon side asn " + asn + " is out of range. Must be in the "
                    + "range 64512-65534 or 4200000000-4294967294.");
        }
    }

    TransitGatewayRouteTable newTable(VpcStore s, TransitGateway t) {
        TransitGatewayRouteTable table = new TransitGatewayRouteTable(net.id("tgw-rtb"), s.account, net.now());
        table.transitGatewayId = t.id;
        return s.put(s.tgwRouteTables, table);
    }

    public DescribeTransitGatewaysResponse describeTransitGateways(DescribeTransitGatewaysRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<TransitGateway> found = new ArrayList<>();
        if (r.hasTransitGatewayIds() && !r.transitGatewayIds().isEmpty()) {
            for (String id : r.transitGatewayIds()) {
                found.add(Ids.require(s.transitGateways, "tgw", id));
            }
        } else {
            found.addAll(s.transitGateways.values());
        }
        var page = Pagination.page(found.stream().filter(tgwFilters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeTransitGatewaysResponse.builder()
                .transitGateways(page.items().stream().map(t -> toSdk(s, t, t.state)).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteTransitGatewayResponse deleteTransitGateway(DeleteTransitGatewayRequest r) {
        VpcStore s = net.store();
        TransitGateway t = requireTgw(s, r.transitGatewayId());
        List<String> attachments = s.tgwAttachments.values().stream()
                .filter(a -> belongsTo(s, a, t.id) && !a.state.equals("deleted") && !a.state.equals("rejected")
                        && !a.state.equals("failed")).map(a -> a.id).toList();
        if (!attachments.isEmpty()) {
            throw Ec2Error.INCORRECT_STATE.withMessage(t.id + " has non-deleted Transit Gateway Attachments: "
                    + String.join(", ", attachments));
        }
        List<String> domains = s.tgwMulticastDomains.values().stream()
                .filter(d -> d.transitGatewayId.equals(t.id) && !d.state.equals("deleted")).map(d -> d.id).toList();
        if (!domains.isEmpty()) {
            throw Ec2Error.INCORRECT_STATE.withMessage(t.id + " has non-deleted Transit Gateway Multicast Domains: "
                    + String.join(", ", domains));
        }
        if (net.meteringPolicies.uses(s, t.id)) {
            throw Ec2Error.INCORRECT_STATE.withMessage(t.id + " has a non-deleted Transit Gateway Metering Policy.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        t.state = "deleted";
        s.tgwRouteTables.values().stream().filter(x -> x.transitGatewayId.equals(t.id)).forEach(x -> {
            x.state = "deleted";
            s.forget(x);
        });
        s.forget(t);
        return DeleteTransitGatewayResponse.builder().transitGateway(toSdk(s, t, "deleting")).build();
    }

    public CreateTransitGatewayVpcAttachmentResponse createTransitGatewayVpcAttachment(CreateTransitGatewayVpcAttachmentRequest r) {
        VpcStore s = net.store();
        TransitGateway t = requireTgw(s, r.transitGatewayId());
        Vpc vpc = net.vpcs.require(s, r.vpcId());
        if (!r.hasSubnetIds() || r.subnetIds().isEmpty()) {
            throw Ec2Errors.missing("SubnetIds");
        }
        checkSubnets(s, vpc, r.subnetIds());
        for (TransitGatewayAttachment a : s.tgwAttachments.values()) {
            if (a.transitGatewayId.equals(t.id) && vpc.id.equals(a.vpcId) && !a.state.equals("deleted")) {
                throw Ec2Error.DUPLICATE_TRANSIT_GATEWAY_ATTACHMENT.of(t.id);
            }
        }
        Tags.validate(r.tagSpecifications(), "transit-gateway-attachment");
        Ec2Errors.checkDryRun(r.dryRun());
        TransitGatewayAttachment a = new TransitGatewayAttachment(net.id("tgw-attach"), s.account, net.now());
        a.transitGatewayId = t.id;
        a.vpcId = vpc.id;
        a.subnetIds.addAll(r.subnetIds());
        var o = r.options();
        if (o != null) {
            a.dnsSupport = or(o.dnsSupportAsString(), a.dnsSupport);
            a.ipv6Support = or(o.ipv6SupportAsString(), a.ipv6Support);
            a.applianceModeSupport = or(o.applianceModeSupportAsString(), a.applianceModeSupport);
            a.securityGroupReferencingSupport = or(o.securityGroupReferencingSupportAsString(),
                    a.securityGroupReferencingSupport);
        }
        s.put(s.tgwAttachments, a);
        applyDefaults(s, t, a, true);
        Tags.apply(r.tagSpecifications(), a);
        return CreateTransitGatewayVpcAttachmentResponse.builder().transitGatewayVpcAttachment(vpcAttachmentToSdk(a,
                "pending")).build();
    }

    /** Subnets of an attachment: each of the VPC, one per Availability Zone. */
    void checkSubnets(VpcStore s, Vpc vpc, List<String> ids) {
        Set<String> zones = new LinkedHashSet<>();
        for (String id : ids) {
            Subnet sn = net.subnets.require(s, id);
            if (!sn.vpcId.equals(vpc.id)) {
                throw Ec2Errors.invalidParameterValue("Subnet " + id + " does not belong to " + vpc.id);
            }
            if (!zones.add(sn.availabilityZone)) {
                throw Ec2Error.DUPLICATE_SUBNETS_IN_SAME_ZONE.withMessage("Duplicate Subnets for same AZ");
            }
        }
    }

    /**
     * A new attachment is associated with the gateway's default association route table and propagates to
     * its default propagation route table, when those options are enabled (peering attachments do not
     * propagate: their routes are static).
     */
    void applyDefaults(VpcStore s, TransitGateway t, TransitGatewayAttachment a, boolean propagate) {
        String assoc = t.associationTable();
        if (assoc != null && s.tgwRouteTables.containsKey(assoc)) {
            if (a.transitGatewayId.equals(t.id)) {
                a.associatedRouteTableId = assoc;
            }
            s.tgwRouteTables.get(assoc).associations.add(a.id);
        }
        String prop = t.propagationTable();
        if (propagate && prop != null && s.tgwRouteTables.containsKey(prop)) {
            s.tgwRouteTables.get(prop).propagations.add(a.id);
        }
    }

    TransitGatewayAttachment requireVpcAttachment(VpcStore s, String id) {
        TransitGatewayAttachment a = requireAttachment(s, id);
        if (!a.resourceType.equals("vpc")) {
            throw Ids.notFound("tgw-attach", id);
        }
        return a;
    }

    public DescribeTransitGatewayVpcAttachmentsResponse describeTransitGatewayVpcAttachments(DescribeTransitGatewayVpcAttachmentsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        var page = Pagination.page(attachments(s, r.transitGatewayAttachmentIds(), r.filters()).stream()
                .filter(a -> a.resourceType.equals("vpc")).toList(), r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeTransitGatewayVpcAttachmentsResponse.builder()
                .transitGatewayVpcAttachments(page.items().stream().map(a -> vpcAttachmentToSdk(a, a.state)).toList())
                .nextToken(page.nextToken()).build();
    }

    public DescribeTransitGatewayAttachmentsResponse describeTransitGatewayAttachments(DescribeTransitGatewayAttachmentsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        var page = Pagination.page(attachments(s, r.transitGatewayAttachmentIds(), r.filters()), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeTransitGatewayAttachmentsResponse.builder().transitGatewayAttachments(page.items().stream()
                .map(a -> software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment.builder()
                        .transitGatewayAttachmentId(a.id).transitGatewayId(a.transitGatewayId)
                        .transitGatewayOwnerId(a.ownerId)
                        .resourceOwnerId(a.resourceType.equals("peering") ? a.peerOwnerId : a.ownerId)
                        .resourceType(a.resourceType).resourceId(a.resourceId()).state(a.state).creationTime(a.created)
                        .association(a.associatedRouteTableId == null ? null
                                : TransitGatewayAttachmentAssociation.builder()
                                        .transitGatewayRouteTableId(a.associatedRouteTableId).state("associated").build())
                        .tags(Tags.toSdk(s.tagsOf(a))).build()).toList())
                .nextToken(page.nextToken()).build();
    }

    List<TransitGatewayAttachment> attachments(VpcStore s, List<String> ids, List<Filter> filters) {
        List<TransitGatewayAttachment> found = new ArrayList<>();
        if (ids != null && !ids.isEmpty()) {
            for (String id : ids) {
                found.add(Ids.require(s.tgwAttachments, "tgw-attach", id));
            }
        } else {
            found.addAll(s.tgwAttachments.values());
        }
        return found.stream().filter(attachmentFilters.predicate(filters)).toList();
    }

    public DeleteTransitGatewayVpcAttachmentResponse deleteTransitGatewayVpcAttachment(DeleteTransitGatewayVpcAttachmentRequest r) {
        VpcStore s = net.store();
        TransitGatewayAttachment a = requireVpcAttachment(s, r.transitGatewayAttachmentId());
        List<String> connects = s.tgwAttachments.values().stream().filter(c -> a.id.equals(c.transportAttachmentId)
                && !c.state.equals("deleted")).map(c -> c.id).toList();
        if (!connects.isEmpty()) {
            throw Ec2Error.INCORRECT_STATE.withMessage(a.id + " is the transport of Transit Gateway Connect attachments: "
                    + String.join(", ", connects));
        }
        if (s.tgwMulticastDomains.values().stream().anyMatch(d -> d.subnets.containsValue(a.id))) {
            throw Ec2Error.INCORRECT_STATE.withMessage(a.id + " has subnets associated with a multicast domain.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        detach(s, a);
        return DeleteTransitGatewayVpcAttachmentResponse.builder()
                .transitGatewayVpcAttachment(vpcAttachmentToSdk(a, "deleting")).build();
    }

    /** Marks an attachment deleted on this side: no association, propagation or static route names it. */
    void detach(VpcStore s, TransitGatewayAttachment a) {
        a.state = "deleted";
        for (TransitGatewayRouteTable t : s.tgwRouteTables.values()) {
            t.associations.remove(a.id);
            t.propagations.remove(a.id);
            t.staticRoutes.values().removeIf(a.id::equals);
        }
        a.associatedRouteTableId = null;
        s.forget(a);
    }

    /**
     * The attachment of resource type {@code vpn} a VPN connection on a transit gateway gets, associated with and
     * propagating to the default route tables as the gateway's options say, like a VPC attachment.
     */
    TransitGatewayAttachment attachVpn(VpcStore s, String transitGatewayId, String vpnConnectionId) {
        TransitGateway t = requireTgw(s, transitGatewayId);
        TransitGatewayAttachment a = new TransitGatewayAttachment(net.id("tgw-attach"), s.account, net.now());
        a.transitGatewayId = t.id;
        a.resourceType = "vpn";
        a.vpnConnectionId = vpnConnectionId;
        s.put(s.tgwAttachments, a);
        applyDefaults(s, t, a, true);
        return a;
    }

    /**
     * The attachment of resource type {@code vpn-concentrator} a VPN concentrator gets (the VPN connections made on
     * the concentrator share it), associated with and propagating to the default route tables like a VPN's.
     */
    TransitGatewayAttachment attachVpnConcentrator(VpcStore s, String transitGatewayId, String concentratorId) {
        TransitGateway t = requireTgw(s, transitGatewayId);
        TransitGatewayAttachment a = new TransitGatewayAttachment(net.id("tgw-attach"), s.account, net.now());
        a.transitGatewayId = t.id;
        a.resourceType = "vpn-concentrator";
        a.vpnConcentratorId = concentratorId;
        s.put(s.tgwAttachments, a);
        applyDefaults(s, t, a, true);
        return a;
    }

    /** A transit gateway that exists and is not deleted. */
    TransitGateway requireGateway(VpcStore s, String id) {
        return requireTgw(s, id);
    }

    public CreateTransitGatewayRouteTableResponse createTransitGatewayRouteTable(CreateTransitGatewayRouteTableRequest r) {
        VpcStore s = net.store();
        TransitGateway t = requireTgw(s, r.transitGatewayId());
        Tags.validate(r.tagSpecifications(), "transit-gateway-route-table");
        Ec2Errors.checkDryRun(r.dryRun());
        TransitGatewayRouteTable table = newTable(s, t);
        Tags.apply(r.tagSpecifications(), table);
        return CreateTransitGatewayRouteTableResponse.builder().transitGatewayRouteTable(tableToSdk(table, "pending"))
                .build();
    }

    public DescribeTransitGatewayRouteTablesResponse describeTransitGatewayRouteTables(DescribeTransitGatewayRouteTablesRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<TransitGatewayRouteTable> found = new ArrayList<>();
        if (r.hasTransitGatewayRouteTableIds() && !r.transitGatewayRouteTableIds().isEmpty()) {
            for (String id : r.transitGatewayRouteTableIds()) {
                found.add(Ids.require(s.tgwRouteTables, "tgw-rtb", id));
            }
        } else {
            found.addAll(s.tgwRouteTables.values());
        }
        var page = Pagination.page(found.stream().filter(tableFilters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeTransitGatewayRouteTablesResponse.builder()
                .transitGatewayRouteTables(page.items().stream().map(t -> tableToSdk(t, t.state)).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteTransitGatewayRouteTableResponse deleteTransitGatewayRouteTable(DeleteTransitGatewayRouteTableRequest r) {
        VpcStore s = net.store();
        TransitGatewayRouteTable t = requireTable(s, r.transitGatewayRouteTableId());
        TransitGateway g = defaultsOf(t);
        if (t.id.equals(g.associationTable()) || t.id.equals(g.propagationTable())) {
            throw Ec2Error.INCORRECT_STATE.withMessage("Default association route table " + t.id
                    + " cannot be deleted.");
        }
        if (!t.associations.isEmpty() || !t.propagations.isEmpty()) {
            throw Ec2Error.INCORRECT_STATE.withMessage(t.id + " has associations or propagations.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        t.state = "deleted";
        s.forget(t);
        return DeleteTransitGatewayRouteTableResponse.builder().transitGatewayRouteTable(tableToSdk(t, "deleting"))
                .build();
    }

    public AssociateTransitGatewayRouteTableResponse associateTransitGatewayRouteTable(AssociateTransitGatewayRouteTableRequest r) {
        VpcStore s = net.store();
        TransitGatewayRouteTable t = requireTable(s, r.transitGatewayRouteTableId());
        TransitGatewayAttachment a = requireAttachment(s, r.transitGatewayAttachmentId());
        if (!belongsTo(s, a, t.transitGatewayId)) {
            throw Ec2Errors.invalidParameterValue("Transit Gateway Attachment " + a.id + " and Transit Gateway Route "
                    + "Table " + t.id + " belong to different transit gateways.");
        }
        if (!a.state.equals("available")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("Transit Gateway Attachment " + a.id + " is in invalid state");
        }
        if (associationOn(s, a, t.transitGatewayId) != null) {
            throw Ec2Error.RESOURCE_ALREADY_ASSOCIATED.withMessage("Transit Gateway Attachment " + a.id
                    + " is already associated to a route table.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (a.transitGatewayId.equals(t.transitGatewayId)) {
            a.associatedRouteTableId = t.id;
        }
        t.associations.add(a.id);
        return AssociateTransitGatewayRouteTableResponse.builder().association(association(t, a, "associating")).build();
    }

    public DisassociateTransitGatewayRouteTableResponse disassociateTransitGatewayRouteTable(DisassociateTransitGatewayRouteTableRequest r) {
        VpcStore s = net.store();
        TransitGatewayRouteTable t = requireTable(s, r.transitGatewayRouteTableId());
        TransitGatewayAttachment a = requireAttachment(s, r.transitGatewayAttachmentId());
        if (!t.id.equals(associationOn(s, a, t.transitGatewayId))) {
            throw Ec2Error.INVALID_ASSOCIATION_NOT_FOUND.withMessage("Transit Gateway Attachment " + a.id
                    + " is not associated with route table " + t.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (a.transitGatewayId.equals(t.transitGatewayId)) {
            a.associatedRouteTableId = null;
        }
        t.associations.remove(a.id);
        return DisassociateTransitGatewayRouteTableResponse.builder().association(association(t, a, "disassociating"))
                .build();
    }

    private static TransitGatewayAssociation association(TransitGatewayRouteTable t, TransitGatewayAttachment a,
            String state) {
        return TransitGatewayAssociation.builder().transitGatewayRouteTableId(t.id).transitGatewayAttachmentId(a.id)
                .resourceId(a.resourceId()).resourceType(a.resourceType).state(state).build();
    }

    public EnableTransitGatewayRouteTablePropagationResponse enableTransitGatewayRouteTablePropagation(EnableTransitGatewayRouteTablePropagationRequest r) {
        VpcStore s = net.store();
        TransitGatewayRouteTable t = requireTable(s, r.transitGatewayRouteTableId());
        TransitGatewayAttachment a = requireAttachment(s, r.transitGatewayAttachmentId());
        if (a.resourceType.equals("peering")) {
            // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering.html: peering attachments take static routes only.
            throw Ec2Errors.invalidParameterValue("Propagation is not supported for Transit Gateway peering attachment "
                    + a.id + ".");
        }
        if (!a.transitGatewayId.equals(t.transitGatewayId)) {
            throw Ec2Errors.invalidParameterValue("Transit Gateway Attachment " + a.id + " and Transit Gateway Route "
                    + "Table " + t.id + " belong to different transit gateways.");
        }
        if (t.propagations.contains(a.id)) {
            throw Ec2Error.TRANSIT_GATEWAY_ROUTE_TABLE_PROPAGATION_DUPLICATE.of(a.id, t.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        t.propagations.add(a.id);
        return EnableTransitGatewayRouteTablePropagationResponse.builder().propagation(propagation(t, a, "enabling"))
                .build();
    }

    public DisableTransitGatewayRouteTablePropagationResponse disableTransitGatewayRouteTablePropagation(DisableTransitGatewayRouteTablePropagationRequest r) {
        VpcStore s = net.store();
        TransitGatewayRouteTable t = requireTable(s, r.transitGatewayRouteTableId());
        TransitGatewayAttachment a = requireAttachment(s, r.transitGatewayAttachmentId());
        if (!t.propagations.contains(a.id)) {
            throw Ec2Error.INVALID_ROUTE_TABLE_ID_NOT_FOUND_FOR_PROPAGATION.of(a.id, t.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        t.propagations.remove(a.id);
        return DisableTransitGatewayRouteTablePropagationResponse.builder().propagation(propagation(t, a, "disabling"))
                .build();
    }

    private static TransitGatewayPropagation propagation(TransitGatewayRouteTable t, TransitGatewayAttachment a,
            String state) {
        return TransitGatewayPropagation.builder().transitGatewayRouteTableId(t.id).transitGatewayAttachmentId(a.id)
                .resourceId(a.resourceId()).resourceType(a.resourceType).state(state).build();
    }

    public GetTransitGatewayRouteTableAssociationsResponse getTransitGatewayRouteTableAssociations(GetTransitGatewayRouteTableAssociationsRequest r) {
        VpcStore s = net.store();
        TransitGatewayRouteTable t = requireTable(s, r.transitGatewayRouteTableId());
        return GetTransitGatewayRouteTableAssociationsResponse.builder().associations(t.associations.stream()
                .map(id -> TransitGatewayRouteTableAssociation.builder().transitGatewayAttachmentId(id)
                        .resourceId(s.tgwAttachments.get(id).resourceId())
                        .resourceType(s.tgwAttachments.get(id).resourceType).state("associated").build())
                .toList()).build();
    }

    public GetTransitGatewayRouteTablePropagationsResponse getTransitGatewayRouteTablePropagations(GetTransitGatewayRouteTablePropagationsRequest r) {
        VpcStore s = net.store();
        TransitGatewayRouteTable t = requireTable(s, r.transitGatewayRouteTableId());
        return GetTransitGatewayRouteTablePropagationsResponse.builder().transitGatewayRouteTablePropagations(
                t.propagations.stream().map(id -> TransitGatewayRouteTablePropagation.builder()
                        .transitGatewayAttachmentId(id).resourceId(s.tgwAttachments.get(id).resourceId())
                        .resourceType(s.tgwAttachments.get(id).resourceType)
                        .state("enabled").build()).toList()).build();
    }

    public CreateTransitGatewayRouteResponse createTransitGatewayRoute(CreateTransitGatewayRouteRequest r) {
        VpcStore s = net.store();
        TransitGatewayRouteTable t = requireTable(s, r.transitGatewayRouteTableId());
        String cidr = Vpcs.parseCidr(r.destinationCidrBlock(), "destinationCidrBlock").toString();
        boolean blackhole = Boolean.TRUE.equals(r.blackhole());
        if (blackhole == (r.transitGatewayAttachmentId() != null)) {
            throw Ec2Errors.combination("Exactly one of transitGatewayAttachmentId or blackhole must be specified");
        }
        if (!blackhole) {
            TransitGatewayAttachment a = requireAttachment(s, r.transitGatewayAttachmentId());
            if (!belongsTo(s, a, t.transitGatewayId)) {
                throw Ec2Errors.invalidParameterValue("Transit Gateway Attachment " + a.id + " and Transit Gateway "
                        + "Route Table " + t.id + " belong to different transit gateways.");
            }
            if (!a.state.equals("available")) {
                throw Ec2Error.INCORRECT_STATE.withMessage("Transit Gateway Attachment " + a.id
                        + " is in invalid state");
            }
        }
        if (t.staticRoutes.containsKey(cidr) || t.blackholes.contains(cidr)) {
            throw Ec2Error.ROUTE_ALREADY_EXISTS.withMessage("Route " + cidr + " already exists in Transit Gateway Route "
                    + "Table " + t.id + ".");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (blackhole) {
            t.blackholes.add(cidr);
        } else {
            t.staticRoutes.put(cidr, r.transitGatewayAttachmentId());
        }
        return CreateTransitGatewayRouteResponse.builder().route(route(s, cidr, blackhole ? null
                : r.transitGatewayAttachmentId(), "static")).build();
    }

    public DeleteTransitGatewayRouteResponse deleteTransitGatewayRoute(DeleteTransitGatewayRouteRequest r) {
        VpcStore s = net.store();
        TransitGatewayRouteTable t = requireTable(s, r.transitGatewayRouteTableId());
        String cidr = r.destinationCidrBlock();
        String target = t.staticRoutes.get(cidr);
        if (target == null && !t.blackholes.contains(cidr)) {
            throw Ec2Error.INVALID_ROUTE_NOT_FOUND.withMessage("No route with destination-cidr-block " + cidr
                    + " in Transit Gateway Route Table " + t.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        t.staticRoutes.remove(cidr);
        t.blackholes.remove(cidr);
        return DeleteTransitGatewayRouteResponse.builder().route(route(s, cidr, target, "static").toBuilder()
                .state("deleted").build()).build();
    }

    /** Propagated routes (each propagating VPC's CIDR blocks) plus static routes and blackholes. */
    public SearchTransitGatewayRoutesResponse searchTransitGatewayRoutes(SearchTransitGatewayRoutesRequest r) {
        VpcStore s = net.store();
        TransitGatewayRouteTable t = requireTable(s, r.transitGatewayRouteTableId());
        List<TransitGatewayRoute> routes = new ArrayList<>();
        for (String id : t.propagations) {
            // A VPN attachment propagates what BGP learns; no BGP session ever comes up here, so it adds nothing
            // (nor does a Connect attachment's).
            String vpcId = s.tgwAttachments.get(id).vpcId;
            Vpc vpc = vpcId == null ? null : s.vpcs.get(vpcId);
            if (vpc != null) {
                vpc.cidrs.forEach(c -> routes.add(route(s, c.cidr.toString(), id, "propagated")));
            }
        }
        for (Map.Entry<String, String> e : t.staticRoutes.entrySet()) {
            routes.add(route(s, e.getKey(), e.getValue(), "static"));
        }
        for (String cidr : t.blackholes) {
            routes.add(route(s, cidr, null, "static"));
        }
        List<String> types = null;
        List<String> states = null;
        for (Filter f : r.filters()) {
            switch (f.name()) {
                case "type" -> types = f.values();
                case "state" -> states = f.values();
                case "route-search.exact-match" -> {
                    List<String> exact = f.values();
                    routes.removeIf(x -> !exact.contains(x.destinationCidrBlock()));
                }
                default -> throw Ec2Errors.invalidParameterValue("The filter '" + f.name() + "' is invalid");
            }
        }
        List<String> ty = types;
        List<String> st = states;
        routes.removeIf(x -> (ty != null && !ty.contains(x.typeAsString())) || (st != null && !st.contains(x.stateAsString())));
        return SearchTransitGatewayRoutesResponse.builder().routes(routes).additionalRoutesAvailable(false).build();
    }

    private TransitGatewayRoute route(VpcStore s, String cidr, String attachmentId, String type) {
        var b = TransitGatewayRoute.builder().destinationCidrBlock(cidr).type(type)
                .state(attachmentId == null ? "blackhole" : "active");
        if (attachmentId != null) {
            TransitGatewayAttachment a = s.tgwAttachments.get(attachmentId);
            b.transitGatewayAttachments(TransitGatewayRouteAttachment.builder().transitGatewayAttachmentId(attachmentId)
                    .resourceId(a == null ? null : a.resourceId()).resourceType(a == null ? null : a.resourceType)
                    .build());
        }
        return b.build();
    }

    software.amazon.awssdk.services.ec2.model.TransitGateway toSdk(VpcStore s, TransitGateway t, String state) {
        return software.amazon.awssdk.services.ec2.model.TransitGateway.builder()
                .transitGatewayId(t.id).transitGatewayArn(net.arn(s, "transit-gateway/" + t.id)).ownerId(t.ownerId)
                .description(t.description).state(state).creationTime(t.created)
                .options(TransitGatewayOptions.builder().amazonSideAsn(t.amazonSideAsn)
                        .transitGatewayCidrBlocks(t.cidrBlocks.isEmpty() ? null : t.cidrBlocks)
                        .defaultRouteTableAssociation(t.defaultAssociation ? "enable" : "disable")
                        .defaultRouteTablePropagation(t.defaultPropagation ? "enable" : "disable")
                        .associationDefaultRouteTableId(t.associationTable())
                        .propagationDefaultRouteTableId(t.propagationTable())
                        .autoAcceptSharedAttachments(t.autoAcceptSharedAttachments).dnsSupport(t.dnsSupport)
                        .vpnEcmpSupport(t.vpnEcmpSupport).securityGroupReferencingSupport(t.securityGroupReferencingSupport)
                        .multicastSupport(t.multicastSupport).build())
                .tags(Tags.toSdk(t.tags)).build();
    }

    static TransitGatewayVpcAttachment vpcAttachmentToSdk(TransitGatewayAttachment a, String state) {
        return TransitGatewayVpcAttachment.builder().transitGatewayAttachmentId(a.id)
                .transitGatewayId(a.transitGatewayId).vpcId(a.vpcId).vpcOwnerId(a.ownerId).state(state)
                .subnetIds(a.subnetIds).creationTime(a.created)
                .options(TransitGatewayVpcAttachmentOptions.builder().dnsSupport(a.dnsSupport).ipv6Support(a.ipv6Support)
                        .applianceModeSupport(a.applianceModeSupport)
                        .securityGroupReferencingSupport(a.securityGroupReferencingSupport).build())
                .tags(Tags.toSdk(a.tags)).build();
    }

    private software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable tableToSdk(
            TransitGatewayRouteTable t, String state) {
        TransitGateway g = defaultsOf(t);
        return software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable.builder()
                .transitGatewayRouteTableId(t.id).transitGatewayId(t.transitGatewayId).state(state)
                .defaultAssociationRouteTable(t.id.equals(g.associationTable()))
                .defaultPropagationRouteTable(t.id.equals(g.propagationTable()))
                .creationTime(t.created).tags(Tags.toSdk(t.tags)).build();
    }
}
