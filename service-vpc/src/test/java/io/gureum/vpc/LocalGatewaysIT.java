package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Local gateways exist only on AWS Outposts: Gureum's accounts have none. */
class LocalGatewaysIT extends Ec2TestBase {

    @Test
    void describeAnswersNothing() {
        try (Ec2Client ec2 = ec2()) {
            assertTrue(ec2.describeLocalGateways(b -> { }).localGateways().isEmpty());
            assertTrue(ec2.describeLocalGateways(b -> b.filters(filter("state", "available"))).localGateways()
                    .isEmpty());
            assertTrue(ec2.describeLocalGatewayRouteTables(b -> { }).localGatewayRouteTables().isEmpty());
            assertTrue(ec2.describeLocalGatewayRouteTableVpcAssociations(b -> { }).localGatewayRouteTableVpcAssociations()
                    .isEmpty());
            assertTrue(ec2.describeLocalGatewayRouteTableVirtualInterfaceGroupAssociations(b -> { })
                    .localGatewayRouteTableVirtualInterfaceGroupAssociations().isEmpty());
            assertTrue(ec2.describeLocalGatewayVirtualInterfaceGroups(b -> { }).localGatewayVirtualInterfaceGroups().isEmpty());
            assertTrue(ec2.describeLocalGatewayVirtualInterfaces(b -> { }).localGatewayVirtualInterfaces().isEmpty());
            fails("DryRunOperation", 412, () -> ec2.describeLocalGateways(b -> b.dryRun(true)));
            fails("InvalidParameterValue", () -> ec2.describeLocalGateways(b -> b.filters(filter("vpc-id", "x"))));
            fails("InvalidParameterValue", () -> ec2.describeLocalGatewayRouteTables(b -> b.maxResults(4)));
            fails("InvalidLocalGatewayID.NotFound", () -> ec2.describeLocalGateways(b -> b
                    .localGatewayIds("lgw-00000000000000000")));
            fails("InvalidLocalGatewayRouteTableID.NotFound", () -> ec2.describeLocalGatewayRouteTables(b -> b
                    .localGatewayRouteTableIds("lgw-rtb-00000000000000000")));
            fails("InvalidLocalGatewayVirtualInterfaceGroupID.NotFound", () -> ec2
                    .describeLocalGatewayVirtualInterfaceGroups(b -> b
                            .localGatewayVirtualInterfaceGroupIds("lgw-vif-grp-00000000000000000")));
        }
    }

    @Test
    void everyIdIsNotFound() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String rtb = "lgw-rtb-00000000000000000";
            fails("InvalidLocalGatewayID.NotFound", () -> ec2.createLocalGatewayRouteTable(b -> b
                    .localGatewayId("lgw-00000000000000000")));
            fails("InvalidLocalGatewayID.NotFound", () -> ec2.createLocalGatewayRouteTable(b -> b
                    .localGatewayId("lgw-00000000000000000").dryRun(true)));
            fails("MissingParameter", () -> ec2.createLocalGatewayRouteTable(b -> b.mode("coip")));
            fails("InvalidLocalGatewayRouteTableID.NotFound", () -> ec2.deleteLocalGatewayRouteTable(b -> b
                    .localGatewayRouteTableId(rtb)));
            fails("InvalidLocalGatewayRouteTableID.NotFound", () -> ec2.createLocalGatewayRoute(b -> b
                    .localGatewayRouteTableId(rtb).destinationCidrBlock("10.5.0.0/16")
                    .localGatewayVirtualInterfaceGroupId("lgw-vif-grp-00000000000000000")));
            fails("InvalidLocalGatewayRouteTableID.NotFound", () -> ec2.modifyLocalGatewayRoute(b -> b
                    .localGatewayRouteTableId(rtb).destinationCidrBlock("10.5.0.0/16")));
            fails("InvalidLocalGatewayRouteTableID.NotFound", () -> ec2.deleteLocalGatewayRoute(b -> b
                    .localGatewayRouteTableId(rtb).destinationCidrBlock("10.5.0.0/16")));
            fails("InvalidLocalGatewayRouteTableID.NotFound", () -> ec2.searchLocalGatewayRoutes(b -> b
                    .localGatewayRouteTableId(rtb)));
            fails("InvalidLocalGatewayRouteTableID.NotFound", () -> ec2.createLocalGatewayRouteTableVpcAssociation(
                    b -> b.localGatewayRouteTableId(rtb).vpcId(vpc)));
            fails("MissingParameter", () -> ec2.createLocalGatewayRouteTableVpcAssociation(b -> b
                    .localGatewayRouteTableId(rtb)));
            fails("InvalidLocalGatewayRouteTableVpcAssociationID.NotFound", () -> ec2
                    .deleteLocalGatewayRouteTableVpcAssociation(b -> b
                            .localGatewayRouteTableVpcAssociationId("lgw-vpc-assoc-00000000000000000")));
            fails("InvalidLocalGatewayRouteTableID.NotFound", () -> ec2
                    .createLocalGatewayRouteTableVirtualInterfaceGroupAssociation(b -> b.localGatewayRouteTableId(rtb)
                            .localGatewayVirtualInterfaceGroupId("lgw-vif-grp-00000000000000000")));
            fails("InvalidLocalGatewayRouteTableVirtualInterfaceGroupAssociationID.NotFound", () -> ec2
                    .deleteLocalGatewayRouteTableVirtualInterfaceGroupAssociation(b -> b
                            .localGatewayRouteTableVirtualInterfaceGroupAssociationId(
                                    "lgw-vif-grp-assoc-00000000000000000")));
            fails("InvalidLocalGatewayID.NotFound", () -> ec2.createLocalGatewayVirtualInterfaceGroup(b -> b
                    .localGatewayId("lgw-00000000000000000")));
            fails("InvalidLocalGatewayVirtualInterfaceGroupID.NotFound", () -> ec2
                    .deleteLocalGatewayVirtualInterfaceGroup(b -> b
                            .localGatewayVirtualInterfaceGroupId("lgw-vif-grp-00000000000000000")));
            fails("InvalidLocalGatewayVirtualInterfaceGroupID.NotFound", () -> ec2.createLocalGatewayVirtualInterface(
                    b -> b.localGatewayVirtualInterfaceGroupId("lgw-vif-grp-00000000000000000")
                            .outpostLagId("outpost-lag-00000000000000000").vlan(10).localAddress("10.0.0.1/30")
                            .peerAddress("10.0.0.2/30")));
            fails("InvalidLocalGatewayVirtualInterfaceID.NotFound", () -> ec2.deleteLocalGatewayVirtualInterface(b -> b
                    .localGatewayVirtualInterfaceId("lgw-vif-00000000000000000")));
        }
    }
}
