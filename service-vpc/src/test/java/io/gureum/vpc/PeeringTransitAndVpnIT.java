package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GatewayType;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnection;

class PeeringTransitAndVpnIT extends Ec2TestBase {

    static String status(Ec2Client ec2, String pcx) {
        return ec2.describeVpcPeeringConnections(b -> b.vpcPeeringConnectionIds(pcx)).vpcPeeringConnections().get(0)
                .status().codeAsString();
    }

    @Test
    void peeringInOneAccount() {
        try (Ec2Client ec2 = ec2()) {
            String a = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String b2 = ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            VpcPeeringConnection created = ec2.createVpcPeeringConnection(b -> b.vpcId(a).peerVpcId(b2))
                    .vpcPeeringConnection();
            assertTrue(created.vpcPeeringConnectionId().matches("pcx-[0-9a-f]{17}"));
            assertEquals("initiating-request", created.status().codeAsString());
            String pcx = created.vpcPeeringConnectionId();
            assertEquals("pending-acceptance", status(ec2, pcx));
            var pending = ec2.describeVpcPeeringConnections(b -> b.vpcPeeringConnectionIds(pcx)).vpcPeeringConnections()
                    .get(0);
            assertNotNull(pending.expirationTime());
            assertEquals("10.0.0.0/16", pending.requesterVpcInfo().cidrBlock());

            String rtb = ec2.createRouteTable(b -> b.vpcId(a)).routeTable().routeTableId();
            ec2.createRoute(b -> b.routeTableId(rtb).destinationCidrBlock("10.1.0.0/16").vpcPeeringConnectionId(pcx));
            assertEquals("blackhole", InternetGatewaysAndRoutesIT.route(ec2, rtb, "10.1.0.0/16").stateAsString(),
                    "a route to a peering that is not active yet");
            ec2.acceptVpcPeeringConnection(b -> b.vpcPeeringConnectionId(pcx));
            assertEquals("active", status(ec2, pcx));
            assertEquals("active", InternetGatewaysAndRoutesIT.route(ec2, rtb, "10.1.0.0/16").stateAsString());
            assertEquals("10.1.0.0/16", ec2.describeVpcPeeringConnections(b -> b.vpcPeeringConnectionIds(pcx))
                    .vpcPeeringConnections().get(0).accepterVpcInfo().cidrBlock());
            assertEquals("Invalid state transition for " + pcx + ", attempted to transition from active to active",
                    fails("InvalidStateTransition", () -> ec2.acceptVpcPeeringConnection(b -> b.vpcPeeringConnectionId(pcx))));
            assertEquals(1, ec2.describeVpcPeeringConnections(b -> b.filters(filter("status-code", "active"),
                    filter("requester-vpc-info.vpc-id", a))).vpcPeeringConnections().size());
            ec2.deleteVpcPeeringConnection(b -> b.vpcPeeringConnectionId(pcx));
            assertEquals("deleted", status(ec2, pcx));
            fails("InvalidStateTransition", () -> ec2.deleteVpcPeeringConnection(b -> b.vpcPeeringConnectionId(pcx)));
            fails("InvalidVpcPeeringConnectionID.NotFound", () -> ec2.describeVpcPeeringConnections(b -> b
                    .vpcPeeringConnectionIds("pcx-00000000000000000")));

            // Overlapping blocks or an unknown peer VPC make the request fail.
            String overlap = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String failed = ec2.createVpcPeeringConnection(b -> b.vpcId(a).peerVpcId(overlap)).vpcPeeringConnection()
                    .vpcPeeringConnectionId();
            assertEquals("failed", status(ec2, failed));
            String unknown = ec2.createVpcPeeringConnection(b -> b.vpcId(a).peerVpcId("vpc-00000000000000000"))
                    .vpcPeeringConnection().vpcPeeringConnectionId();
            assertEquals("failed", status(ec2, unknown));
        }
    }

