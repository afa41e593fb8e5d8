package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.Ec2InstanceConnectEndpoint;

/** AWS::EC2::InstanceConnectEndpoint deployed, its tags updated in place, and deleted, checked through EC2. */
class Ec2InstanceConnectEndpointTypeIT extends EndToEndSupport {

    private static String reasons(String stack) {
        return cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> e.resourceStatusReason() != null)
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + ": " + e.resourceStatusReason())
                .collect(Collectors.joining("\n"));
    }

    private static final String TEMPLATE = """
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.52.0.0/16}
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc, CidrBlock: 10.52.1.0/24}
              Sg:
                Type: AWS::EC2::SecurityGroup
                Properties: {GroupDescription: eice, VpcId: !Ref Vpc}
              Eice:
                Type: AWS::EC2::InstanceConnectEndpoint
                Properties:
                  SubnetId: !Ref Subnet
                  SecurityGroupIds: [!Ref Sg]
                  PreserveClientIp: true
                  Tags: [{Key: Name, Value: %s}]
            Outputs:
              Eice: {Value: !Ref Eice}
              Id: {Value: !GetAtt Eice.Id}
              Arn: {Value: !GetAtt Eice.InstanceConnectEndpointArn}
              State: {Value: !GetAtt Eice.State}
              VpcId: {Value: !GetAtt Eice.VpcId}
              Dns: {Value: !GetAtt Eice.PublicDnsNames.Ipv4.DnsName}
              Eni: {Value: !Select [0, !GetAtt Eice.NetworkInterfaceIds]}
              Vpc: {Value: !Ref Vpc}
              Sg: {Value: !Ref Sg}
            """;

    @Test
    void deployUpdateTagsAndDelete() {
        String name = unique("eice");
        String id = cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE.formatted("bastion"))).stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), reasons(id));
        String eice = output(s, "Eice");
        assertTrue(eice.startsWith("eice-"), eice);
        assertEquals(eice, output(s, "Id"));
        assertTrue(output(s, "Arn").endsWith(":instance-connect-endpoint/" + eice), output(s, "Arn"));
        assertEquals("create-complete", output(s, "State"));
        assertEquals(output(s, "Vpc"), output(s, "VpcId"));
        Ec2InstanceConnectEndpoint e = ec2.describeInstanceConnectEndpoints(b -> b.instanceConnectEndpointIds(eice))
                .instanceConnectEndpoints().get(0);
        assertEquals(output(s, "Dns"), e.dnsName());
        assertEquals(List.of(output(s, "Sg")), e.securityGroupIds());
        assertTrue(e.preserveClientIp());
        assertEquals(output(s, "Eni"), e.networkInterfaceIds().get(0));
        assertTrue(e.tags().stream().anyMatch(t -> t.key().equals("Name") && t.value().equals("bastion")));

        cfn.updateStack(b -> b.stackName(id).templateBody(TEMPLATE.formatted("jump")));
        Stack updated = settle(id);
        assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), reasons(id));
        assertEquals(eice, output(updated, "Eice"), "tags change in place");
        assertTrue(ec2.describeInstanceConnectEndpoints(b -> b.instanceConnectEndpointIds(eice))
                .instanceConnectEndpoints().get(0).tags().stream()
                .anyMatch(t -> t.key().equals("Name") && t.value().equals("jump")));

        cfn.deleteStack(b -> b.stackName(id));
        Stack gone = settle(id);
        assertEquals("DELETE_COMPLETE", gone.stackStatusAsString(), reasons(id));
        assertTrue(ec2.describeInstanceConnectEndpoints(b -> b.filters(filter("instance-connect-endpoint-id", eice)))
                .instanceConnectEndpoints().isEmpty());
        String vpc = output(s, "Vpc");
        assertTrue(ec2.describeVpcs(b -> b.filters(filter("vpc-id", vpc))).vpcs().isEmpty(),
                "the endpoint's interface went, so its subnet and VPC could");
    }
}
