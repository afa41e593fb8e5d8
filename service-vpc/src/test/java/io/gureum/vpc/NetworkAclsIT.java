package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.RuleAction;

class NetworkAclsIT extends Ec2TestBase {

    @Test
    void customAclsDenyAllUntilEntriesAreAdded() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            NetworkAcl acl = ec2.createNetworkAcl(b -> b.vpcId(vpc)).networkAcl();
            assertFalse(acl.isDefault());
            assertEquals(2, acl.entries().size());
            for (NetworkAclEntry e : acl.entries()) {
                assertEquals(32767, e.ruleNumber());
                assertEquals("deny", e.ruleActionAsString());
            }
            String id = acl.networkAclId();
            ec2.createNetworkAclEntry(b -> b.networkAclId(id).ruleNumber(100).egress(false).protocol("6")
                    .ruleAction(RuleAction.ALLOW).cidrBlock("0.0.0.0/0").portRange(p -> p.from(443).to(443)));
            ec2.createNetworkAclEntry(b -> b.networkAclId(id).ruleNumber(110).egress(false).protocol("tcp")
                    .ruleAction(RuleAction.ALLOW).cidrBlock("0.0.0.0/0").portRange(p -> p.from(1024).to(65535)));
            ec2.createNetworkAclEntry(b -> b.networkAclId(id).ruleNumber(100).egress(true).protocol("-1")
                    .ruleAction(RuleAction.ALLOW).cidrBlock("0.0.0.0/0"));
            assertEquals("The network acl entry identified by 100 already exists.", fails("NetworkAclEntryAlreadyExists",
                    () -> ec2.createNetworkAclEntry(b -> b.networkAclId(id).ruleNumber(100).egress(false).protocol("-1")
                            .ruleAction(RuleAction.DENY).cidrBlock("0.0.0.0/0"))));
            fails("InvalidParameterValue", () -> ec2.createNetworkAclEntry(b -> b.networkAclId(id).ruleNumber(32767)
                    .egress(false).protocol("-1").ruleAction(RuleAction.DENY).cidrBlock("0.0.0.0/0")));
            fails("InvalidParameterValue", () -> ec2.createNetworkAclEntry(b -> b.networkAclId(id).ruleNumber(120)
                    .egress(false).protocol("6").ruleAction(RuleAction.ALLOW).cidrBlock("0.0.0.0/0")));
            var entries = ec2.describeNetworkAcls(b -> b.networkAclIds(id)).networkAcls().get(0).entries();
            assertEquals(5, entries.size());
            NetworkAclEntry first = entries.get(0);
            assertEquals(100, first.ruleNumber());
            assertEquals("6", first.protocol());
            assertEquals(443, first.portRange().from());

            ec2.replaceNetworkAclEntry(b -> b.networkAclId(id).ruleNumber(100).egress(false).protocol("6")
                    .ruleAction(RuleAction.DENY).cidrBlock("10.0.0.0/8").portRange(p -> p.from(22).to(22)));
            assertEquals("deny", ec2.describeNetworkAcls(b -> b.networkAclIds(id)).networkAcls().get(0).entries().get(0)
                    .ruleActionAsString());
            fails("InvalidNetworkAclEntry.NotFound", () -> ec2.replaceNetworkAclEntry(b -> b.networkAclId(id)
                    .ruleNumber(999).egress(false).protocol("-1").ruleAction(RuleAction.DENY).cidrBlock("0.0.0.0/0")));
            ec2.deleteNetworkAclEntry(b -> b.networkAclId(id).ruleNumber(110).egress(false));
            fails("InvalidNetworkAclEntry.NotFound", () -> ec2.deleteNetworkAclEntry(b -> b.networkAclId(id)
                    .ruleNumber(110).egress(false)));
            assertEquals(1, ec2.describeNetworkAcls(b -> b.filters(filter("entry.rule-number", "100"),
                    filter("entry.egress", "true"), filter("vpc-id", vpc), filter("default", "false")))
                    .networkAcls().size());
        }
    }

    @Test
    void subnetsMoveBetweenAclsByReplacingTheirAssociation() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
            NetworkAcl def = ec2.describeNetworkAcls(b -> b.filters(filter("association.subnet-id", subnet)))
                    .networkAcls().get(0);
            assertEquals(true, def.isDefault());
            String custom = ec2.createNetworkAcl(b -> b.vpcId(vpc)).networkAcl().networkAclId();
            String assoc = def.associations().stream().filter(a -> a.subnetId().equals(subnet)).findFirst().orElseThrow()
                    .networkAclAssociationId();
            String moved = ec2.replaceNetworkAclAssociation(b -> b.associationId(assoc).networkAclId(custom))
                    .newAssociationId();
            assertEquals(custom, ec2.describeNetworkAcls(b -> b.filters(filter("association.subnet-id", subnet)))
                    .networkAcls().get(0).networkAclId());
            assertEquals("The networkAcl '" + custom + "' has dependencies and cannot be deleted.",
                    fails("DependencyViolation", () -> ec2.deleteNetworkAcl(b -> b.networkAclId(custom))));
            fails("InvalidParameterValue", () -> ec2.deleteNetworkAcl(b -> b.networkAclId(def.networkAclId())));
            fails("InvalidAssociationID.NotFound", () -> ec2.replaceNetworkAclAssociation(b -> b.associationId(assoc)
                    .networkAclId(custom)));
            ec2.replaceNetworkAclAssociation(b -> b.associationId(moved).networkAclId(def.networkAclId()));
            ec2.deleteNetworkAcl(b -> b.networkAclId(custom));
            assertEquals("The networkAcl ID '" + custom + "' does not exist", fails("InvalidNetworkAclID.NotFound",
                    () -> ec2.describeNetworkAcls(b -> b.networkAclIds(custom))));
        }
    }
}
