package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.vpc.model.CustomerGateway;
import io.gureum.vpc.model.RouteTable;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.model.VpnGateway;
import io.gureum.vpc.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AttachVpnGatewayRequest;
import software.amazon.awssdk.services.ec2.model.AttachVpnGatewayResponse;
import software.amazon.awssdk.services.ec2.model.CreateCustomerGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateCustomerGatewayResponse;
import software.amazon.awssdk.services.ec2.model.CreateVpnGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpnGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteCustomerGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteCustomerGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpnGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpnGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCustomerGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCustomerGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpnGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpnGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.DetachVpnGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DetachVpnGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DisableVgwRoutePropagationRequest;
import software.amazon.awssdk.services.ec2.model.DisableVgwRoutePropagationResponse;
import software.amazon.awssdk.services.ec2.model.EnableVgwRoutePropagationRequest;
import software.amazon.awssdk.services.ec2.model.EnableVgwRoutePropagationResponse;
import software.amazon.awssdk.services.ec2.model.VpcAttachment;

/**
 * Site-to-site VPN basics (https://docs.aws.amazon.com/vpn/latest/s2svpn/how_it_works.html): customer
 * gateways describe the on-premises device, virtual private gateways attach to one VPC and may
 * propagate routes into its route tables. VPN connections are {@link VpnConnections}.
 */
public final class VpnGateways {
    private final Network net;
    private final Filters<CustomerGateway> cgwFilters = new Filters<CustomerGateway>()
            .on("customer-gateway-id", c -> c.id)
            .on("bgp-asn", c -> c.bgpAsn)
            .on("ip-address", c -> c.ipAddress)
            .on("state", c -> c.state)
            .on("type", c -> c.type);
    private final Filters<VpnGateway> vgwFilters = new Filters<VpnGateway>()
            .on("vpn-gateway-id", v -> v.id)
            .on("state", v -> v.state)
            .on("type", v -> v.type)
            .on("amazon-side-asn", v -> v.amazonSideAsn)
            .on("availability-zone", v -> v.availabilityZone)
            .on("attachment.vpc-id", v -> v.attachments.keySet())
            .on("attachment.state", v -> v.attachments.values());

    VpnGateways(Network net) {
        this.net = net;
    }

    public CreateCustomerGatewayResponse createCustomerGateway(CreateCustomerGatewayRequest r) {
        VpcStore s = net.store();
        String ip = r.ipAddress() != null ? r.ipAddress() : r.publicIp();
        if (ip == null && r.certificateArn() == null) {
            throw Ec2Errors.missing("IpAddress");
        }
        if (ip != null) {
            try {
                Cidr.parseAddress(ip);
            } catch (IllegalArgumentException e) {
                throw Ec2Errors.invalidValue(ip, "ipAddress", "This is not a valid IP address.");
            }
        }
        if (!"ipsec.1".equals(r.typeAsString())) {
            throw Ec2Errors.invalidValue(String.valueOf(r.typeAsString()), "type", "Valid values are ipsec.1.");
        }
        Tags.validate(r.tagSpecifications(), "customer-gateway");
        Ec2Errors.checkDryRun(r.dryRun());
        // Like AWS, an identical gateway (same IP, ASN and type) is returned rather than duplicated.
        String asn = String.valueOf(r.bgpAsnExtended() != null ? r.bgpAsnExtended() : r.bgpAsn() == null ? 65000 : r.bgpAsn());
        for (CustomerGateway c : s.customerGateways.values()) {
            if (c.state.equals("available") && c.ipAddress.equals(ip) && c.bgpAsn.equals(asn)) {
                return CreateCustomerGatewayResponse.builder().customerGateway(toSdk(c)).build();
            }
        }
        CustomerGateway c = new CustomerGateway(net.id("cgw"), s.account, net.now());
        c.ipAddress = ip;
        c.bgpAsn = asn;
        c.type = "ipsec.1";
        c.deviceName = r.deviceName();
        s.put(s.customerGateways, c);
        Tags.apply(r.tagSpecifications(), c);
        return CreateCustomerGatewayResponse.builder().customerGateway(toSdk(c)).build();
    }

    public DescribeCustomerGatewaysResponse describeCustomerGateways(DescribeCustomerGatewaysRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<CustomerGateway> found = new ArrayList<>();
        if (r.hasCustomerGatewayIds() && !r.customerGatewayIds().isEmpty()) {
            for (String id : r.customerGatewayIds()) {
                found.add(Ids.require(s.customerGateways, "cgw", id));
            }
        } else {
            found.addAll(s.customerGateways.values());
        }
        return DescribeCustomerGatewaysResponse.builder().customerGateways(found.stream()
                .filter(cgwFilters.predicate(r.filters())).map(VpnGateways::toSdk).toList()).build();
    }

    public DeleteCustomerGatewayResponse deleteCustomerGateway(DeleteCustomerGatewayRequest r) {
        VpcStore s = net.store();
        CustomerGateway c = Ids.require(s.customerGateways, "cgw", r.customerGatewayId());
        if (net.vpnConnections.uses(s, c.id)) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The customer gateway '" + c.id + "' is in use.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        c.state = "deleted";
        s.forget(c);
        return DeleteCustomerGatewayResponse.builder().build();
    }

