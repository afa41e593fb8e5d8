package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GatewayType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TunnelOption;
import software.amazon.awssdk.services.ec2.model.VpnConnection;
import software.amazon.awssdk.services.ec2.model.VpnTunnelOptionsSpecification;

class VpnConnectionsIT extends Ec2TestBase {

    record Gateways(String vpc, String cgw, String vgw) {
    }

    static Gateways gateways(Ec2Client ec2, String cidr, String ip) {
        String vpc = ec2.createVpc(b -> b.cidrBlock(cidr)).vpc().vpcId();
        String cgw = ec2.createCustomerGateway(b -> b.bgpAsn(65010).ipAddress(ip).type(GatewayType.IPSEC_1))
                .customerGateway().customerGatewayId();
        String vgw = ec2.createVpnGateway(b -> b.type(GatewayType.IPSEC_1)).vpnGateway().vpnGatewayId();
        ec2.attachVpnGateway(b -> b.vpnGatewayId(vgw).vpcId(vpc));
        return new Gateways(vpc, cgw, vgw);
    }

    static VpnConnection describe(Ec2Client ec2, String id) {
        return ec2.describeVpnConnections(b -> b.vpnConnectionIds(id)).vpnConnections().get(0);
    }

    static List<Route> propagated(Ec2Client ec2, String rtb) {
        return ec2.describeRouteTables(b -> b.routeTableIds(rtb)).routeTables().get(0).routes().stream()
                .filter(r -> "EnableVgwRoutePropagation".equals(r.originAsString())).toList();
    }

