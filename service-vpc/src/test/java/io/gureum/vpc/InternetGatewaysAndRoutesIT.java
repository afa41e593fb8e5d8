package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;

class InternetGatewaysAndRoutesIT extends Ec2TestBase {

    @Test
    void oneInternetGatewayPerVpc() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String vpc2 = ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
            String igw2 = ec2.createInternetGateway().internetGateway().internetGatewayId();
            assertTrue(igw.matches("igw-[0-9a-f]{17}"));
            ec2.attachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw));
            assertEquals("resource " + igw + " is already attached to network " + vpc, fails("Resource.AlreadyAssociated",
                    () -> ec2.attachInternetGateway(b -> b.vpcId(vpc2).internetGatewayId(igw))));
            fails("Resource.AlreadyAssociated", () -> ec2.attachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw2)));
            var described = ec2.describeInternetGateways(b -> b.internetGatewayIds(igw)).internetGateways().get(0);
            assertEquals(vpc, described.attachments().get(0).vpcId());
            assertEquals("available", described.attachments().get(0).stateAsString());
            assertEquals(1, ec2.describeInternetGateways(b -> b.filters(filter("attachment.vpc-id", vpc)))
                    .internetGateways().size());
            assertEquals("The internetGateway '" + igw + "' has dependencies and cannot be deleted.",
                    fails("DependencyViolation", () -> ec2.deleteInternetGateway(b -> b.internetGatewayId(igw))));
            fails("Gateway.NotAttached", () -> ec2.detachInternetGateway(b -> b.vpcId(vpc2).internetGatewayId(igw)));
            ec2.detachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw));
            ec2.deleteInternetGateway(b -> b.internetGatewayId(igw));
            assertEquals("The internetGateway ID '" + igw + "' does not exist", fails(
                    "InvalidInternetGatewayID.NotFound", () -> ec2.describeInternetGateways(b -> b.internetGatewayIds(igw))));
        }
    }

    @Test
    void routesToGatewaysAndTheImmutableLocalRoute() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
            String rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            fails("InvalidParameterValue", () -> ec2.createRoute(b -> b.routeTableId(rtb)
                    .destinationCidrBlock("0.0.0.0/0").gatewayId(igw)));
            ec2.attachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw));
            assertTrue(ec2.createRoute(b -> b.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw))
                    .returnValue());
            assertEquals("The route identified by 0.0.0.0/0 already exists.", fails("RouteAlreadyExists",
                    () -> ec2.createRoute(b -> b.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw))));
            fails("InvalidGatewayID.NotFound", () -> ec2.createRoute(b -> b.routeTableId(rtb)
                    .destinationCidrBlock("1.0.0.0/8").gatewayId("foo-1")));
            fails("InvalidInternetGatewayID.NotFound", () -> ec2.createRoute(b -> b.routeTableId(rtb)
                    .destinationCidrBlock("1.0.0.0/8").gatewayId("igw-00000000000000000")));
            fails("MissingParameter", () -> ec2.createRoute(b -> b.routeTableId(rtb).destinationCidrBlock("1.0.0.0/8")));
            assertEquals("cannot remove local route 10.0.0.0/16 in route table " + rtb, fails("InvalidParameterValue",
                    () -> ec2.deleteRoute(b -> b.routeTableId(rtb).destinationCidrBlock("10.0.0.0/16"))));
            assertEquals("no route with destination-cidr-block 8.8.8.0/24 in route table " + rtb, fails(
                    "InvalidRoute.NotFound", () -> ec2.deleteRoute(b -> b.routeTableId(rtb).destinationCidrBlock("8.8.8.0/24"))));
            fails("InvalidParameterValue", () -> ec2.replaceRoute(b -> b.routeTableId(rtb)
                    .destinationCidrBlock("8.8.8.0/24").gatewayId(igw)));
            ec2.replaceRoute(b -> b.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));

            // Detaching the gateway turns the route into a blackhole.
            ec2.detachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw));
            Route r = route(ec2, rtb, "0.0.0.0/0");
            assertEquals("blackhole", r.stateAsString());
            assertEquals(1, ec2.describeRouteTables(b -> b.filters(filter("route.state", "blackhole"),
                    filter("vpc-id", vpc))).routeTables().size());
            ec2.deleteRoute(b -> b.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0"));
            assertEquals(1, ec2.describeRouteTables(b -> b.routeTableIds(rtb)).routeTables().get(0).routes().size());
        }
    }

    static Route route(Ec2Client ec2, String rtb, String destination) {
        return ec2.describeRouteTables(b -> b.routeTableIds(rtb)).routeTables().get(0).routes().stream()
                .filter(x -> destination.equals(x.destinationCidrBlock()) || destination.equals(x.destinationPrefixListId()))
                .findFirst().orElseThrow();
    }

    @Test
    void associationsMainAndCustom() {
        try (Ec2Client ec2 = ec2()) {
            var vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc.vpcId()).cidrBlock("10.0.1.0/24")).subnet().subnetId();
            String rtb = ec2.createRouteTable(b -> b.vpcId(vpc.vpcId())).routeTable().routeTableId();
            String rtb2 = ec2.createRouteTable(b -> b.vpcId(vpc.vpcId())).routeTable().routeTableId();
            var assoc = ec2.associateRouteTable(b -> b.routeTableId(rtb).subnetId(subnet));
            assertTrue(assoc.associationId().startsWith("rtbassoc-"));
            assertEquals("associated", assoc.associationState().stateAsString());
            fails("Resource.AlreadyAssociated", () -> ec2.associateRouteTable(b -> b.routeTableId(rtb2).subnetId(subnet)));
            String otherVpcSubnet = ec2.describeSubnets(b -> b.filters(filter("default-for-az", "true"))).subnets().get(0)
                    .subnetId();
            fails("InvalidParameterValue", () -> ec2.associateRouteTable(b -> b.routeTableId(rtb).subnetId(otherVpcSubnet)));
            assertEquals(1, ec2.describeRouteTables(b -> b.filters(filter("association.subnet-id", subnet)))
                    .routeTables().size());
            assertEquals("The routeTable '" + rtb + "' has dependencies and cannot be deleted.",
                    fails("DependencyViolation", () -> ec2.deleteRouteTable(b -> b.routeTableId(rtb))));

            String moved = ec2.replaceRouteTableAssociation(b -> b.associationId(assoc.associationId())
                    .routeTableId(rtb2)).newAssociationId();
            ec2.deleteRouteTable(b -> b.routeTableId(rtb));
            ec2.disassociateRouteTable(b -> b.associationId(moved));
            fails("InvalidAssociationID.NotFound", () -> ec2.disassociateRouteTable(b -> b.associationId(moved)));

            // The main association can move to a custom table, which becomes the main one.
            RouteTable main = ec2.describeRouteTables(b -> b.filters(filter("vpc-id", vpc.vpcId()),
                    filter("association.main", "true"))).routeTables().get(0);
            String mainAssoc = main.associations().get(0).routeTableAssociationId();
            fails("InvalidParameterValue", () -> ec2.disassociateRouteTable(b -> b.associationId(mainAssoc)));
            fails("DependencyViolation", () -> ec2.deleteRouteTable(b -> b.routeTableId(main.routeTableId())));
            ec2.replaceRouteTableAssociation(b -> b.associationId(mainAssoc).routeTableId(rtb2));
            assertEquals(rtb2, ec2.describeRouteTables(b -> b.filters(filter("vpc-id", vpc.vpcId()),
                    filter("association.main", "true"))).routeTables().get(0).routeTableId());
            ec2.deleteRouteTable(b -> b.routeTableId(main.routeTableId()));
            fails("InvalidRouteTableID.NotFound", () -> ec2.deleteRouteTable(b -> b.routeTableId(main.routeTableId())));
        }
    }

    @Test
    void longestPrefixMatch() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, "ap-northeast-2")) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
            String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
            ec2.attachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw));
            String eni = ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface().networkInterfaceId();
            String rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            ec2.createRoute(b -> b.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
            ec2.createRoute(b -> b.routeTableId(rtb).destinationCidrBlock("192.168.0.0/16").networkInterfaceId(eni));
            ec2.associateRouteTable(b -> b.routeTableId(rtb).subnetId(subnet));

            assertEquals(igw, queries.routeFor(account, "ap-northeast-2", subnet, "8.8.8.8").orElseThrow().target());
            assertEquals(eni, queries.routeFor(account, "ap-northeast-2", subnet, "192.168.3.4").orElseThrow().target());
            assertEquals("local", queries.routeFor(account, "ap-northeast-2", subnet, "10.0.9.9").orElseThrow().target());
        }
    }
}
