package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorFilter;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorFilterRule;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorPortRangeRequest;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorSession;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorTarget;

class TrafficMirroringIT extends Ec2TestBase {

    private static TagSpecification tags(String type, String key, String value) {
        return TagSpecification.builder().resourceType(type).tags(Tag.builder().key(key).value(value).build()).build();
    }

    /** Two interfaces in a fresh VPC: [source, target]. */
    private static String[] interfaces(Ec2Client ec2) {
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
        String a = ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface().networkInterfaceId();
        String c = ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface().networkInterfaceId();
        return new String[] {a, c};
    }

    @Test
    void targets() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, "ap-northeast-2")) {
            String[] enis = interfaces(ec2);
            fails("DryRunOperation", 412, () -> ec2.createTrafficMirrorTarget(b -> b.networkInterfaceId(enis[1])
                    .dryRun(true)));
            fails("MissingParameter", () -> ec2.createTrafficMirrorTarget(b -> b.description("none")));
            fails("InvalidParameterCombination", () -> ec2.createTrafficMirrorTarget(b -> b.networkInterfaceId(enis[1])
                    .gatewayLoadBalancerEndpointId("vpce-00000000000000000")));
            fails("InvalidNetworkInterfaceID.NotFound", () -> ec2.createTrafficMirrorTarget(b -> b
                    .networkInterfaceId("eni-00000000000000000")));
            fails("NetworkLoadBalancerNotFoundException", () -> ec2.createTrafficMirrorTarget(b -> b
                    .networkLoadBalancerArn("arn:aws:elasticloadbalancing:ap-northeast-2:" + account
                            + ":loadbalancer/net/nlb/0123456789abcdef")));
            fails("InvalidVpcEndpointId.NotFound", () -> ec2.createTrafficMirrorTarget(b -> b
                    .gatewayLoadBalancerEndpointId("vpce-00000000000000000")));
            fails("InvalidParameterValue", () -> ec2.createTrafficMirrorTarget(b -> b.networkInterfaceId(enis[1])
                    .tagSpecifications(tags("vpc", "k", "v"))));

            TrafficMirrorTarget t = ec2.createTrafficMirrorTarget(b -> b.networkInterfaceId(enis[1]).description("ids")
                    .clientToken("tok-1").tagSpecifications(tags("traffic-mirror-target", "Name", "ids")))
                    .trafficMirrorTarget();
            assertTrue(t.trafficMirrorTargetId().matches("tmt-[0-9a-f]{17}"), t.trafficMirrorTargetId());
            assertEquals("network-interface", t.typeAsString());
            assertEquals(enis[1], t.networkInterfaceId());
            assertEquals(account, t.ownerId());
            assertEquals("ids", t.tags().get(0).value());
            // The same client token answers the same target; with other parameters it is refused.
            assertEquals(t.trafficMirrorTargetId(), ec2.createTrafficMirrorTarget(b -> b.networkInterfaceId(enis[1])
                    .clientToken("tok-1")).trafficMirrorTarget().trafficMirrorTargetId());
            fails("IdempotentParameterMismatch", () -> ec2.createTrafficMirrorTarget(b -> b.networkInterfaceId(enis[0])
                    .clientToken("tok-1")));

            String second = ec2.createTrafficMirrorTarget(b -> b.networkInterfaceId(enis[0])).trafficMirrorTarget()
                    .trafficMirrorTargetId();
            assertEquals(2, ec2.describeTrafficMirrorTargets(b -> b.build()).trafficMirrorTargets().size());
            assertEquals(List.of(t.trafficMirrorTargetId()), ec2.describeTrafficMirrorTargets(b -> b.filters(
                    filter("description", "ids"))).trafficMirrorTargets().stream()
                    .map(TrafficMirrorTarget::trafficMirrorTargetId).toList());
            assertEquals(List.of(second), ec2.describeTrafficMirrorTargets(b -> b.filters(
                    filter("network-interface-id", enis[0]))).trafficMirrorTargets().stream()
                    .map(TrafficMirrorTarget::trafficMirrorTargetId).toList());
            assertEquals(1, ec2.describeTrafficMirrorTargets(b -> b.filters(filter("tag:Name", "ids")))
                    .trafficMirrorTargets().size());
            var page = ec2.describeTrafficMirrorTargets(b -> b.maxResults(5));
            assertNull(page.nextToken());
            fails("InvalidTrafficMirrorTargetNoFound", () -> ec2.describeTrafficMirrorTargets(b -> b
                    .trafficMirrorTargetIds("tmt-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.describeTrafficMirrorTargets(b -> b.dryRun(true)));

            fails("InvalidTrafficMirrorTargetNoFound", () -> ec2.deleteTrafficMirrorTarget(b -> b
                    .trafficMirrorTargetId("tmt-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.deleteTrafficMirrorTarget(b -> b.trafficMirrorTargetId(second)
                    .dryRun(true)));
            assertEquals(second, ec2.deleteTrafficMirrorTarget(b -> b.trafficMirrorTargetId(second))
                    .trafficMirrorTargetId());
            assertEquals(1, ec2.describeTrafficMirrorTargets(b -> b.build()).trafficMirrorTargets().size());
        }
    }

    @Test
    void filtersAndRules() {
        try (Ec2Client ec2 = ec2()) {
            fails("DryRunOperation", 412, () -> ec2.createTrafficMirrorFilter(b -> b.dryRun(true)));
            TrafficMirrorFilter f = ec2.createTrafficMirrorFilter(b -> b.description("web")
                    .tagSpecifications(tags("traffic-mirror-filter", "team", "net"))).trafficMirrorFilter();
            String id = f.trafficMirrorFilterId();
            assertTrue(id.matches("tmf-[0-9a-f]{17}"), id);
            assertEquals("net", f.tags().get(0).value());
            assertTrue(f.ingressFilterRules().isEmpty());

            fails("InvalidTrafficMirrorFilterNotFound", () -> ec2.createTrafficMirrorFilterRule(b -> b
                    .trafficMirrorFilterId("tmf-00000000000000000").trafficDirection("ingress").ruleNumber(1)
                    .ruleAction("accept").sourceCidrBlock("0.0.0.0/0").destinationCidrBlock("0.0.0.0/0")));
            fails("InvalidParameterValue", () -> ec2.createTrafficMirrorFilterRule(b -> b.trafficMirrorFilterId(id)
                    .trafficDirection("ingress").ruleNumber(0).ruleAction("accept").sourceCidrBlock("0.0.0.0/0")
                    .destinationCidrBlock("0.0.0.0/0")));
            fails("InvalidParameterValue", () -> ec2.createTrafficMirrorFilterRule(b -> b.trafficMirrorFilterId(id)
                    .trafficDirection("ingress").ruleNumber(1).ruleAction("accept").sourceCidrBlock("0.0.0.0/0")
                    .destinationCidrBlock("::/0")));
            fails("InvalidParameterValue", () -> ec2.createTrafficMirrorFilterRule(b -> b.trafficMirrorFilterId(id)
                    .trafficDirection("ingress").ruleNumber(1).ruleAction("accept").sourceCidrBlock("10.0.0.0/99")
                    .destinationCidrBlock("0.0.0.0/0")));
            // Port ranges belong to TCP and UDP.
            fails("InvalidParameterValue", () -> ec2.createTrafficMirrorFilterRule(b -> b.trafficMirrorFilterId(id)
                    .trafficDirection("ingress").ruleNumber(1).ruleAction("accept").protocol(1)
                    .destinationPortRange(TrafficMirrorPortRangeRequest.builder().fromPort(80).toPort(80).build())
                    .sourceCidrBlock("0.0.0.0/0").destinationCidrBlock("0.0.0.0/0")));
            fails("InvalidParameterValue", () -> ec2.createTrafficMirrorFilterRule(b -> b.trafficMirrorFilterId(id)
                    .trafficDirection("ingress").ruleNumber(1).ruleAction("accept").protocol(6)
                    .destinationPortRange(TrafficMirrorPortRangeRequest.builder().fromPort(90).toPort(80).build())
                    .sourceCidrBlock("0.0.0.0/0").destinationCidrBlock("0.0.0.0/0")));
            fails("DryRunOperation", 412, () -> ec2.createTrafficMirrorFilterRule(b -> b.trafficMirrorFilterId(id)
                    .trafficDirection("ingress").ruleNumber(1).ruleAction("accept").sourceCidrBlock("0.0.0.0/0")
                    .destinationCidrBlock("0.0.0.0/0").dryRun(true)));

            TrafficMirrorFilterRule rule = ec2.createTrafficMirrorFilterRule(b -> b.trafficMirrorFilterId(id)
                    .trafficDirection("ingress").ruleNumber(10).ruleAction("accept").protocol(6)
                    .destinationPortRange(TrafficMirrorPortRangeRequest.builder().fromPort(80).toPort(443).build())
                    .sourceCidrBlock("0.0.0.0/0").destinationCidrBlock("10.0.0.0/16").description("http")
                    .tagSpecifications(tags("traffic-mirror-filter-rule", "k", "v"))).trafficMirrorFilterRule();
            assertTrue(rule.trafficMirrorFilterRuleId().matches("tmfr-[0-9a-f]{17}"), rule.trafficMirrorFilterRuleId());
            assertEquals(80, rule.destinationPortRange().fromPort());
            assertEquals(443, rule.destinationPortRange().toPort());
            assertEquals("v", rule.tags().get(0).value());
            // Rule numbers are unique per direction.
            fails("TrafficMirrorFilterRuleAlreadyExists", () -> ec2.createTrafficMirrorFilterRule(b -> b
                    .trafficMirrorFilterId(id).trafficDirection("ingress").ruleNumber(10).ruleAction("reject")
                    .sourceCidrBlock("0.0.0.0/0").destinationCidrBlock("0.0.0.0/0")));
            String egress = ec2.createTrafficMirrorFilterRule(b -> b.trafficMirrorFilterId(id).trafficDirection("egress")
                    .ruleNumber(10).ruleAction("reject").sourceCidrBlock("::/0").destinationCidrBlock("2600::/16"))
                    .trafficMirrorFilterRule().trafficMirrorFilterRuleId();
            TrafficMirrorFilter described = ec2.describeTrafficMirrorFilters(b -> b.trafficMirrorFilterIds(id))
                    .trafficMirrorFilters().get(0);
            assertEquals(1, described.ingressFilterRules().size());
            assertEquals(egress, described.egressFilterRules().get(0).trafficMirrorFilterRuleId());

            // Ten rules per filter.
            for (int n = 1; n <= 8; n++) {
                int number = 100 + n;
                ec2.createTrafficMirrorFilterRule(b -> b.trafficMirrorFilterId(id).trafficDirection("ingress")
                        .ruleNumber(number).ruleAction("accept").sourceCidrBlock("0.0.0.0/0")
                        .destinationCidrBlock("0.0.0.0/0"));
            }
            fails("TrafficMirrorFilterRuleLimitExceeded", () -> ec2.createTrafficMirrorFilterRule(b -> b
                    .trafficMirrorFilterId(id).trafficDirection("ingress").ruleNumber(200).ruleAction("accept")
                    .sourceCidrBlock("0.0.0.0/0").destinationCidrBlock("0.0.0.0/0")));

            var rules = ec2.describeTrafficMirrorFilterRules(b -> b.trafficMirrorFilterId(id).maxResults(5));
            assertEquals(5, rules.trafficMirrorFilterRules().size());
            var rest = ec2.describeTrafficMirrorFilterRules(b -> b.trafficMirrorFilterId(id).maxResults(5)
                    .nextToken(rules.nextToken()));
            assertEquals(5, rest.trafficMirrorFilterRules().size());
            assertEquals(List.of(rule.trafficMirrorFilterRuleId()), ec2.describeTrafficMirrorFilterRules(b -> b
                    .filters(filter("description", "http"), filter("traffic-direction", "ingress")))
                    .trafficMirrorFilterRules().stream().map(TrafficMirrorFilterRule::trafficMirrorFilterRuleId).toList());
            fails("InvalidTrafficMirrorFilterNotFound", () -> ec2.describeTrafficMirrorFilterRules(b -> b
                    .trafficMirrorFilterId("tmf-00000000000000000")));

            // Modify: a number taken in the direction is refused; removed fields go back to their defaults.
            fails("TrafficMirrorFilterRuleAlreadyExists", () -> ec2.modifyTrafficMirrorFilterRule(b -> b
                    .trafficMirrorFilterRuleId(rule.trafficMirrorFilterRuleId()).ruleNumber(101)));
            fails("InvalidTrafficMirrorFilterRuleNotFound", () -> ec2.modifyTrafficMirrorFilterRule(b -> b
                    .trafficMirrorFilterRuleId("tmfr-00000000000000000").ruleNumber(1)));
            fails("DryRunOperation", 412, () -> ec2.modifyTrafficMirrorFilterRule(b -> b
                    .trafficMirrorFilterRuleId(rule.trafficMirrorFilterRuleId()).ruleNumber(11).dryRun(true)));
            TrafficMirrorFilterRule modified = ec2.modifyTrafficMirrorFilterRule(b -> b
                    .trafficMirrorFilterRuleId(rule.trafficMirrorFilterRuleId()).ruleNumber(11).ruleAction("reject")
                    .removeFieldsWithStrings("destination-port-range", "protocol")).trafficMirrorFilterRule();
            assertEquals(11, modified.ruleNumber());
            assertEquals("reject", modified.ruleActionAsString());
            assertNull(modified.destinationPortRange());
            assertNull(modified.protocol());
            assertTrue(modified.tags().isEmpty(), "ModifyTrafficMirrorFilterRule returns no tags");
            assertEquals(11, ec2.describeTrafficMirrorFilterRules(b -> b.trafficMirrorFilterRuleIds(
                    rule.trafficMirrorFilterRuleId())).trafficMirrorFilterRules().get(0).ruleNumber());

            // Network services.
            fails("InvalidTrafficMirrorFilterNotFound", () -> ec2.modifyTrafficMirrorFilterNetworkServices(b -> b
                    .trafficMirrorFilterId("tmf-00000000000000000").addNetworkServicesWithStrings("amazon-dns")));
            assertEquals(List.of("amazon-dns"), ec2.modifyTrafficMirrorFilterNetworkServices(b -> b
                    .trafficMirrorFilterId(id).addNetworkServicesWithStrings("amazon-dns")).trafficMirrorFilter()
                    .networkServicesAsStrings());
            assertTrue(ec2.modifyTrafficMirrorFilterNetworkServices(b -> b.trafficMirrorFilterId(id)
                    .removeNetworkServicesWithStrings("amazon-dns")).trafficMirrorFilter().networkServices().isEmpty());

            fails("InvalidTrafficMirrorFilterRuleNotFound", () -> ec2.deleteTrafficMirrorFilterRule(b -> b
                    .trafficMirrorFilterRuleId("tmfr-00000000000000000")));
            assertEquals(egress, ec2.deleteTrafficMirrorFilterRule(b -> b.trafficMirrorFilterRuleId(egress))
                    .trafficMirrorFilterRuleId());
            fails("InvalidTrafficMirrorFilterNotFound", () -> ec2.deleteTrafficMirrorFilter(b -> b
                    .trafficMirrorFilterId("tmf-00000000000000000")));
            assertEquals(id, ec2.deleteTrafficMirrorFilter(b -> b.trafficMirrorFilterId(id)).trafficMirrorFilterId());
            // The filter's rules went with it.
            assertTrue(ec2.describeTrafficMirrorFilterRules(b -> b.build()).trafficMirrorFilterRules().isEmpty());
            fails("InvalidTrafficMirrorFilterNotFound", () -> ec2.describeTrafficMirrorFilters(b -> b
                    .trafficMirrorFilterIds(id)));
        }
    }

    @Test
    void sessions() {
        try (Ec2Client ec2 = ec2()) {
            String[] enis = interfaces(ec2);
            String target = ec2.createTrafficMirrorTarget(b -> b.networkInterfaceId(enis[1])).trafficMirrorTarget()
                    .trafficMirrorTargetId();
            String filterId = ec2.createTrafficMirrorFilter(b -> b.build()).trafficMirrorFilter().trafficMirrorFilterId();
            fails("InvalidNetworkInterfaceID.NotFound", () -> ec2.createTrafficMirrorSession(b -> b
                    .networkInterfaceId("eni-00000000000000000").trafficMirrorTargetId(target)
                    .trafficMirrorFilterId(filterId).sessionNumber(1)));
            fails("InvalidTrafficMirrorTargetNoFound", () -> ec2.createTrafficMirrorSession(b -> b
                    .networkInterfaceId(enis[0]).trafficMirrorTargetId("tmt-00000000000000000")
                    .trafficMirrorFilterId(filterId).sessionNumber(1)));
            fails("InvalidTrafficMirrorFilterNotFound", () -> ec2.createTrafficMirrorSession(b -> b
                    .networkInterfaceId(enis[0]).trafficMirrorTargetId(target)
                    .trafficMirrorFilterId("tmf-00000000000000000").sessionNumber(1)));
            fails("InvalidParameterValue", () -> ec2.createTrafficMirrorSession(b -> b.networkInterfaceId(enis[0])
                    .trafficMirrorTargetId(target).trafficMirrorFilterId(filterId).sessionNumber(32767)));
            fails("InvalidParameterValue", () -> ec2.createTrafficMirrorSession(b -> b.networkInterfaceId(enis[0])
                    .trafficMirrorTargetId(target).trafficMirrorFilterId(filterId).sessionNumber(1).packetLength(8501)));
            fails("InvalidParameterValue", () -> ec2.createTrafficMirrorSession(b -> b.networkInterfaceId(enis[0])
                    .trafficMirrorTargetId(target).trafficMirrorFilterId(filterId).sessionNumber(1)
                    .virtualNetworkId(1 << 24)));
            // The source cannot be the target's own interface.
            fails("InvalidParameterValue", () -> ec2.createTrafficMirrorSession(b -> b.networkInterfaceId(enis[1])
                    .trafficMirrorTargetId(target).trafficMirrorFilterId(filterId).sessionNumber(1)));
            fails("DryRunOperation", 412, () -> ec2.createTrafficMirrorSession(b -> b.networkInterfaceId(enis[0])
                    .trafficMirrorTargetId(target).trafficMirrorFilterId(filterId).sessionNumber(1).dryRun(true)));

            TrafficMirrorSession x = ec2.createTrafficMirrorSession(b -> b.networkInterfaceId(enis[0])
                    .trafficMirrorTargetId(target).trafficMirrorFilterId(filterId).sessionNumber(1).packetLength(100)
                    .description("tap").tagSpecifications(tags("traffic-mirror-session", "Name", "tap")))
                    .trafficMirrorSession();
            String id = x.trafficMirrorSessionId();
            assertTrue(id.matches("tms-[0-9a-f]{17}"), id);
            assertEquals(100, x.packetLength());
            assertTrue(x.virtualNetworkId() > 0 && x.virtualNetworkId() < (1 << 24), "a random 24-bit VNI");
            assertEquals("tap", x.tags().get(0).value());

            // In use: neither the target nor the filter can be deleted.
            fails("TrafficMirrorTargetInUseException", () -> ec2.deleteTrafficMirrorTarget(b -> b
                    .trafficMirrorTargetId(target)));
            fails("TrafficMirrorFilterInUse", () -> ec2.deleteTrafficMirrorFilter(b -> b.trafficMirrorFilterId(filterId)));

            // Three sessions per source interface.
            ec2.createTrafficMirrorSession(b -> b.networkInterfaceId(enis[0]).trafficMirrorTargetId(target)
                    .trafficMirrorFilterId(filterId).sessionNumber(2));
            ec2.createTrafficMirrorSession(b -> b.networkInterfaceId(enis[0]).trafficMirrorTargetId(target)
                    .trafficMirrorFilterId(filterId).sessionNumber(3));
            fails("TrafficMirrorSessionsPerInterfaceLimitExceeded", () -> ec2.createTrafficMirrorSession(b -> b
                    .networkInterfaceId(enis[0]).trafficMirrorTargetId(target).trafficMirrorFilterId(filterId)
                    .sessionNumber(4)));
            assertEquals(List.of(id), ec2.describeTrafficMirrorSessions(b -> b.filters(filter("session-number", "1")))
                    .trafficMirrorSessions().stream().map(TrafficMirrorSession::trafficMirrorSessionId).toList());
            assertEquals(3, ec2.describeTrafficMirrorSessions(b -> b.filters(filter("traffic-mirror-target-id", target)))
                    .trafficMirrorSessions().size());
            fails("InvalidTrafficMirrorSessionNotFound", () -> ec2.describeTrafficMirrorSessions(b -> b
                    .trafficMirrorSessionIds("tms-00000000000000000")));

            // Modify, and remove fields back to their defaults.
            String filter2 = ec2.createTrafficMirrorFilter(b -> b.build()).trafficMirrorFilter().trafficMirrorFilterId();
            fails("InvalidTrafficMirrorSessionNotFound", () -> ec2.modifyTrafficMirrorSession(b -> b
                    .trafficMirrorSessionId("tms-00000000000000000").sessionNumber(5)));
            fails("InvalidTrafficMirrorFilterNotFound", () -> ec2.modifyTrafficMirrorSession(b -> b
                    .trafficMirrorSessionId(id).trafficMirrorFilterId("tmf-00000000000000000")));
            fails("InvalidParameterValue", () -> ec2.modifyTrafficMirrorSession(b -> b.trafficMirrorSessionId(id)
                    .packetLength(0)));
            fails("DryRunOperation", 412, () -> ec2.modifyTrafficMirrorSession(b -> b.trafficMirrorSessionId(id)
                    .sessionNumber(9).dryRun(true)));
            TrafficMirrorSession m = ec2.modifyTrafficMirrorSession(b -> b.trafficMirrorSessionId(id)
                    .trafficMirrorFilterId(filter2).sessionNumber(9).virtualNetworkId(4242)).trafficMirrorSession();
            assertEquals(filter2, m.trafficMirrorFilterId());
            assertEquals(9, m.sessionNumber());
            assertEquals(4242, m.virtualNetworkId());
            TrafficMirrorSession cleared = ec2.modifyTrafficMirrorSession(b -> b.trafficMirrorSessionId(id)
                    .removeFieldsWithStrings("packet-length", "description", "virtual-network-id")).trafficMirrorSession();
            assertNull(cleared.packetLength());
            assertNull(cleared.description());
            assertNotEquals(4242, cleared.virtualNetworkId());

            fails("DryRunOperation", 412, () -> ec2.deleteTrafficMirrorSession(b -> b.trafficMirrorSessionId(id)
                    .dryRun(true)));
            assertEquals(id, ec2.deleteTrafficMirrorSession(b -> b.trafficMirrorSessionId(id)).trafficMirrorSessionId());
            fails("InvalidTrafficMirrorSessionNotFound", () -> ec2.deleteTrafficMirrorSession(b -> b
                    .trafficMirrorSessionId(id)));
        }
    }
}
