package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.IpamPoolAllocation;

/**
 * An IPAM with a scope, a top-level pool (ProvisionedCidrs), a regional pool with an IPAMPoolCidr, an IPAMAllocation,
 * a VPC whose block comes from the regional pool and a resource discovery with its association, deployed, updated
 * and deleted through CloudFormation and checked through EC2.
 */
class Ec2IpamTypesIT extends EndToEndSupport {

    private static String reasons(String stack) {
        return cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> e.resourceStatusReason() != null)
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + ": " + e.resourceStatusReason())
                .collect(Collectors.joining("\n"));
    }

    private static final String TEMPLATE = """
            Parameters:
              Description: {Type: String, Default: corp}
            Resources:
              Ipam:
                Type: AWS::EC2::IPAM
                Properties:
                  Description: !Ref Description
                  OperatingRegions: [{RegionName: !Ref 'AWS::Region'}]
                  Tags: [{Key: Name, Value: corp}]
              Scope:
                Type: AWS::EC2::IPAMScope
                Properties: {IpamId: !Ref Ipam, Description: dev}
              Top:
                Type: AWS::EC2::IPAMPool
                Properties:
                  IpamScopeId: !GetAtt Ipam.PrivateDefaultScopeId
                  AddressFamily: ipv4
                  ProvisionedCidrs: [{Cidr: 10.0.0.0/8}]
              Regional:
                Type: AWS::EC2::IPAMPool
                Properties:
                  IpamScopeId: !GetAtt Ipam.PrivateDefaultScopeId
                  AddressFamily: ipv4
                  SourceIpamPoolId: !Ref Top
                  Locale: !Ref 'AWS::Region'
                  AllocationDefaultNetmaskLength: 24
              RegionalCidr:
                Type: AWS::EC2::IPAMPoolCidr
                Properties: {IpamPoolId: !Ref Regional, NetmaskLength: 16}
              Manual:
                Type: AWS::EC2::IPAMAllocation
                DependsOn: RegionalCidr
                Properties: {IpamPoolId: !Ref Regional, Description: reserved}
              Vpc:
                Type: AWS::EC2::VPC
                DependsOn: Manual
                Properties: {Ipv4IpamPoolId: !Ref Regional, Ipv4NetmaskLength: 20}
              Discovery:
                Type: AWS::EC2::IPAMResourceDiscovery
                Properties:
                  OperatingRegions: [{RegionName: !Ref 'AWS::Region'}]
              Association:
                Type: AWS::EC2::IPAMResourceDiscoveryAssociation
                Properties: {IpamId: !Ref Ipam, IpamResourceDiscoveryId: !Ref Discovery}
            Outputs:
              Ipam: {Value: !Ref Ipam}
              IpamArn: {Value: !GetAtt Ipam.Arn}
              ScopeCount: {Value: !GetAtt Ipam.ScopeCount}
              ScopeType: {Value: !GetAtt Scope.IpamScopeType}
              Top: {Value: !Ref Top}
              Regional: {Value: !Ref Regional}
              Depth: {Value: !GetAtt Regional.PoolDepth}
              RegionalCidr: {Value: !Ref RegionalCidr}
              RegionalCidrState: {Value: !GetAtt RegionalCidr.State}
              Manual: {Value: !Ref Manual}
              VpcCidr: {Value: !GetAtt Vpc.CidrBlock}
              Vpc: {Value: !Ref Vpc}
              AssociationState: {Value: !GetAtt Association.State}
            """;

    @Test
    void deployUpdateAndDelete() {
        String name = unique("ipam");
        String id = cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE)).stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), reasons(id));
        String account = id.split(":")[4];

        String ipam = output(s, "Ipam");
        assertEquals("arn:aws:ec2::" + account + ":ipam/" + ipam, output(s, "IpamArn"));
        assertEquals("private", output(s, "ScopeType"));
        assertEquals("2", output(s, "Depth"));
        String regional = output(s, "Regional");
        assertTrue(output(s, "RegionalCidr").startsWith(regional + "|ipam-pool-cidr-"), output(s, "RegionalCidr"));
        assertEquals("provisioned", output(s, "RegionalCidrState"));
        String manual = output(s, "Manual");
        assertTrue(manual.startsWith(regional + "|ipam-pool-alloc-") && manual.endsWith("|10.0.0.0/24"), manual);
        assertEquals("10.0.16.0/20", output(s, "VpcCidr"));
        assertEquals("associate-complete", output(s, "AssociationState"));
        String vpc = output(s, "Vpc");
        IpamPoolAllocation forVpc = ec2.getIpamPoolAllocations(b -> b.ipamPoolId(regional)).ipamPoolAllocations()
                .stream().filter(a -> vpc.equals(a.resourceId())).findFirst().orElseThrow();
        assertEquals("10.0.16.0/20", forVpc.cidr());
        assertEquals("provisioned", ec2.getIpamPoolCidrs(b -> b.ipamPoolId(output(s, "Top"))).ipamPoolCidrs().get(0)
                .stateAsString());
        assertEquals(2, ec2.describeIpams(b -> b.ipamIds(ipam)).ipams().get(0).resourceDiscoveryAssociationCount());

        cfn.updateStack(b -> b.stackName(id).templateBody(TEMPLATE).parameters(p -> p.parameterKey("Description")
                .parameterValue("corporate")));
        Stack updated = settle(id);
        assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), reasons(id));
        assertEquals(ipam, output(updated, "Ipam"), "changed in place");
        assertEquals("corporate", ec2.describeIpams(b -> b.ipamIds(ipam)).ipams().get(0).description());

        cfn.deleteStack(b -> b.stackName(id));
        Stack gone = settle(id);
        assertEquals("DELETE_COMPLETE", gone.stackStatusAsString(), reasons(id));
        assertTrue(ec2.describeIpams(b -> b.filters(filter("ipam-id", ipam))).ipams().isEmpty());
        assertTrue(ec2.describeIpamPools(b -> b.filters(filter("ipam-pool-id", regional))).ipamPools().isEmpty());
        assertTrue(ec2.describeVpcs(b -> b.filters(filter("vpc-id", vpc))).vpcs().isEmpty());
    }
}
