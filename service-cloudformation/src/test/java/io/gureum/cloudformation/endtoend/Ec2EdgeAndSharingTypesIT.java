package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.ec2.model.CarrierGateway;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroupVpcAssociation;

/**
 * AWS::EC2::CarrierGateway, NetworkInterfacePermission and SecurityGroupVpcAssociation deployed and deleted
 * through CloudFormation and checked through EC2; the local gateway types fail as on an account without Outposts.
 */
class Ec2EdgeAndSharingTypesIT extends EndToEndSupport {

    private static String reasons(String stack) {
        return cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> e.resourceStatusReason() != null)
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + ": " + e.resourceStatusReason())
                .collect(Collectors.joining("\n"));
    }

    private static final String TEMPLATE = """
            Resources:
              Home:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.40.0.0/16}
              Other:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.41.0.0/16}
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Home, CidrBlock: 10.40.1.0/24}
              Eni:
                Type: AWS::EC2::NetworkInterface
                Properties: {SubnetId: !Ref Subnet}
              Permission:
                Type: AWS::EC2::NetworkInterfacePermission
                Properties: {NetworkInterfaceId: !Ref Eni, AwsAccountId: '210987654321', Permission: INSTANCE-ATTACH}
              Sg:
                Type: AWS::EC2::SecurityGroup
                Properties: {GroupDescription: shared, VpcId: !Ref Home}
              Shared:
                Type: AWS::EC2::SecurityGroupVpcAssociation
                Properties: {GroupId: !Ref Sg, VpcId: !Ref Other}
              Carrier:
                Type: AWS::EC2::CarrierGateway
                Properties:
                  VpcId: !Ref Other
                  Tags: [{Key: Name, Value: edge}]
              Rtb:
                Type: AWS::EC2::RouteTable
                Properties: {VpcId: !Ref Other}
              ToCarrier:
                Type: AWS::EC2::Route
                Properties: {RouteTableId: !Ref Rtb, DestinationCidrBlock: 0.0.0.0/0, CarrierGatewayId: !Ref Carrier}
            Outputs:
              Permission: {Value: !Ref Permission}
              PermissionId: {Value: !GetAtt Permission.Id}
              Shared: {Value: !Ref Shared}
              SharedState: {Value: !GetAtt Shared.State}
              SharedOwner: {Value: !GetAtt Shared.VpcOwnerId}
              Carrier: {Value: !Ref Carrier}
              CarrierId: {Value: !GetAtt Carrier.CarrierGatewayId}
              CarrierOwner: {Value: !GetAtt Carrier.OwnerId}
              CarrierState: {Value: !GetAtt Carrier.State}
              Sg: {Value: !Ref Sg}
              Other: {Value: !Ref Other}
            """;

    @Test
    void deployAndDelete() {
        String name = unique("edge");
        String id = cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE)).stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), reasons(id));
        String account = id.split(":")[4];

        String permission = output(s, "Permission");
        assertTrue(permission.startsWith("eni-perm-"), permission);
        assertEquals(permission, output(s, "PermissionId"));
        NetworkInterfacePermission p = ec2.describeNetworkInterfacePermissions(b -> b
                .networkInterfacePermissionIds(permission)).networkInterfacePermissions().get(0);
        assertEquals("granted", p.permissionState().stateAsString());
        assertEquals("210987654321", p.awsAccountId());

        String sg = output(s, "Sg");
        String other = output(s, "Other");
        assertEquals(sg + "|" + other, output(s, "Shared"));
        assertEquals("associated", output(s, "SharedState"));
        assertEquals(account, output(s, "SharedOwner"));
        SecurityGroupVpcAssociation a = ec2.describeSecurityGroupVpcAssociations(b -> b.filters(
                filter("group-id", sg))).securityGroupVpcAssociations().get(0);
        assertEquals(other, a.vpcId());

        String carrier = output(s, "Carrier");
        assertTrue(carrier.startsWith("cagw-"), carrier);
        assertEquals(carrier, output(s, "CarrierId"));
        assertEquals(account, output(s, "CarrierOwner"));
        assertEquals("available", output(s, "CarrierState"));
        CarrierGateway g = ec2.describeCarrierGateways(b -> b.carrierGatewayIds(carrier)).carrierGateways().get(0);
        assertEquals(other, g.vpcId());
        assertTrue(g.tags().stream().anyMatch(t -> t.key().equals("Name") && t.value().equals("edge")));
        assertTrue(g.tags().stream().anyMatch(t -> t.key().equals("aws:cloudformation:logical-id")
                && t.value().equals("Carrier")));
        String rtb = physicalId(id, "Rtb");
        assertEquals(carrier, ec2.describeRouteTables(b -> b.routeTableIds(rtb)).routeTables().get(0).routes()
                .stream().filter(r -> "0.0.0.0/0".equals(r.destinationCidrBlock())).findFirst().orElseThrow()
                .carrierGatewayId());

        cfn.deleteStack(b -> b.stackName(id));
        Stack gone = settle(id);
        assertEquals("DELETE_COMPLETE", gone.stackStatusAsString(), reasons(id));
        assertTrue(ec2.describeNetworkInterfacePermissions(b -> b.filters(filter(
                "network-interface-permission.network-interface-permission-id", permission)))
                .networkInterfacePermissions().isEmpty());
        assertTrue(ec2.describeSecurityGroupVpcAssociations(b -> b.filters(filter("group-id", sg)))
                .securityGroupVpcAssociations().isEmpty());
        assertEquals("deleted", ec2.describeCarrierGateways(b -> b.carrierGatewayIds(carrier)).carrierGateways()
                .get(0).stateAsString());
        assertTrue(ec2.describeVpcs(b -> b.filters(filter("vpc-id", other))).vpcs().isEmpty());
    }

    private static StackEvent failure(String type, String properties) {
        String name = unique("outposts");
        String id = cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Lgw:
                    Type: %s
                    Properties: %s
                """.formatted(type, properties))).stackId();
        Stack s = settle(id);
        assertEquals("ROLLBACK_COMPLETE", s.stackStatusAsString(), reasons(id));
        return cfn.describeStackEvents(b -> b.stackName(id)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals("Lgw") && e.resourceStatusAsString().equals("CREATE_FAILED"))
                .findFirst().orElseThrow();
    }

    @Test
    void localGatewayTypesFailAsWithoutOutposts() {
        StackEvent table = failure("AWS::EC2::LocalGatewayRouteTable", "{LocalGatewayId: lgw-0123456789abcdef0}");
        assertTrue(table.resourceStatusReason().contains("local gateway ID 'lgw-0123456789abcdef0' does not exist"),
                table.resourceStatusReason());
        StackEvent route = failure("AWS::EC2::LocalGatewayRoute", "{LocalGatewayRouteTableId: lgw-rtb-0123456789abcdef0,"
                + " DestinationCidrBlock: 10.0.0.0/16, LocalGatewayVirtualInterfaceGroupId: "
                + "lgw-vif-grp-0123456789abcdef0}");
        assertTrue(route.resourceStatusReason().contains("route table ID 'lgw-rtb-0123456789abcdef0' does not exist"),
                route.resourceStatusReason());
        StackEvent vpc = failure("AWS::EC2::LocalGatewayRouteTableVPCAssociation",
                "{LocalGatewayRouteTableId: lgw-rtb-0123456789abcdef0, VpcId: vpc-0123456789abcdef0}");
        assertTrue(vpc.resourceStatusReason().contains("route table ID 'lgw-rtb-0123456789abcdef0' does not exist"),
                vpc.resourceStatusReason());
        StackEvent vif = failure("AWS::EC2::LocalGatewayRouteTableVirtualInterfaceGroupAssociation",
                "{LocalGatewayRouteTableId: lgw-rtb-0123456789abcdef0,"
                        + " LocalGatewayVirtualInterfaceGroupId: lgw-vif-grp-0123456789abcdef0}");
        assertTrue(vif.resourceStatusReason().contains("HandlerErrorCode: NotFound"),
                vif.resourceStatusReason());
    }
}