    @Test
    void crossAccountAndCrossRegionPeering() {
        String requesterAccount = newAccount();
        String accepterAccount = newAccount();
        try (Ec2Client requester = ec2(requesterAccount, "ap-northeast-2");
                Ec2Client accepter = ec2(accepterAccount, "us-east-1")) {
            String a = requester.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String b2 = accepter.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            String pcx = requester.createVpcPeeringConnection(b -> b.vpcId(a).peerVpcId(b2).peerOwnerId(accepterAccount)
                    .peerRegion("us-east-1")).vpcPeeringConnection().vpcPeeringConnectionId();
            var seen = accepter.describeVpcPeeringConnections(b -> b.vpcPeeringConnectionIds(pcx))
                    .vpcPeeringConnections().get(0);
            assertEquals("pending-acceptance", seen.status().codeAsString());
            assertEquals("Pending Acceptance by " + accepterAccount, seen.status().message());
            assertEquals("ap-northeast-2", seen.requesterVpcInfo().region());
            assertEquals("us-east-1", seen.accepterVpcInfo().region());
            assertEquals("User " + requesterAccount + " cannot accept peering " + pcx, fails("OperationNotPermitted",
                    () -> requester.acceptVpcPeeringConnection(b -> b.vpcPeeringConnectionId(pcx))));
            fails("OperationNotPermitted", () -> accepter.deleteVpcPeeringConnection(b -> b.vpcPeeringConnectionId(pcx)));
            accepter.rejectVpcPeeringConnection(b -> b.vpcPeeringConnectionId(pcx));
            assertEquals("rejected", status(requester, pcx));

            String pcx2 = requester.createVpcPeeringConnection(b -> b.vpcId(a).peerVpcId(b2).peerOwnerId(accepterAccount)
                    .peerRegion("us-east-1")).vpcPeeringConnection().vpcPeeringConnectionId();
            accepter.acceptVpcPeeringConnection(b -> b.vpcPeeringConnectionId(pcx2));
            assertEquals("active", status(requester, pcx2));
            accepter.deleteVpcPeeringConnection(b -> b.vpcPeeringConnectionId(pcx2));
            assertEquals("deleted", status(requester, pcx2));

            // Unaccepted requests expire after 7 days.
            String pcx3 = requester.createVpcPeeringConnection(b -> b.vpcId(a).peerVpcId(b2).peerOwnerId(accepterAccount)
                    .peerRegion("us-east-1")).vpcPeeringConnection().vpcPeeringConnectionId();
            advanceClock(Duration.ofDays(8));
            assertEquals("expired", status(accepter, pcx3));
            fails("InvalidStateTransition", () -> accepter.acceptVpcPeeringConnection(b -> b.vpcPeeringConnectionId(pcx3)));
        }
    }