    public CreateVpnGatewayResponse createVpnGateway(CreateVpnGatewayRequest r) {
        VpcStore s = net.store();
        if (!"ipsec.1".equals(r.typeAsString())) {
            throw Ec2Errors.invalidValue(String.valueOf(r.typeAsString()), "type", "Valid values are ipsec.1.");
        }
        Tags.validate(r.tagSpecifications(), "vpn-gateway");
        Ec2Errors.checkDryRun(r.dryRun());
        VpnGateway v = new VpnGateway(net.id("vgw"), s.account, net.now());
        v.type = "ipsec.1";
        v.availabilityZone = r.availabilityZone();
        if (r.amazonSideAsn() != null) {
            v.amazonSideAsn = r.amazonSideAsn();
        }
        s.put(s.vpnGateways, v);
        Tags.apply(r.tagSpecifications(), v);
        return CreateVpnGatewayResponse.builder().vpnGateway(toSdk(v)).build();
    }

    private VpnGateway require(VpcStore s, String id) {
        VpnGateway v = Ids.require(s.vpnGateways, "vgw", id);
        if (v.state.equals("deleted")) {
            throw Ids.notFound("vgw", id);
        }
        return v;
    }

    public DescribeVpnGatewaysResponse describeVpnGateways(DescribeVpnGatewaysRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<VpnGateway> found = new ArrayList<>();
        if (r.hasVpnGatewayIds() && !r.vpnGatewayIds().isEmpty()) {
            for (String id : r.vpnGatewayIds()) {
                found.add(Ids.require(s.vpnGateways, "vgw", id));
            }
        } else {
            found.addAll(s.vpnGateways.values());
        }
        return DescribeVpnGatewaysResponse.builder().vpnGateways(found.stream()
                .filter(vgwFilters.predicate(r.filters())).map(VpnGateways::toSdk).toList()).build();
    }

    /** A virtual private gateway attaches to one VPC, and a VPC has at most one. */
    public AttachVpnGatewayResponse attachVpnGateway(AttachVpnGatewayRequest r) {
        VpcStore s = net.store();
        VpnGateway v = require(s, r.vpnGatewayId());
        Vpc vpc = net.vpcs.require(s, r.vpcId());
        if (!v.attachments.isEmpty()) {
            throw Ec2Error.VPN_GATEWAY_ATTACHMENT_LIMIT_EXCEEDED.of(v.id);
        }
        for (VpnGateway other : s.vpnGateways.values()) {
            if (other.attachments.containsKey(vpc.id)) {
                throw Ec2Error.INVALID_PARAMETER_VALUE.withMessage("The VPC " + vpc.id
                        + " already has a virtual private gateway attached");
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        v.attachments.put(vpc.id, "attached");
        return AttachVpnGatewayResponse.builder().vpcAttachment(VpcAttachment.builder().vpcId(vpc.id)
                .state("attaching").build()).build();
    }

    public DetachVpnGatewayResponse detachVpnGateway(DetachVpnGatewayRequest r) {
        VpcStore s = net.store();
        VpnGateway v = require(s, r.vpnGatewayId());
        if (!v.attachments.containsKey(r.vpcId())) {
            throw Ec2Error.INVALID_VPN_GATEWAY_ATTACHMENT_NOT_FOUND.of(v.id, r.vpcId());
        }
        Ec2Errors.checkDryRun(r.dryRun());
        v.attachments.remove(r.vpcId());
        for (RouteTable t : s.routeTables.values()) {
            t.propagatingVgws.remove(v.id);
        }
        return DetachVpnGatewayResponse.builder().build();
    }

    public DeleteVpnGatewayResponse deleteVpnGateway(DeleteVpnGatewayRequest r) {
        VpcStore s = net.store();
        VpnGateway v = require(s, r.vpnGatewayId());
        if (!v.attachments.isEmpty() || net.vpnConnections.uses(s, v.id)) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The VPN gateway '" + v.id + "' is in use.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        v.state = "deleted";
        s.forget(v);
        return DeleteVpnGatewayResponse.builder().build();
    }

    public EnableVgwRoutePropagationResponse enableVgwRoutePropagation(EnableVgwRoutePropagationRequest r) {
        VpcStore s = net.store();
        VpnGateway v = require(s, r.gatewayId());
        RouteTable t = net.routeTables.require(s, r.routeTableId());
        if (!v.attachments.containsKey(t.vpcId)) {
            throw Ec2Error.GATEWAY_NOT_ATTACHED.withMessage("resource " + v.id + " is not attached to network " + t.vpcId);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        t.propagatingVgws.add(v.id);
        return EnableVgwRoutePropagationResponse.builder().build();
    }

    public DisableVgwRoutePropagationResponse disableVgwRoutePropagation(DisableVgwRoutePropagationRequest r) {
        VpcStore s = net.store();
        VpnGateway v = require(s, r.gatewayId());
        RouteTable t = net.routeTables.require(s, r.routeTableId());
        Ec2Errors.checkDryRun(r.dryRun());
        t.propagatingVgws.remove(v.id);
        return DisableVgwRoutePropagationResponse.builder().build();
    }

    private static software.amazon.awssdk.services.ec2.model.CustomerGateway toSdk(CustomerGateway c) {
        return software.amazon.awssdk.services.ec2.model.CustomerGateway.builder().customerGatewayId(c.id)
                .ipAddress(c.ipAddress).bgpAsn(c.bgpAsn).type(c.type).state(c.state).deviceName(c.deviceName)
                .tags(Tags.toSdk(c.tags)).build();
    }

    private static software.amazon.awssdk.services.ec2.model.VpnGateway toSdk(VpnGateway v) {
        return software.amazon.awssdk.services.ec2.model.VpnGateway.builder().vpnGatewayId(v.id).type(v.type)
                .state(v.state).availabilityZone(v.availabilityZone).amazonSideAsn(v.amazonSideAsn)
                .vpcAttachments(v.attachments.entrySet().stream().map(e -> VpcAttachment.builder().vpcId(e.getKey())
                        .state(e.getValue()).build()).toList())
                .tags(Tags.toSdk(v.tags)).build();
    }
}