    @Test
    void staticConnectionOnAVirtualPrivateGateway() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, "ap-northeast-2")) {
            Gateways g = gateways(ec2, "10.20.0.0/16", "203.0.113.20");
            fails("DryRunOperation", 412, () -> ec2.createVpnConnection(b -> b.type("ipsec.1").customerGatewayId(g.cgw)
                    .vpnGatewayId(g.vgw).dryRun(true)));
            fails("InvalidCustomerGatewayID.NotFound", () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
                    .customerGatewayId("cgw-00000000000000000").vpnGatewayId(g.vgw)));
            fails("InvalidVpnGatewayID.NotFound", () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
                    .customerGatewayId(g.cgw).vpnGatewayId("vgw-00000000000000000")));
            fails("InvalidParameterCombination", () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
                    .customerGatewayId(g.cgw).vpnGatewayId(g.vgw).transitGatewayId("tgw-00000000000000000")));
            fails("MissingParameter", () -> ec2.createVpnConnection(b -> b.type("ipsec.1").customerGatewayId(g.cgw)));
            fails("InvalidParameterValue", () -> ec2.createVpnConnection(b -> b.type("ipsec.2")
                    .customerGatewayId(g.cgw).vpnGatewayId(g.vgw)));
            fails("InvalidParameterValue", () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
                    .customerGatewayId(g.cgw).vpnGatewayId(g.vgw).tagSpecifications(TagSpecification.builder()
                            .resourceType("vpc").tags(Tag.builder().key("k").value("v").build()).build())));

            VpnConnection c = ec2.createVpnConnection(b -> b.type("ipsec.1").customerGatewayId(g.cgw)
                    .vpnGatewayId(g.vgw).options(o -> o.staticRoutesOnly(true))
                    .tagSpecifications(TagSpecification.builder().resourceType("vpn-connection")
                            .tags(Tag.builder().key("Name").value("office").build()).build())).vpnConnection();
            String id = c.vpnConnectionId();
            assertTrue(id.matches("vpn-[0-9a-f]{17}"), id);
            assertEquals("pending", c.stateAsString());
            assertEquals("ipsec.1", c.typeAsString());
            assertEquals("VPN", c.category());
            assertEquals(g.cgw, c.customerGatewayId());
            assertEquals(g.vgw, c.vpnGatewayId());
            assertTrue(c.options().staticRoutesOnly());
            assertEquals("0.0.0.0/0", c.options().localIpv4NetworkCidr());
            assertEquals("ipv4", c.options().tunnelInsideIpVersionAsString());
            assertEquals("office", c.tags().get(0).value());
            List<TunnelOption> tunnels = c.options().tunnelOptions();
            assertEquals(2, tunnels.size());
            assertNotEquals(tunnels.get(0).outsideIpAddress(), tunnels.get(1).outsideIpAddress());
            assertNotEquals(tunnels.get(0).tunnelInsideCidr(), tunnels.get(1).tunnelInsideCidr());
            for (TunnelOption t : tunnels) {
                assertTrue(t.tunnelInsideCidr().matches("169\\.254\\.\\d+\\.\\d+/30"), t.tunnelInsideCidr());
                assertTrue(t.preSharedKey().matches("[A-Za-z1-9._][A-Za-z0-9._]{31}"), t.preSharedKey());
                assertEquals(28800, t.phase1LifetimeSeconds());
                assertEquals(3600, t.phase2LifetimeSeconds());
                assertEquals(2, t.ikeVersions().size());
            }
            assertEquals(2, c.vgwTelemetry().size());
            assertEquals("DOWN", c.vgwTelemetry().get(0).statusAsString());
            assertEquals(tunnels.get(0).outsideIpAddress(), c.vgwTelemetry().get(0).outsideIpAddress());
            String xml = c.customerGatewayConfiguration();
            assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<vpn_connection id=\"" + id
                    + "\">\n  <customer_gateway_id>" + g.cgw + "</customer_gateway_id>\n"), xml);
            assertTrue(xml.contains("\n      <dead_peer_detection>\n        <interval>10</interval>\n"), xml);
            assertTrue(xml.endsWith("</ipsec_tunnel>\n</vpn_connection>"), xml);
            assertEquals("associated", c.gatewayAssociationStateAsString());
            assertTrue(xml.contains("<vpn_connection id=\"" + id + "\">"), xml);
            assertTrue(xml.contains("<vpn_gateway_id>" + g.vgw + "</vpn_gateway_id>"), xml);
            assertTrue(xml.contains("<pre_shared_key>" + tunnels.get(1).preSharedKey() + "</pre_shared_key>"), xml);
            assertTrue(xml.contains("<ip_address>203.0.113.20</ip_address>"), xml);
            assertTrue(xml.contains("NoBGPVPNConnection"), xml);
            assertFalse(xml.contains("<bgp>"), xml);

            // Idempotent: the same customer gateway and target give the same connection.
            assertEquals(id, ec2.createVpnConnection(b -> b.type("ipsec.1").customerGatewayId(g.cgw)
                    .vpnGatewayId(g.vgw)).vpnConnection().vpnConnectionId());
            advanceClock(Duration.ofSeconds(3));
            VpnConnection available = describe(ec2, id);
            assertEquals("available", available.stateAsString());
            assertEquals(xml, available.customerGatewayConfiguration());

            // Filters AWS documents, and NotFound codes.
            assertEquals(1, ec2.describeVpnConnections(b -> b.filters(filter("customer-gateway-id", g.cgw),
                    filter("vpn-gateway-id", g.vgw), filter("option.static-routes-only", "true"),
                    filter("tag:Name", "office"), filter("state", "available"), filter("type", "ipsec.1"),
                    filter("bgp-asn", "65010"))).vpnConnections().size());
            assertEquals(0, ec2.describeVpnConnections(b -> b.filters(filter("state", "pending"))).vpnConnections()
                    .size());
            fails("InvalidParameterValue", () -> ec2.describeVpnConnections(b -> b.filters(filter("nope", "x"))));
            fails("InvalidVpnConnectionID.NotFound", () -> ec2.describeVpnConnections(b -> b
                    .vpnConnectionIds("vpn-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.describeVpnConnections(b -> b.dryRun(true)));

            // Static routes, and their propagation into a route table the gateway propagates to.
            String rtb = ec2.createRouteTable(b -> b.vpcId(g.vpc)).routeTable().routeTableId();
            ec2.enableVgwRoutePropagation(b -> b.gatewayId(g.vgw).routeTableId(rtb));
            ec2.createVpnConnectionRoute(b -> b.vpnConnectionId(id).destinationCidrBlock("192.168.10.0/24"));
            assertEquals("pending", describe(ec2, id).routes().get(0).stateAsString());
            assertTrue(propagated(ec2, rtb).isEmpty());
            advanceClock(Duration.ofSeconds(3));
            var route = describe(ec2, id).routes().get(0);
            assertEquals("available", route.stateAsString());
            assertEquals("Static", route.sourceAsString());
            assertEquals("192.168.10.0/24", route.destinationCidrBlock());
            List<Route> routes = propagated(ec2, rtb);
            assertEquals(1, routes.size());
            assertEquals(g.vgw, routes.get(0).gatewayId());
            assertEquals("192.168.10.0/24", routes.get(0).destinationCidrBlock());
            assertEquals("active", routes.get(0).stateAsString());
            assertEquals(List.of(rtb), ec2.describeRouteTables(b -> b.filters(filter("route.origin",
                    "EnableVgwRoutePropagation"), filter("route.destination-cidr-block", "192.168.10.0/24"),
                    filter("vpc-id", g.vpc))).routeTables().stream().map(t -> t.routeTableId()).toList());
            assertEquals(1, ec2.describeVpnConnections(b -> b.filters(filter("route.destination-cidr-block",
                    "192.168.10.0/24"))).vpnConnections().size());
            fails("RouteAlreadyExists", () -> ec2.createVpnConnectionRoute(b -> b.vpnConnectionId(id)
                    .destinationCidrBlock("192.168.10.0/24")));
            fails("InvalidParameterValue", () -> ec2.createVpnConnectionRoute(b -> b.vpnConnectionId(id)
                    .destinationCidrBlock("192.168.10.1/24")));
            fails("InvalidVpnConnectionID.NotFound", () -> ec2.createVpnConnectionRoute(b -> b
                    .vpnConnectionId("vpn-00000000000000000").destinationCidrBlock("10.1.0.0/16")));
            fails("InvalidRoute.NotFound", () -> ec2.deleteVpnConnectionRoute(b -> b.vpnConnectionId(id)
                    .destinationCidrBlock("192.168.11.0/24")));
            ec2.disableVgwRoutePropagation(b -> b.gatewayId(g.vgw).routeTableId(rtb));
            assertTrue(propagated(ec2, rtb).isEmpty());
            ec2.enableVgwRoutePropagation(b -> b.gatewayId(g.vgw).routeTableId(rtb));
            ec2.deleteVpnConnectionRoute(b -> b.vpnConnectionId(id).destinationCidrBlock("192.168.10.0/24"));
            assertTrue(describe(ec2, id).routes().isEmpty());
            assertTrue(propagated(ec2, rtb).isEmpty());

            // Gateways in use are not deleted.
            ec2.detachVpnGateway(b -> b.vpnGatewayId(g.vgw).vpcId(g.vpc));
            fails("IncorrectState", () -> ec2.deleteVpnGateway(b -> b.vpnGatewayId(g.vgw)));
            fails("IncorrectState", () -> ec2.deleteCustomerGateway(b -> b.customerGatewayId(g.cgw)));

            fails("DryRunOperation", 412, () -> ec2.deleteVpnConnection(b -> b.vpnConnectionId(id).dryRun(true)));
            fails("InvalidVpnConnectionID.NotFound", () -> ec2.deleteVpnConnection(b -> b
                    .vpnConnectionId("vpn-00000000000000000")));
            ec2.deleteVpnConnection(b -> b.vpnConnectionId(id));
            assertEquals("deleting", describe(ec2, id).stateAsString());
            fails("IncorrectState", () -> ec2.createVpnConnectionRoute(b -> b.vpnConnectionId(id)
                    .destinationCidrBlock("10.1.0.0/16")));
            advanceClock(Duration.ofSeconds(3));
            VpnConnection deleted = describe(ec2, id);
            assertEquals("deleted", deleted.stateAsString());
            assertNull(deleted.customerGatewayConfiguration());
            fails("InvalidVpnConnectionID.NotFound", () -> ec2.deleteVpnConnection(b -> b.vpnConnectionId(id)));
            fails("InvalidVpnConnectionID.NotFound", () -> ec2.createTags(b -> b.resources(id)
                    .tags(Tag.builder().key("a").value("b").build())));
            ec2.deleteVpnGateway(b -> b.vpnGatewayId(g.vgw));
            ec2.deleteCustomerGateway(b -> b.customerGatewayId(g.cgw));
            advanceClock(Duration.ofHours(1));
            assertTrue(ec2.describeVpnConnections(b -> { }).vpnConnections().isEmpty());
            fails("InvalidVpnConnectionID.NotFound", () -> describe(ec2, id));
        }
    }

    @Test
    void tunnelOptionsFollowTheApiReference() {
        try (Ec2Client ec2 = ec2()) {
            Gateways g = gateways(ec2, "10.21.0.0/16", "203.0.113.21");
            for (String bad : List.of("169.254.10.0/29", "10.0.0.0/30", "169.254.5.0/30", "169.254.169.252/30",
                    "169.254.10.1/30", "x")) {
                fails("InvalidParameterValue", () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
                        .customerGatewayId(g.cgw).vpnGatewayId(g.vgw).options(o -> o.tunnelOptions(
                                VpnTunnelOptionsSpecification.builder().tunnelInsideCidr(bad).build()))));
            }
            for (String bad : List.of("0abcdefgh", "short", "has-dash-123", "x".repeat(65))) {
                assertEquals("Value for parameter PreSharedKey is invalid.", fails("InvalidParameterValue",
                        () -> ec2.createVpnConnection(b -> b.type("ipsec.1").customerGatewayId(g.cgw)
                                .vpnGatewayId(g.vgw).options(o -> o.tunnelOptions(VpnTunnelOptionsSpecification
                                        .builder().preSharedKey(bad).build())))));
            }
            fails("InvalidParameterValue", () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
                    .customerGatewayId(g.cgw).vpnGatewayId(g.vgw).options(o -> o.tunnelOptions(
                            VpnTunnelOptionsSpecification.builder().phase1LifetimeSeconds(3600).build()))));
            fails("InvalidParameterValue", () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
                    .customerGatewayId(g.cgw).vpnGatewayId(g.vgw).options(o -> o.tunnelOptions(
                            VpnTunnelOptionsSpecification.builder().phase1EncryptionAlgorithms(x -> x.value("DES"))
                                    .build()))));
            fails("InvalidParameterValue", () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
                    .customerGatewayId(g.cgw).vpnGatewayId(g.vgw).options(o -> o.tunnelOptions(
                            VpnTunnelOptionsSpecification.builder().dpdTimeoutSeconds(30).build(),
                            VpnTunnelOptionsSpecification.builder().dpdTimeoutSeconds(30).build(),
                            VpnTunnelOptionsSpecification.builder().dpdTimeoutSeconds(30).build()))));
            fails("InvalidParameterValue", () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
                    .customerGatewayId(g.cgw).vpnGatewayId(g.vgw).options(o -> o.tunnelInsideIpVersion("ipv6"))));
            assertEquals("An ipv6 inside cidr is not allowed for VPNs using an ipv4 inside ip version",
                    fails("InvalidParameterCombination", () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
                            .customerGatewayId(g.cgw).vpnGatewayId(g.vgw).options(o -> o.tunnelOptions(
                                    VpnTunnelOptionsSpecification.builder().tunnelInsideIpv6Cidr("fd00::/126")
                                            .build())))));
            fails("InvalidParameterValue", () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
                    .customerGatewayId(g.cgw).vpnGatewayId(g.vgw).options(o -> o.tunnelBandwidth("large"))));
            fails("NotImplemented", 501, () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
                    .customerGatewayId(g.cgw).vpnGatewayId(g.vgw).preSharedKeyStorage("SecretsManager")));

            VpnConnection c = ec2.createVpnConnection(b -> b.type("ipsec.1").customerGatewayId(g.cgw)
                    .vpnGatewayId(g.vgw).options(o -> o.localIpv4NetworkCidr("192.168.0.0/16").tunnelOptions(
                            VpnTunnelOptionsSpecification.builder().tunnelInsideCidr("169.254.100.0/30")
                                    .preSharedKey("first_key.123").phase2LifetimeSeconds(1800)
                                    .dpdTimeoutAction("restart").ikeVersions(x -> x.value("ikev2")).build(),
                            VpnTunnelOptionsSpecification.builder().tunnelInsideCidr("169.254.100.4/30").build())))
                    .vpnConnection();
            TunnelOption first = c.options().tunnelOptions().get(0);
            assertEquals("169.254.100.0/30", first.tunnelInsideCidr());
            assertEquals("first_key.123", first.preSharedKey());
            assertEquals(1800, first.phase2LifetimeSeconds());
            assertEquals("restart", first.dpdTimeoutAction());
            assertEquals(List.of("ikev2"), first.ikeVersions().stream().map(v -> v.value()).toList());
            assertEquals("169.254.100.4/30", c.options().tunnelOptions().get(1).tunnelInsideCidr());
            assertEquals("192.168.0.0/16", c.options().localIpv4NetworkCidr());
            assertTrue(c.customerGatewayConfiguration().contains("<ip_address>169.254.100.2</ip_address>"));
            assertTrue(c.customerGatewayConfiguration().contains("<bgp>\n        <asn>65010</asn>\n"
                    + "        <hold_time>30</hold_time>\n      </bgp>"), c.customerGatewayConfiguration());

            // Inside CIDRs are unique among the connections of one virtual private gateway.
            String cgw2 = ec2.createCustomerGateway(b -> b.bgpAsn(65011).ipAddress("203.0.113.22")
                    .type(GatewayType.IPSEC_1)).customerGateway().customerGatewayId();
            fails("InvalidParameterValue", () -> ec2.createVpnConnection(b -> b.type("ipsec.1").customerGatewayId(cgw2)
                    .vpnGatewayId(g.vgw).options(o -> o.tunnelOptions(VpnTunnelOptionsSpecification.builder()
                            .tunnelInsideCidr("169.254.100.4/30").build()))));

            String id = c.vpnConnectionId();
            String outside = first.outsideIpAddress();
            // Changes wait for the connection to be available.
            fails("IncorrectState", () -> ec2.modifyVpnTunnelOptions(b -> b.vpnConnectionId(id)
                    .vpnTunnelOutsideIpAddress(outside).tunnelOptions(o -> o.preSharedKey("second_key"))));
            advanceClock(Duration.ofSeconds(3));
            fails("DryRunOperation", 412, () -> ec2.modifyVpnTunnelOptions(b -> b.vpnConnectionId(id)
                    .vpnTunnelOutsideIpAddress(outside).tunnelOptions(o -> o.preSharedKey("second_key")).dryRun(true)));
            fails("InvalidParameterValue", () -> ec2.modifyVpnTunnelOptions(b -> b.vpnConnectionId(id)
                    .vpnTunnelOutsideIpAddress("198.51.100.1").tunnelOptions(o -> o.preSharedKey("second_key"))));
            fails("InvalidParameterValue", () -> ec2.modifyVpnTunnelOptions(b -> b.vpnConnectionId(id)
                    .vpnTunnelOutsideIpAddress(outside).tunnelOptions(o -> o.tunnelInsideCidr("169.254.100.4/30"))));
            fails("InvalidParameterValue", () -> ec2.modifyVpnTunnelOptions(b -> b.vpnConnectionId(id)
                    .vpnTunnelOutsideIpAddress(outside).tunnelOptions(o -> o.rekeyMarginTimeSeconds(1000))));
            VpnConnection modified = ec2.modifyVpnTunnelOptions(b -> b.vpnConnectionId(id)
                    .vpnTunnelOutsideIpAddress(outside).tunnelOptions(o -> o.preSharedKey("second_key")
                            .tunnelInsideCidr("169.254.101.0/30"))).vpnConnection();
            TunnelOption changed = modified.options().tunnelOptions().get(0);
            assertEquals("second_key", changed.preSharedKey());
            assertEquals("169.254.101.0/30", changed.tunnelInsideCidr());
            assertEquals(1800, changed.phase2LifetimeSeconds());
            assertEquals(outside, changed.outsideIpAddress());
            assertTrue(describe(ec2, id).customerGatewayConfiguration().contains("second_key"));

            fails("DryRunOperation", 412, () -> ec2.modifyVpnConnectionOptions(b -> b.vpnConnectionId(id)
                    .remoteIpv4NetworkCidr("10.21.0.0/16").dryRun(true)));
            fails("InvalidParameterValue", () -> ec2.modifyVpnConnectionOptions(b -> b.vpnConnectionId(id)
                    .remoteIpv4NetworkCidr("10.21.0.0/33")));
            fails("InvalidParameterValue", () -> ec2.modifyVpnConnectionOptions(b -> b.vpnConnectionId(id)
                    .localIpv6NetworkCidr("fd00::/64")));
            assertEquals("10.21.0.0/16", ec2.modifyVpnConnectionOptions(b -> b.vpnConnectionId(id)
                    .remoteIpv4NetworkCidr("10.21.0.0/16")).vpnConnection().options().remoteIpv4NetworkCidr());
            assertEquals("192.168.0.0/16", describe(ec2, id).options().localIpv4NetworkCidr());
        }
    }

    @Test
    void transitGatewayConnectionsAndModifyingTheTarget() {
        try (Ec2Client ec2 = ec2()) {
            Gateways g = gateways(ec2, "10.22.0.0/16", "203.0.113.23");
            String tgw = ec2.createTransitGateway(b -> { }).transitGateway().transitGatewayId();
            String defaultTable = ec2.describeTransitGateways(b -> b.transitGatewayIds(tgw)).transitGateways().get(0)
                    .options().associationDefaultRouteTableId();
            fails("InvalidTransitGatewayID.NotFound", () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
                    .customerGatewayId(g.cgw).transitGatewayId("tgw-00000000000000000")));
            VpnConnection c = ec2.createVpnConnection(b -> b.type("ipsec.1").customerGatewayId(g.cgw)
                    .transitGatewayId(tgw).options(o -> o.tunnelInsideIpVersion("ipv6").enableAcceleration(true)))
                    .vpnConnection();
            String id = c.vpnConnectionId();
            assertEquals(tgw, c.transitGatewayId());
            assertNull(c.vpnGatewayId());
            assertTrue(c.options().enableAcceleration());
            assertEquals("::/0", c.options().localIpv6NetworkCidr());
            for (TunnelOption t : c.options().tunnelOptions()) {
                assertTrue(t.tunnelInsideIpv6Cidr().startsWith("fd00:") && t.tunnelInsideIpv6Cidr().endsWith("/126"),
                        t.tunnelInsideIpv6Cidr());
                assertNull(t.tunnelInsideCidr());
            }
            // On a transit gateway the configuration's vpn_gateway_id is empty; a BGP connection has no attributes.
            assertTrue(c.customerGatewayConfiguration().contains("<vpn_gateway_id/>"), c.customerGatewayConfiguration());
            assertFalse(c.customerGatewayConfiguration().contains("vpn_connection_attributes"));
            fails("InvalidParameterCombination", () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
                    .customerGatewayId(g.cgw).transitGatewayId(tgw).options(o -> o.tunnelInsideIpVersion("ipv6")
                            .tunnelOptions(VpnTunnelOptionsSpecification.builder().tunnelInsideCidr("169.254.90.0/30")
                                    .build()))));

            // The transit gateway gets an attachment of resource type vpn, in its default route table.
            var attachments = ec2.describeTransitGatewayAttachments(b -> b.filters(filter("resource-type", "vpn"),
                    filter("transit-gateway-id", tgw))).transitGatewayAttachments();
            assertEquals(1, attachments.size());
            var attachment = attachments.get(0);
            assertEquals(id, attachment.resourceId());
            assertEquals(defaultTable, attachment.association().transitGatewayRouteTableId());
            assertTrue(ec2.describeTransitGatewayVpcAttachments(b -> b.filters(filter("transit-gateway-id", tgw)))
                    .transitGatewayVpcAttachments().isEmpty());
            var propagation = ec2.getTransitGatewayRouteTablePropagations(b -> b
                    .transitGatewayRouteTableId(defaultTable)).transitGatewayRouteTablePropagations().get(0);
            assertEquals("vpn", propagation.resourceTypeAsString());
            assertEquals(id, propagation.resourceId());
            ec2.createTransitGatewayRoute(b -> b.transitGatewayRouteTableId(defaultTable)
                    .destinationCidrBlock("192.168.50.0/24").transitGatewayAttachmentId(attachment
                            .transitGatewayAttachmentId()));
            var tgwRoute = ec2.searchTransitGatewayRoutes(b -> b.transitGatewayRouteTableId(defaultTable)
                    .filters(filter("type", "static"))).routes().get(0);
            assertEquals("vpn", tgwRoute.transitGatewayAttachments().get(0).resourceTypeAsString());
            fails("InvalidTransitGatewayAttachmentID.NotFound", () -> ec2.deleteTransitGatewayVpcAttachment(b -> b
                    .transitGatewayAttachmentId(attachment.transitGatewayAttachmentId())));
            // A transit gateway's static routes live in its route tables.
            advanceClock(Duration.ofSeconds(3));
            fails("InvalidParameterValue", () -> ec2.createVpnConnectionRoute(b -> b.vpnConnectionId(id)
                    .destinationCidrBlock("192.168.60.0/24")));
            fails("IncorrectState", () -> ec2.deleteTransitGateway(b -> b.transitGatewayId(tgw)));

            // An IPv6 or accelerated connection cannot move to a virtual private gateway.
            fails("InvalidParameterValue", () -> ec2.modifyVpnConnection(b -> b.vpnConnectionId(id)
                    .vpnGatewayId(g.vgw)));
            VpnConnection plain = ec2.createVpnConnection(b -> b.type("ipsec.1").customerGatewayId(g.cgw)
                    .vpnGatewayId(g.vgw).options(o -> o.staticRoutesOnly(true))).vpnConnection();
            String plainId = plain.vpnConnectionId();
            fails("IncorrectState", () -> ec2.modifyVpnConnection(b -> b.vpnConnectionId(plainId)
                    .transitGatewayId(tgw)));
            advanceClock(Duration.ofSeconds(3));
            ec2.createVpnConnectionRoute(b -> b.vpnConnectionId(plainId).destinationCidrBlock("192.168.70.0/24"));
            fails("InvalidParameterCombination", () -> ec2.modifyVpnConnection(b -> b.vpnConnectionId(plainId)
                    .transitGatewayId(tgw).vpnGatewayId(g.vgw)));
            fails("MissingParameter", () -> ec2.modifyVpnConnection(b -> b.vpnConnectionId(plainId)));
            fails("InvalidParameterValue", () -> ec2.modifyVpnConnection(b -> b.vpnConnectionId(plainId)
                    .vpnGatewayId(g.vgw)));
            // Static routes must go before the move to a transit gateway.
            fails("IncorrectState", () -> ec2.modifyVpnConnection(b -> b.vpnConnectionId(plainId)
                    .transitGatewayId(tgw)));
            ec2.deleteVpnConnectionRoute(b -> b.vpnConnectionId(plainId).destinationCidrBlock("192.168.70.0/24"));
            // The customer gateway already has a connection on the transit gateway.
            fails("InvalidParameterValue", () -> ec2.modifyVpnConnection(b -> b.vpnConnectionId(plainId)
                    .transitGatewayId(tgw)));
            ec2.deleteVpnConnection(b -> b.vpnConnectionId(id));
            var gone = ec2.describeTransitGatewayAttachments(b -> b.filters(filter("resource-id", id)))
                    .transitGatewayAttachments();
            assertEquals(1, gone.size());
            assertEquals("deleted", gone.get(0).stateAsString());
            fails("DryRunOperation", 412, () -> ec2.modifyVpnConnection(b -> b.vpnConnectionId(plainId)
                    .transitGatewayId(tgw).dryRun(true)));
            VpnConnection moved = ec2.modifyVpnConnection(b -> b.vpnConnectionId(plainId).transitGatewayId(tgw))
                    .vpnConnection();
            assertEquals(tgw, moved.transitGatewayId());
            assertNull(moved.vpnGatewayId());
            assertEquals(plain.options().tunnelOptions().get(0).outsideIpAddress(),
                    moved.options().tunnelOptions().get(0).outsideIpAddress());
            assertEquals(1, ec2.describeTransitGatewayAttachments(b -> b.filters(filter("resource-id", plainId),
                    filter("state", "available"))).transitGatewayAttachments().size());
            // And back to the virtual private gateway: the attachment goes.
            VpnConnection back = ec2.modifyVpnConnection(b -> b.vpnConnectionId(plainId).vpnGatewayId(g.vgw))
                    .vpnConnection();
            assertEquals(g.vgw, back.vpnGatewayId());
            assertNull(back.transitGatewayId());
            assertEquals(0, ec2.describeTransitGatewayAttachments(b -> b.filters(filter("resource-id", plainId),
                    filter("state", "available"))).transitGatewayAttachments().size());
            String cgw2 = ec2.createCustomerGateway(b -> b.bgpAsn(65012).ipAddress("203.0.113.24")
                    .type(GatewayType.IPSEC_1)).customerGateway().customerGatewayId();
            assertEquals(cgw2, ec2.modifyVpnConnection(b -> b.vpnConnectionId(plainId).customerGatewayId(cgw2))
                    .vpnConnection().customerGatewayId());
            ec2.deleteVpnConnection(b -> b.vpnConnectionId(plainId));
            advanceClock(Duration.ofSeconds(3));
            ec2.deleteTransitGateway(b -> b.transitGatewayId(tgw));
        }
    }

    @Test
    void whatIsNotEmulatedAnswers501() {
        try (Ec2Client ec2 = ec2()) {
            fails("NotImplemented", 501, () -> ec2.getVpnConnectionDeviceTypes(b -> { }));
            fails("NotImplemented", 501, () -> ec2.getVpnConnectionDeviceSampleConfiguration(b -> b
                    .vpnConnectionId("vpn-00000000000000000").vpnConnectionDeviceTypeId("x")));
            fails("NotImplemented", 501, () -> ec2.modifyVpnTunnelCertificate(b -> b
                    .vpnConnectionId("vpn-00000000000000000").vpnTunnelOutsideIpAddress("198.51.100.1")));
        }
    }
}