    @Test
    void transitGatewayAttachmentsRouteTablesAndPropagation() {
        try (Ec2Client ec2 = ec2()) {
            String vpcA = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String vpcB = ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            String subA = ec2.createSubnet(b -> b.vpcId(vpcA).cidrBlock("10.0.1.0/24")).subnet().subnetId();
            String subB = ec2.createSubnet(b -> b.vpcId(vpcB).cidrBlock("10.1.1.0/24")).subnet().subnetId();
            var tgw = ec2.createTransitGateway(b -> b.description("hub")).transitGateway();
            assertTrue(tgw.transitGatewayId().matches("tgw-[0-9a-f]{17}"));
            assertEquals("pending", tgw.stateAsString());
            String tgwId = tgw.transitGatewayId();
            String defaultRtb = tgw.options().associationDefaultRouteTableId();
            assertEquals("available", ec2.describeTransitGateways(b -> b.transitGatewayIds(tgwId)).transitGateways()
                    .get(0).stateAsString());

            String attA = ec2.createTransitGatewayVpcAttachment(b -> b.transitGatewayId(tgwId).vpcId(vpcA).subnetIds(subA))
                    .transitGatewayVpcAttachment().transitGatewayAttachmentId();
            String attB = ec2.createTransitGatewayVpcAttachment(b -> b.transitGatewayId(tgwId).vpcId(vpcB).subnetIds(subB))
                    .transitGatewayVpcAttachment().transitGatewayAttachmentId();
            fails("DuplicateTransitGatewayAttachment", () -> ec2.createTransitGatewayVpcAttachment(b -> b
                    .transitGatewayId(tgwId).vpcId(vpcA).subnetIds(subA)));
            Set<String> routes = ec2.searchTransitGatewayRoutes(b -> b.transitGatewayRouteTableId(defaultRtb)
                    .filters(filter("type", "propagated"))).routes().stream()
                    .map(r -> r.destinationCidrBlock()).collect(Collectors.toSet());
            assertEquals(Set.of("10.0.0.0/16", "10.1.0.0/16"), routes);
            assertEquals(2, ec2.getTransitGatewayRouteTableAssociations(b -> b.transitGatewayRouteTableId(defaultRtb))
                    .associations().size());

            // A separate route table: move attachment A there, with a static route and a blackhole.
            String rtb = ec2.createTransitGatewayRouteTable(b -> b.transitGatewayId(tgwId)).transitGatewayRouteTable()
                    .transitGatewayRouteTableId();
            fails("Resource.AlreadyAssociated", () -> ec2.associateTransitGatewayRouteTable(b -> b
                    .transitGatewayRouteTableId(rtb).transitGatewayAttachmentId(attA)));
            ec2.disassociateTransitGatewayRouteTable(b -> b.transitGatewayRouteTableId(defaultRtb)
                    .transitGatewayAttachmentId(attA));
            ec2.associateTransitGatewayRouteTable(b -> b.transitGatewayRouteTableId(rtb).transitGatewayAttachmentId(attA));
            ec2.enableTransitGatewayRouteTablePropagation(b -> b.transitGatewayRouteTableId(rtb)
                    .transitGatewayAttachmentId(attB));
            fails("TransitGatewayRouteTablePropagation.Duplicate", () -> ec2.enableTransitGatewayRouteTablePropagation(b ->
                    b.transitGatewayRouteTableId(rtb).transitGatewayAttachmentId(attB)));
            ec2.createTransitGatewayRoute(b -> b.transitGatewayRouteTableId(rtb).destinationCidrBlock("192.168.0.0/16")
                    .transitGatewayAttachmentId(attB));
            ec2.createTransitGatewayRoute(b -> b.transitGatewayRouteTableId(rtb).destinationCidrBlock("172.16.0.0/12")
                    .blackhole(true));
            fails("RouteAlreadyExists", () -> ec2.createTransitGatewayRoute(b -> b.transitGatewayRouteTableId(rtb)
                    .destinationCidrBlock("172.16.0.0/12").blackhole(true)));
            var all = ec2.searchTransitGatewayRoutes(b -> b.transitGatewayRouteTableId(rtb)
                    .filters(filter("state", "active", "blackhole"))).routes();
            assertEquals(3, all.size());
            assertEquals(1, all.stream().filter(r -> r.stateAsString().equals("blackhole")).count());
            fails("IncorrectState", () -> ec2.deleteTransitGatewayRouteTable(b -> b.transitGatewayRouteTableId(rtb)));
            fails("IncorrectState", () -> ec2.deleteTransitGateway(b -> b.transitGatewayId(tgwId)));
            fails("DependencyViolation", () -> ec2.deleteVpc(b -> b.vpcId(vpcA)));

            // A VPC route can target the transit gateway.
            String vpcRtb = ec2.createRouteTable(b -> b.vpcId(vpcA)).routeTable().routeTableId();
            ec2.createRoute(b -> b.routeTableId(vpcRtb).destinationCidrBlock("10.1.0.0/16").transitGatewayId(tgwId));
            assertEquals(tgwId, InternetGatewaysAndRoutesIT.route(ec2, vpcRtb, "10.1.0.0/16").transitGatewayId());

            ec2.deleteTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(attA));
            ec2.deleteTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(attB));
            ec2.deleteTransitGatewayRouteTable(b -> b.transitGatewayRouteTableId(rtb));
            assertEquals("deleting", ec2.deleteTransitGateway(b -> b.transitGatewayId(tgwId)).transitGateway()
                    .stateAsString());
            fails("InvalidTransitGatewayID.NotFound", () -> ec2.deleteTransitGateway(b -> b.transitGatewayId(tgwId)));
        }
    }

    @Test
    void customerAndVirtualPrivateGateways() {
        try (Ec2Client ec2 = ec2()) {
            var cgw = ec2.createCustomerGateway(b -> b.bgpAsn(65000).ipAddress("203.0.113.12").type(GatewayType.IPSEC_1))
                    .customerGateway();
            assertTrue(cgw.customerGatewayId().startsWith("cgw-"));
            assertEquals("available", cgw.state());
            assertEquals(cgw.customerGatewayId(), ec2.createCustomerGateway(b -> b.bgpAsn(65000)
                    .ipAddress("203.0.113.12").type(GatewayType.IPSEC_1)).customerGateway().customerGatewayId(),
                    "an identical customer gateway is returned, not duplicated");
            fails("InvalidParameterValue", () -> ec2.createCustomerGateway(b -> b.bgpAsn(65000).ipAddress("not-an-ip")
                    .type(GatewayType.IPSEC_1)));
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String vgw = ec2.createVpnGateway(b -> b.type(GatewayType.IPSEC_1).amazonSideAsn(64512L)).vpnGateway()
                    .vpnGatewayId();
            assertEquals("attaching", ec2.attachVpnGateway(b -> b.vpnGatewayId(vgw).vpcId(vpc)).vpcAttachment()
                    .stateAsString());
            assertEquals(1, ec2.describeVpnGateways(b -> b.filters(filter("attachment.vpc-id", vpc))).vpnGateways().size());
            String rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            ec2.enableVgwRoutePropagation(b -> b.gatewayId(vgw).routeTableId(rtb));
            assertEquals(vgw, ec2.describeRouteTables(b -> b.routeTableIds(rtb)).routeTables().get(0).propagatingVgws()
                    .get(0).gatewayId());
            fails("IncorrectState", () -> ec2.deleteVpnGateway(b -> b.vpnGatewayId(vgw)));
            fails("DependencyViolation", () -> ec2.deleteVpc(b -> b.vpcId(vpc)));
            ec2.detachVpnGateway(b -> b.vpnGatewayId(vgw).vpcId(vpc));
            fails("InvalidVpnGatewayAttachment.NotFound", () -> ec2.detachVpnGateway(b -> b.vpnGatewayId(vgw).vpcId(vpc)));
            ec2.deleteVpnGateway(b -> b.vpnGatewayId(vgw));
            assertEquals("deleted", ec2.describeVpnGateways(b -> b.vpnGatewayIds(vgw)).vpnGateways().get(0).stateAsString());
            ec2.deleteCustomerGateway(b -> b.customerGatewayId(cgw.customerGatewayId()));
            assertEquals("deleted", ec2.describeCustomerGateways(b -> b.customerGatewayIds(cgw.customerGatewayId()))
                    .customerGateways().get(0).state());
            fails("InvalidCustomerGatewayID.NotFound", () -> ec2.describeCustomerGateways(b -> b
                    .customerGatewayIds("cgw-00000000000000000")));
        }
    }
}
