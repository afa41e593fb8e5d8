package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.VpnConnection;

/**
 * AWS::EC2::VPNConnection and AWS::EC2::VPNConnectionRoute deployed with the gateways they join, updated (a tag in
 * place, a route replaced) and deleted through CloudFormation, checked through EC2.
 */
class Ec2VpnConnectionTypesIT extends EndToEndSupport {

    private static String reasons(String stack) {
        return cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> e.resourceStatusReason() != null)
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + ": " + e.resourceStatusReason())
                .collect(Collectors.joining("\n"));
    }

    private static final String TEMPLATE = """
            Parameters:
              Site: {Type: String, Default: office}
              OnPremises: {Type: String, Default: 192.168.90.0/24}
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.90.0.0/16}
              Vgw:
                Type: AWS::EC2::VPNGateway
                Properties: {Type: ipsec.1}
              Attach:
                Type: AWS::EC2::VPCGatewayAttachment
                Properties: {VpcId: !Ref Vpc, VpnGatewayId: !Ref Vgw}
              Cgw:
                Type: AWS::EC2::CustomerGateway
                Properties: {Type: ipsec.1, IpAddress: 203.0.113.90, BgpAsn: 65090}
              Vpn:
                Type: AWS::EC2::VPNConnection
                Properties:
                  Type: ipsec.1
                  CustomerGatewayId: !Ref Cgw
                  VpnGatewayId: !Ref Vgw
                  StaticRoutesOnly: true
                  VpnTunnelOptionsSpecifications:
                    - {TunnelInsideCidr: 169.254.90.0/30, PreSharedKey: stack_key_1}
                    - {TunnelInsideCidr: 169.254.90.4/30, PreSharedKey: stack_key_2}
                  Tags: [{Key: Name, Value: !Ref Site}]
              Route:
                Type: AWS::EC2::VPNConnectionRoute
                Properties: {VpnConnectionId: !Ref Vpn, DestinationCidrBlock: !Ref OnPremises}
              Rtb:
                Type: AWS::EC2::RouteTable
                Properties: {VpcId: !Ref Vpc}
              Propagation:
                Type: AWS::EC2::VPNGatewayRoutePropagation
                DependsOn: Attach
                Properties: {RouteTableIds: [!Ref Rtb], VpnGatewayId: !Ref Vgw}
            Outputs:
              Vpn: {Value: !Ref Vpn}
              VpnId: {Value: !GetAtt Vpn.VpnConnectionId}
              Route: {Value: !Ref Route}
              Vgw: {Value: !Ref Vgw}
              Rtb: {Value: !Ref Rtb}
            """;

    @Test
    void deployUpdateAndDelete() {
        String name = unique("vpn");
        String id = cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE)).stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), reasons(id));
        String vpn = output(s, "Vpn");
        assertTrue(vpn.startsWith("vpn-"), vpn);
        assertEquals(vpn, output(s, "VpnId"));
        assertEquals(vpn + "|192.168.90.0/24", output(s, "Route"));
        VpnConnection c = ec2.describeVpnConnections(b -> b.vpnConnectionIds(vpn)).vpnConnections().get(0);
        assertEquals("available", c.stateAsString());
        assertEquals(output(s, "Vgw"), c.vpnGatewayId());
        assertEquals("stack_key_2", c.options().tunnelOptions().get(1).preSharedKey());
        assertEquals("192.168.90.0/24", c.routes().get(0).destinationCidrBlock());
        assertTrue(c.tags().stream().anyMatch(t -> t.key().equals("aws:cloudformation:logical-id")
                && t.value().equals("Vpn")));
        String rtb = output(s, "Rtb");
        assertTrue(ec2.describeRouteTables(b -> b.routeTableIds(rtb)).routeTables().get(0).routes().stream()
                .anyMatch(r -> "192.168.90.0/24".equals(r.destinationCidrBlock())
                        && output(s, "Vgw").equals(r.gatewayId())));

        // A tag changes in place; a new destination replaces the route.
        cfn.updateStack(b -> b.stackName(id).templateBody(TEMPLATE).parameters(
                p -> p.parameterKey("Site").parameterValue("branch"),
                p -> p.parameterKey("OnPremises").parameterValue("192.168.91.0/24")));
        Stack updated = settle(id);
        assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), reasons(id));
        assertEquals(vpn, output(updated, "Vpn"));
        assertNotEquals(output(s, "Route"), output(updated, "Route"));
        VpnConnection after = ec2.describeVpnConnections(b -> b.vpnConnectionIds(vpn)).vpnConnections().get(0);
        assertTrue(after.tags().stream().anyMatch(t -> t.key().equals("Name") && t.value().equals("branch")));
        assertEquals(1, after.routes().size());
        assertEquals("192.168.91.0/24", after.routes().get(0).destinationCidrBlock());

        cfn.deleteStack(b -> b.stackName(id));
        Stack gone = settle(id);
        assertEquals("DELETE_COMPLETE", gone.stackStatusAsString(), reasons(id));
        assertEquals("deleted", ec2.describeVpnConnections(b -> b.vpnConnectionIds(vpn)).vpnConnections().get(0)
                .stateAsString());
        assertTrue(ec2.describeVpnGateways(b -> b.filters(filter("vpn-gateway-id", output(s, "Vgw")),
                filter("state", "available"))).vpnGateways().isEmpty());
    }
}
