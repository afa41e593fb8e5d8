package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.TransitGatewayAttachment;
import io.gureum.vpc.model.VpnConcentrator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateVpnConcentratorRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpnConcentratorResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpnConcentratorRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpnConcentratorResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpnConcentratorsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpnConcentratorsResponse;

/**
 * Site-to-Site VPN concentrators (https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-concentrator.html): one transit
 * gateway attachment (resource type {@code vpn-concentrator}) that many VPN connections share; a connection names the
 * concentrator instead of the transit gateway. {@code pending} for {@link #TRANSITION} on the clock, then
 * {@code available}; after DeleteVpnConcentrator (refused while a VPN connection not yet deleted uses it, as the
 * guide asks them deleted first) {@code deleting}, then {@code deleted}, still described for
 * {@link #VISIBLE_AFTER_DELETE}; the attachment is deleted with it.
 */
public final class VpnConcentrators {
    static final Duration TRANSITION = Duration.ofSeconds(2);
    static final Duration VISIBLE_AFTER_DELETE = Duration.ofHours(1);
    private final Network net;
    private final Filters<VpnConcentrator> filters;

    VpnConcentrators(Network net) {
        this.net = net;
        this.filters = new Filters<VpnConcentrator>()
                .on("vpn-concentrator-id", c -> c.id)
                .on("state", this::state)
                .on("type", c -> c.type)
                .on("transit-gateway-id", c -> c.transitGatewayId)
                .on("transit-gateway-attachment-id", c -> c.transitGatewayAttachmentId);
    }

    /** AWS's error for a VPN concentrator ID that does not exist (the code Terraform's AWS provider checks for). */
    static AwsException notFound(String id) {
        return new AwsException("InvalidVpnConcentratorID.NotFound", "The vpnConcentrator ID '" + id
                + "' does not exist", 400);
    }

    /** The state at the clock's current time. */
    String state(VpnConcentrator c) {
        Instant now = net.now();
        if (c.deleteRequested != null) {
            return now.isBefore(c.deleteRequested.plus(TRANSITION)) ? "deleting" : "deleted";
        }
        return now.isBefore(c.created.plus(TRANSITION)) ? "pending" : "available";
    }

    /** A concentrator a VPN connection may use: one that exists and is {@code available}. */
    VpnConcentrator requireAvailable(VpcStore s, String id) {
        VpnConcentrator c = s.vpnConcentrators.get(id);
        if (c == null || state(c).equals("deleted")) {
            throw notFound(id);
        }
        if (!state(c).equals("available")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The VPN concentrator " + id + " is in state " + state(c)
                    + ".");
        }
        return c;
    }

    /** Deleted concentrators leave the registry, and the store an hour later. Called before each operation. */
    void settle(VpcStore s) {
        if (s.vpnConcentrators.isEmpty()) {
            return;
        }
        for (VpnConcentrator c : List.copyOf(s.vpnConcentrators.values())) {
            if (c.deleteRequested == null || !state(c).equals("deleted")) {
                continue;
            }
            if (s.registered(c)) {
                s.forget(c);
            }
            if (!net.now().isBefore(c.deleteRequested.plus(TRANSITION).plus(VISIBLE_AFTER_DELETE))) {
                s.remove(s.vpnConcentrators, c.id);
            }
        }
    }

    public CreateVpnConcentratorResponse createVpnConcentrator(CreateVpnConcentratorRequest r) {
        VpcStore s = net.store();
        if (r.typeAsString() == null) {
            throw Ec2Errors.missing("Type");
        }
        if (!r.typeAsString().equals("ipsec.1")) {
            throw Ec2Errors.invalidValue(r.typeAsString(), "Type", "Valid values are ipsec.1.");
        }
        // The API reference marks TransitGatewayId optional, but a concentrator is a transit gateway attachment.
        if (r.transitGatewayId() == null) {
            throw Ec2Errors.missing("TransitGatewayId");
        }
        String tgw = net.transitGateways.requireGateway(s, r.transitGatewayId()).id;
        Tags.validate(r.tagSpecifications(), "vpn-concentrator");
        Ec2Errors.checkDryRun(r.dryRun());
        VpnConcentrator c = new VpnConcentrator(net.id("vcn"), s.account, net.now());
        c.transitGatewayId = tgw;
        Tags.apply(r.tagSpecifications(), c);
        s.put(s.vpnConcentrators, c);
        c.transitGatewayAttachmentId = net.transitGateways.attachVpnConcentrator(s, tgw, c.id).id;
        return CreateVpnConcentratorResponse.builder().vpnConcentrator(toSdk(s, c)).build();
    }

    public DeleteVpnConcentratorResponse deleteVpnConcentrator(DeleteVpnConcentratorRequest r) {
        VpcStore s = net.store();
        if (r.vpnConcentratorId() == null) {
            throw Ec2Errors.missing("VpnConcentratorId");
        }
        VpnConcentrator c = s.vpnConcentrators.get(r.vpnConcentratorId());
        if (c == null || state(c).equals("deleted")) {
            throw notFound(r.vpnConcentratorId());
        }
        if (c.deleteRequested == null && net.vpnConnections.usesConcentrator(s, c.id)) {
            throw Ec2Errors.dependencyViolation("vpnConcentrator", c.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (c.deleteRequested == null) {
            c.deleteRequested = net.now();
            TransitGatewayAttachment a = s.tgwAttachments.get(c.transitGatewayAttachmentId);
            if (a != null && !a.state.equals("deleted")) {
                net.transitGateways.detach(s, a);
            }
        }
        return DeleteVpnConcentratorResponse.builder().returnValue(true).build();
    }

    public DescribeVpnConcentratorsResponse describeVpnConcentrators(DescribeVpnConcentratorsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<VpnConcentrator> found = Selected.byIds(s.vpnConcentrators, r.vpnConcentratorIds(), id -> notFound(id));
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 200, 1000);
        return DescribeVpnConcentratorsResponse.builder()
                .vpnConcentrators(page.items().stream().map(c -> toSdk(s, c)).toList())
                .nextToken(page.nextToken()).build();
    }

    private software.amazon.awssdk.services.ec2.model.VpnConcentrator toSdk(VpcStore s, VpnConcentrator c) {
        return software.amazon.awssdk.services.ec2.model.VpnConcentrator.builder().vpnConcentratorId(c.id)
                .state(state(c)).transitGatewayId(c.transitGatewayId)
                .transitGatewayAttachmentId(c.transitGatewayAttachmentId).type(c.type)
                .tags(Tags.toSdk(s.tagsOf(c))).build();
    }
}
