package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

class SecurityGroupsIT extends Ec2TestBase {

    static IpPermission tcp(int port, String cidr) {
        return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                .ipRanges(r -> r.cidrIp(cidr)).build();
    }

    static IpPermission tcpFrom(int port, String groupId) {
        return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                .userIdGroupPairs(p -> p.groupId(groupId)).build();
    }

    @Test
    void createWithTheDefaultEgressRule() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            var created = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("web").description("web tier"));
            assertTrue(created.groupId().matches("sg-[0-9a-f]{17}"));
            SecurityGroup g = ec2.describeSecurityGroups(b -> b.groupIds(created.groupId())).securityGroups().get(0);
            assertEquals("web", g.groupName());
            assertEquals("web tier", g.description());
            assertEquals(0, g.ipPermissions().size(), "no inbound until allowed");
            assertEquals("-1", g.ipPermissionsEgress().get(0).ipProtocol());
            assertEquals("0.0.0.0/0", g.ipPermissionsEgress().get(0).ipRanges().get(0).cidrIp());
            assertEquals("The security group 'web' already exists for VPC '" + vpc + "'", fails("InvalidGroup.Duplicate",
                    () -> ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("web").description("again"))));
            fails("InvalidParameterValue", () -> ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("default")
                    .description("x")));
            fails("MissingParameter", () -> ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("nodesc")));
            // The same name is fine in another VPC, and without VpcId the default VPC is meant.
            ec2.createSecurityGroup(b -> b.groupName("web").description("web in default vpc"));
            assertEquals(2, ec2.describeSecurityGroups(b -> b.filters(filter("group-name", "web"))).securityGroups().size());
            fails("InvalidGroup.NotFound", () -> ec2.describeSecurityGroups(b -> b.groupIds("sg-00000000000000000")));
        }
    }

    @Test
    void threeTierChainAndRules() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String web = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("web").description("web")).groupId();
            String app = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("app").description("app")).groupId();
            String data = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("data").description("data")).groupId();
            var webRules = ec2.authorizeSecurityGroupIngress(b -> b.groupId(web).ipPermissions(tcp(443, "0.0.0.0/0")));
            assertTrue(webRules.returnValue());
            SecurityGroupRule rule = webRules.securityGroupRules().get(0);
            assertTrue(rule.securityGroupRuleId().matches("sgr-[0-9a-f]{17}"));
            assertEquals(443, rule.fromPort());
            assertEquals(false, rule.isEgress());
            ec2.authorizeSecurityGroupIngress(b -> b.groupId(app).ipPermissions(tcpFrom(80, web)));
            ec2.authorizeSecurityGroupIngress(b -> b.groupId(data).ipPermissions(tcpFrom(3306, app)));

            assertEquals("the specified rule \"peer: 0.0.0.0/0, TCP, from port: 443, to port: 443, ALLOW\" already exists",
                    fails("InvalidPermission.Duplicate",
                            () -> ec2.authorizeSecurityGroupIngress(b -> b.groupId(web).ipPermissions(tcp(443, "0.0.0.0/0")))));
            fails("InvalidPermission.Duplicate", () -> ec2.authorizeSecurityGroupIngress(b -> b.groupId(data)
                    .ipPermissions(tcpFrom(3306, app))));
            fails("InvalidPermission.Duplicate", () -> ec2.authorizeSecurityGroupEgress(b -> b.groupId(web)
                    .ipPermissions(IpPermission.builder().ipProtocol("-1").ipRanges(r -> r.cidrIp("0.0.0.0/0")).build())));

            SecurityGroup appGroup = ec2.describeSecurityGroups(b -> b.groupIds(app)).securityGroups().get(0);
            assertEquals(web, appGroup.ipPermissions().get(0).userIdGroupPairs().get(0).groupId());
            assertEquals(1, ec2.describeSecurityGroups(b -> b.filters(filter("ip-permission.group-id", app)))
                    .securityGroups().size());
            assertEquals(1, ec2.describeSecurityGroups(b -> b.filters(filter("ip-permission.from-port", "443"),
                    filter("vpc-id", vpc))).securityGroups().size());

            var rules = ec2.describeSecurityGroupRules(b -> b.filters(filter("group-id", data))).securityGroupRules();
            assertEquals(2, rules.size(), "the ingress rule and the default egress rule");
            SecurityGroupRule ingress = rules.stream().filter(r -> !r.isEgress()).findFirst().orElseThrow();
            assertEquals(app, ingress.referencedGroupInfo().groupId());
            assertEquals(3306, ingress.toPort());
            assertEquals(1, ec2.describeSecurityGroupRules(b -> b.securityGroupRuleIds(ingress.securityGroupRuleId()))
                    .securityGroupRules().size());
            fails("InvalidSecurityGroupRuleId.NotFound", () -> ec2.describeSecurityGroupRules(b -> b
                    .securityGroupRuleIds("sgr-00000000000000000")));

            // Referenced groups cannot be deleted: delete data, then app, then web.
            assertEquals("resource " + web + " has a dependent object", fails("DependencyViolation",
                    () -> ec2.deleteSecurityGroup(b -> b.groupId(web))));
            fails("DependencyViolation", () -> ec2.deleteSecurityGroup(b -> b.groupId(app)));
            ec2.deleteSecurityGroup(b -> b.groupId(data));
            ec2.deleteSecurityGroup(b -> b.groupId(app));
            ec2.deleteSecurityGroup(b -> b.groupId(web));
            fails("InvalidGroup.NotFound", () -> ec2.deleteSecurityGroup(b -> b.groupId(web)));
        }
    }

    @Test
    void revokeByPermissionOrRuleIdAndOtherPeers() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("g").description("g")).groupId();
            String pl = ec2.describePrefixLists(b -> b.filters(filter("prefix-list-name",
                    "com.amazonaws.ap-northeast-2.s3"))).prefixLists().get(0).prefixListId();
            var added = ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(
                    IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                            .ipRanges(r -> r.cidrIp("10.0.0.0/8").description("ssh"), r -> r.cidrIp("192.168.0.0/16"))
                            .ipv6Ranges(r -> r.cidrIpv6("::/0")).build(),
                    IpPermission.builder().ipProtocol("udp").fromPort(53).toPort(53).prefixListIds(p -> p.prefixListId(pl))
                            .build(),
                    IpPermission.builder().ipProtocol("icmp").fromPort(-1).toPort(-1).ipRanges(r -> r.cidrIp("0.0.0.0/0"))
                            .build())).securityGroupRules();
            assertEquals(5, added.size(), "one rule per peer");
            SecurityGroup g = ec2.describeSecurityGroups(b -> b.groupIds(sg)).securityGroups().get(0);
            IpPermission ssh = g.ipPermissions().stream().filter(p -> "tcp".equals(p.ipProtocol())).findFirst().orElseThrow();
            assertEquals(2, ssh.ipRanges().size(), "rules with the same protocol and ports are grouped");
            assertEquals("ssh", ssh.ipRanges().get(0).description());
            assertEquals(1, ssh.ipv6Ranges().size());

            ec2.revokeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(tcp(22, "192.168.0.0/16")));
            assertEquals("The specified rule does not exist in this security group.", fails("InvalidPermission.NotFound",
                    () -> ec2.revokeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(tcp(22, "192.168.0.0/16")))));
            String icmpRule = added.stream().filter(r -> "icmp".equals(r.ipProtocol())).findFirst().orElseThrow()
                    .securityGroupRuleId();
            var revoked = ec2.revokeSecurityGroupIngress(b -> b.groupId(sg).securityGroupRuleIds(icmpRule));
            assertEquals(icmpRule, revoked.revokedSecurityGroupRules().get(0).securityGroupRuleId());
            assertEquals(3, ec2.describeSecurityGroupRules(b -> b.filters(filter("group-id", sg))).securityGroupRules()
                    .stream().filter(r -> !r.isEgress()).count());
            ec2.revokeSecurityGroupEgress(b -> b.groupId(sg).ipPermissions(IpPermission.builder().ipProtocol("-1")
                    .ipRanges(r -> r.cidrIp("0.0.0.0/0")).build()));
            assertEquals(List.of(), ec2.describeSecurityGroups(b -> b.groupIds(sg)).securityGroups().get(0)
                    .ipPermissionsEgress());
            fails("InvalidParameterValue", () -> ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg)
                    .ipPermissions(IpPermission.builder().ipProtocol("tcp").ipRanges(r -> r.cidrIp("1.2.3.4/32")).build())));
            fails("InvalidParameterValue", () -> ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg)
                    .ipPermissions(IpPermission.builder().ipProtocol("bogus").ipRanges(r -> r.cidrIp("1.2.3.4/32")).build())));
            fails("InvalidGroup.NotFound", () -> ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg)
                    .ipPermissions(tcpFrom(80, "sg-00000000000000000"))));
            fails("DryRunOperation", 412, () -> ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg)
                    .ipPermissions(tcp(8080, "0.0.0.0/0")).dryRun(true)));
        }
    }

    @Test
    void theDefaultGroupAndGroupsInUse() {
        try (Ec2Client ec2 = ec2()) {
            var vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc();
            SecurityGroup def = ec2.describeSecurityGroups(b -> b.filters(filter("vpc-id", vpc.vpcId()),
                    filter("group-name", "default"))).securityGroups().get(0);
            assertEquals(def.groupId(), def.ipPermissions().get(0).userIdGroupPairs().get(0).groupId(),
                    "the default group allows inbound traffic from itself");
            assertEquals("the specified group: \"" + def.groupId() + "\" name: \"default\" cannot be deleted by a user",
                    fails("CannotDelete", () -> ec2.deleteSecurityGroup(b -> b.groupId(def.groupId()))));
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc.vpcId()).cidrBlock("10.0.1.0/24")).subnet().subnetId();
            String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc.vpcId()).groupName("used").description("u")).groupId();
            String eni = ec2.createNetworkInterface(b -> b.subnetId(subnet).groups(sg)).networkInterface()
                    .networkInterfaceId();
            fails("DependencyViolation", () -> ec2.deleteSecurityGroup(b -> b.groupId(sg)));
            ec2.deleteNetworkInterface(b -> b.networkInterfaceId(eni));
            ec2.deleteSecurityGroup(b -> b.groupId(sg));
            // Pagination over groups.
            for (int i = 0; i < 6; i++) {
                int n = i;
                ec2.createSecurityGroup(b -> b.vpcId(vpc.vpcId()).groupName("g" + n).description("d"));
            }
            assertEquals(7, ec2.describeSecurityGroupsPaginator(b -> b.filters(filter("vpc-id", vpc.vpcId()))
                    .maxResults(5)).securityGroups().stream().count());
        }
    }

    @Test
    void modifyAndTagRulesByTheirIds() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("m").description("m")).groupId();
            String rule = ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(tcp(80, "10.0.0.0/8")))
                    .securityGroupRules().get(0).securityGroupRuleId();
            ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(tcp(443, "10.0.0.0/8")));
            ec2.modifySecurityGroupRules(b -> b.groupId(sg).securityGroupRules(u -> u.securityGroupRuleId(rule)
                    .securityGroupRule(q -> q.ipProtocol("tcp").fromPort(8080).toPort(8080).cidrIpv4("192.168.0.0/16")
                            .description("alt http"))));
            SecurityGroupRule after = ec2.describeSecurityGroupRules(b -> b.securityGroupRuleIds(rule))
                    .securityGroupRules().get(0);
            assertEquals(8080, after.fromPort());
            assertEquals("192.168.0.0/16", after.cidrIpv4());
            assertEquals("alt http", after.description());
            fails("InvalidPermission.Duplicate", () -> ec2.modifySecurityGroupRules(b -> b.groupId(sg)
                    .securityGroupRules(u -> u.securityGroupRuleId(rule).securityGroupRule(q -> q.ipProtocol("tcp")
                            .fromPort(443).toPort(443).cidrIpv4("10.0.0.0/8")))));
            fails("InvalidSecurityGroupRuleId.NotFound", () -> ec2.modifySecurityGroupRules(b -> b.groupId(sg)
                    .securityGroupRules(u -> u.securityGroupRuleId("sgr-00000000000000000").securityGroupRule(q -> q
                            .ipProtocol("-1").cidrIpv4("0.0.0.0/0")))));
            ec2.updateSecurityGroupRuleDescriptionsIngress(b -> b.groupId(sg).ipPermissions(IpPermission.builder()
                    .ipProtocol("tcp").fromPort(443).toPort(443).ipRanges(x -> x.cidrIp("10.0.0.0/8").description("tls"))
                    .build()));
            assertEquals("tls", ec2.describeSecurityGroups(b -> b.groupIds(sg)).securityGroups().get(0).ipPermissions()
                    .stream().filter(p -> p.fromPort() == 443).findFirst().orElseThrow().ipRanges().get(0).description());
            fails("InvalidPermission.NotFound", () -> ec2.updateSecurityGroupRuleDescriptionsIngress(b -> b.groupId(sg)
                    .ipPermissions(tcp(22, "10.0.0.0/8"))));
            ec2.createTags(b -> b.resources(rule).tags(t -> t.key("Name").value("http")));
            assertEquals("http", ec2.describeSecurityGroupRules(b -> b.securityGroupRuleIds(rule)).securityGroupRules()
                    .get(0).tags().get(0).value());
            assertEquals(1, ec2.describeSecurityGroupRules(b -> b.filters(VpcsIT.filter("tag:Name", "http")))
                    .securityGroupRules().size());
            fails("InvalidSecurityGroupRuleId.NotFound", () -> ec2.createTags(b -> b.resources("sgr-00000000000000000")
                    .tags(t -> t.key("a").value("b"))));
        }
    }
}
