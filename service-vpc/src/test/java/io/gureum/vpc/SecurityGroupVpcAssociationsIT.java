package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroupVpcAssociation;

class SecurityGroupVpcAssociationsIT extends Ec2TestBase {

    static List<SecurityGroupVpcAssociation> associations(Ec2Client ec2, String group) {
        return ec2.describeSecurityGroupVpcAssociations(b -> b.filters(filter("group-id", group)))
                .securityGroupVpcAssociations();
    }

    @Test
    void associateUseAndDisassociate() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, "ap-northeast-2")) {
            String home = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String other = ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(other).cidrBlock("10.1.1.0/24")).subnet().subnetId();
            String sg = ec2.createSecurityGroup(b -> b.vpcId(home).groupName("shared").description("shared"))
                    .groupId();
            // Before the association, interfaces of the other VPC cannot use the group.
            fails("InvalidParameterValue", () -> ec2.createNetworkInterface(b -> b.subnetId(subnet).groups(sg)));

            fails("DryRunOperation", 412, () -> ec2.associateSecurityGroupVpc(b -> b.groupId(sg).vpcId(other)
                    .dryRun(true)));
            fails("InvalidGroup.NotFound", () -> ec2.associateSecurityGroupVpc(b -> b.groupId("sg-00000000000000000")
                    .vpcId(other)));
            fails("InvalidVpcID.NotFound", () -> ec2.associateSecurityGroupVpc(b -> b.groupId(sg)
                    .vpcId("vpc-00000000000000000")));
            fails("MissingParameter", () -> ec2.associateSecurityGroupVpc(b -> b.groupId(sg)));
            // The group's own VPC, the default VPC and default security groups are refused.
            fails("InvalidParameterValue", () -> ec2.associateSecurityGroupVpc(b -> b.groupId(sg).vpcId(home)));
            String defaultVpc = ec2.describeVpcs(b -> b.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
            fails("InvalidParameterValue", () -> ec2.associateSecurityGroupVpc(b -> b.groupId(sg).vpcId(defaultVpc)));
            String homeDefault = ec2.describeSecurityGroups(b -> b.filters(filter("vpc-id", home),
                    filter("group-name", "default"))).securityGroups().get(0).groupId();
            fails("InvalidParameterValue", () -> ec2.associateSecurityGroupVpc(b -> b.groupId(homeDefault)
                    .vpcId(other)));

            assertEquals("associating", ec2.associateSecurityGroupVpc(b -> b.groupId(sg).vpcId(other)).stateAsString());
            fails("Resource.AlreadyAssociated", () -> ec2.associateSecurityGroupVpc(b -> b.groupId(sg).vpcId(other)));
            SecurityGroupVpcAssociation a = associations(ec2, sg).get(0);
            assertEquals(sg, a.groupId());
            assertEquals(other, a.vpcId());
            assertEquals(account, a.vpcOwnerId());
            assertEquals(account, a.groupOwnerId());
            advanceClock(Duration.ofSeconds(3));
            assertEquals("associated", associations(ec2, sg).get(0).stateAsString());

            // Now an interface of the other VPC may use the group; while one does, it is not disassociated.
            String eni = ec2.createNetworkInterface(b -> b.subnetId(subnet).groups(sg)).networkInterface()
                    .networkInterfaceId();
            fails("DependencyViolation", () -> ec2.disassociateSecurityGroupVpc(b -> b.groupId(sg).vpcId(other)));
            // Neither the group nor the VPC is deleted while they are associated.
            fails("DependencyViolation", () -> ec2.deleteSecurityGroup(b -> b.groupId(sg)));
            ec2.deleteNetworkInterface(b -> b.networkInterfaceId(eni));
            ec2.deleteSubnet(b -> b.subnetId(subnet));
            fails("DependencyViolation", () -> ec2.deleteVpc(b -> b.vpcId(other)));
            fails("DependencyViolation", () -> ec2.deleteSecurityGroup(b -> b.groupId(sg)));

            fails("DryRunOperation", 412, () -> ec2.disassociateSecurityGroupVpc(b -> b.groupId(sg).vpcId(other)
                    .dryRun(true)));
            fails("InvalidParameterValue", () -> ec2.disassociateSecurityGroupVpc(b -> b.groupId(sg).vpcId(home)));
            assertEquals("disassociating", ec2.disassociateSecurityGroupVpc(b -> b.groupId(sg).vpcId(other))
                    .stateAsString());
            fails("IncorrectState", () -> ec2.associateSecurityGroupVpc(b -> b.groupId(sg).vpcId(other)));
            advanceClock(Duration.ofSeconds(3));
            assertTrue(associations(ec2, sg).isEmpty());
            ec2.deleteVpc(b -> b.vpcId(other));
            ec2.deleteSecurityGroup(b -> b.groupId(sg));
        }
    }

    @Test
    void filtersAndPaging() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, "ap-northeast-2")) {
            String home = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String other = ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            String third = ec2.createVpc(b -> b.cidrBlock("10.2.0.0/16")).vpc().vpcId();
            for (int i = 0; i < 3; i++) {
                String name = "g" + i;
                String sg = ec2.createSecurityGroup(b -> b.vpcId(home).groupName(name).description(name)).groupId();
                ec2.associateSecurityGroupVpc(b -> b.groupId(sg).vpcId(other));
                ec2.associateSecurityGroupVpc(b -> b.groupId(sg).vpcId(third));
            }
            assertEquals(6, ec2.describeSecurityGroupVpcAssociations(b -> { }).securityGroupVpcAssociations().size());
            assertEquals(3, ec2.describeSecurityGroupVpcAssociations(b -> b.filters(filter("vpc-id", third)))
                    .securityGroupVpcAssociations().size());
            assertEquals(6, ec2.describeSecurityGroupVpcAssociations(b -> b.filters(filter("vpc-owner-id", account),
                    filter("group-owner-id", account), filter("state", "associating", "associated")))
                    .securityGroupVpcAssociations().size());
            fails("InvalidParameterValue", () -> ec2.describeSecurityGroupVpcAssociations(b -> b.filters(
                    filter("association-id", "x"))));
            fails("InvalidParameterValue", () -> ec2.describeSecurityGroupVpcAssociations(b -> b.maxResults(1001)));
            fails("DryRunOperation", 412, () -> ec2.describeSecurityGroupVpcAssociations(b -> b.dryRun(true)));
            var first = ec2.describeSecurityGroupVpcAssociations(b -> b.maxResults(5));
            assertEquals(5, first.securityGroupVpcAssociations().size());
            var rest = ec2.describeSecurityGroupVpcAssociations(b -> b.maxResults(5).nextToken(first.nextToken()));
            assertEquals(1, rest.securityGroupVpcAssociations().size());
            assertNull(rest.nextToken());
        }
    }
}
