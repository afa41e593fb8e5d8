package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static io.gureum.vpc.VpcsIT.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.ids.Arn;
import io.gureum.core.state.RegisteredResource;
import io.gureum.core.state.ResourceRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/** EC2 networking resources live in core's resource registry, which holds their tags. */
class RegistryTagsIT extends Ec2TestBase {
    private static final String REGION = "ap-northeast-2";

    private static ResourceRegistry registry() {
        return gureum.context().registry();
    }

    private static Arn arn(String account, String type, String id) {
        return Arn.of("ec2", REGION, account, type + "/" + id);
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static Map<String, String> vpcTags(Ec2Client ec2, String vpcId) {
        return ec2.describeVpcs(b -> b.vpcIds(vpcId)).vpcs().get(0).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b, LinkedHashMap::new));
    }

    @Test
    void createdResourcesAreRegisteredWithTheirTagsAndUnregisteredWhenDeleted() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, REGION)) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")
                    .tagSpecifications(name(ResourceType.VPC, "app"))).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")
                    .tagSpecifications(name(ResourceType.SUBNET, "web"))).subnet().subnetId();
            String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("web").description("web"))
                    .groupId();

            RegisteredResource v = registry().byArn(arn(account, "vpc", vpc)).orElseThrow();
            assertEquals("ec2:vpc", v.type());
            assertEquals(vpc, v.id());
            assertEquals(Map.of("Name", "app"), v.tags());
            assertEquals(Map.of("Name", "web"), registry().tags(arn(account, "subnet", subnet)));
            assertEquals("ec2:security-group",
                    registry().byId(account, REGION, "ec2", sg).orElseThrow().type());

            ec2.deleteSubnet(b -> b.subnetId(subnet));
            assertTrue(registry().byId(account, REGION, "ec2", subnet).isEmpty());
            ec2.deleteSecurityGroup(b -> b.groupId(sg));
            ec2.deleteVpc(b -> b.vpcId(vpc));
            assertTrue(registry().byArn(arn(account, "vpc", vpc)).isEmpty());
        }
    }

    @Test
    void aFreshAccountRegistersItsDefaultNetwork() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, REGION)) {
            String vpc = ec2.describeVpcs(b -> b.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
            Set<String> types = registry().list(account, REGION).stream().map(RegisteredResource::type)
                    .collect(Collectors.toSet());
            assertTrue(types.containsAll(Set.of("ec2:vpc", "ec2:subnet", "ec2:internet-gateway",
                    "ec2:route-table", "ec2:network-acl", "ec2:security-group")), types.toString());
            assertTrue(registry().byArn(arn(account, "vpc", vpc)).isPresent());
            assertTrue(registry().list(account, "ap-northeast-1").isEmpty(), "other regions stay untouched");
        }
    }

    @Test
    void createTagsWritesTheRegistryAndDescribeReadsIt() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, REGION)) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            ec2.createTags(b -> b.resources(vpc).tags(tag("env", "prod")));
            assertEquals(Map.of("env", "prod"), registry().tags(arn(account, "vpc", vpc)));

            // A tag written through another path (the tagging API writes the registry) is EC2's tag too.
            registry().tag(arn(account, "vpc", vpc), Map.of("team", "net"));
            assertEquals(Map.of("env", "prod", "team", "net"), vpcTags(ec2, vpc));
            assertEquals(List.of(vpc), ec2.describeVpcs(b -> b.filters(filter("tag:team", "net"))).vpcs()
                    .stream().map(x -> x.vpcId()).toList());
            assertEquals(1, ec2.describeVpcs(b -> b.filters(filter("tag-key", "team"))).vpcs().size());
            assertEquals(1, ec2.describeVpcs(b -> b.filters(filter("tag-value", "n?t"))).vpcs().size());
            var described = ec2.describeTags(b -> b.filters(filter("key", "team"))).tags();
            assertEquals(1, described.size());
            assertEquals(vpc, described.get(0).resourceId());
            assertEquals("vpc", described.get(0).resourceTypeAsString());

            registry().untag(arn(account, "vpc", vpc), List.of("team"));
            assertEquals(Map.of("env", "prod"), vpcTags(ec2, vpc));
        }
    }

    @Test
    void tagsAreOnlyReachableFromTheOwningAccountAndRegion() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, REGION);
                Ec2Client other = ec2(newAccount(), REGION);
                Ec2Client tokyo = ec2(account, "ap-northeast-1")) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.2.0.0/16")).vpc().vpcId();
            fails("InvalidVpcID.NotFound", () -> other.createTags(b -> b.resources(vpc).tags(tag("a", "b"))));
            fails("InvalidVpcID.NotFound", () -> tokyo.deleteTags(b -> b.resources(vpc)));
            assertTrue(registry().tags(arn(account, "vpc", vpc)).isEmpty());
        }
    }

    @Test
    void createTagsWorksOnAnyRegisteredEc2ResourceAndNamesTheErrorOfTheIdsPrefix() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, REGION)) {
            // An instance as service-ec2 registers it: the networking module never stored it.
            String instance = "i-0123456789abcdef0";
            registry().register(account, REGION, "ec2", instance, arn(account, "instance", instance));
            ec2.createTags(b -> b.resources(instance).tags(tag("role", "db")));
            assertEquals(Map.of("role", "db"), registry().tags(arn(account, "instance", instance)));
            var described = ec2.describeTags(b -> b.filters(filter("resource-type", "instance"))).tags();
            assertEquals(1, described.size());
            assertEquals(instance, described.get(0).resourceId());
            ec2.deleteTags(b -> b.resources(instance));
            assertTrue(registry().tags(arn(account, "instance", instance)).isEmpty());

            fails("InvalidInstanceID.NotFound", () -> ec2.createTags(b -> b.resources("i-0fedcba9876543210")
                    .tags(tag("a", "b"))));
            fails("InvalidSubnetID.NotFound", () -> ec2.createTags(b -> b.resources("subnet-0fedcba987654321")
                    .tags(tag("a", "b"))));
            fails("InvalidID", () -> ec2.createTags(b -> b.resources("widget-0fedcba987654321")
                    .tags(tag("a", "b"))));
            // A resource of another service with an EC2-looking ID is not an EC2 resource.
            registry().register(account, REGION, "sqs", "vpc-00000000000000001",
                    Arn.of("sqs", REGION, account, "vpc-00000000000000001"));
            fails("InvalidVpcID.NotFound", () -> ec2.createTags(b -> b.resources("vpc-00000000000000001")
                    .tags(tag("a", "b"))));
        }
    }

    @Test
    void deleteTagsRemovesOnlyMatchingValues() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, REGION)) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.3.0.0/16")).vpc().vpcId();
            ec2.createTags(b -> b.resources(vpc).tags(tag("a", "1"), tag("b", "2"), tag("c", ""), tag("d", "4")));
            ec2.deleteTags(b -> b.resources(vpc).tags(tag("a", "other")));
            ec2.deleteTags(b -> b.resources(vpc).tags(tag("b", "2")));
            // An empty value deletes the tag only when its value is empty.
            ec2.deleteTags(b -> b.resources(vpc).tags(tag("c", ""), tag("d", "")));
            assertEquals(Map.of("a", "1", "d", "4"), registry().tags(arn(account, "vpc", vpc)));
            ec2.deleteTags(b -> b.resources(vpc).tags(Tag.builder().key("d").build()));
            assertEquals(Map.of("a", "1"), vpcTags(ec2, vpc));
            ec2.deleteTags(b -> b.resources(vpc));
            assertTrue(registry().tags(arn(account, "vpc", vpc)).isEmpty());
            assertTrue(vpcTags(ec2, vpc).isEmpty());
        }
    }

    @Test
    void aResourceHasAtMostFiftyTagsAndAFailedCallTagsNothing() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, REGION)) {
            String full = ec2.createVpc(b -> b.cidrBlock("10.4.0.0/16")).vpc().vpcId();
            String empty = ec2.createVpc(b -> b.cidrBlock("10.5.0.0/16")).vpc().vpcId();
            List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toList();
            ec2.createTags(b -> b.resources(full).tags(fifty));
            assertEquals(50, registry().tags(arn(account, "vpc", full)).size());

            fails("TagLimitExceeded", () -> ec2.createTags(b -> b.resources(empty, full).tags(tag("new", "x"))));
            assertTrue(registry().tags(arn(account, "vpc", empty)).isEmpty(), "all or nothing");
            // Overwriting an existing key does not add a tag.
            ec2.createTags(b -> b.resources(full).tags(tag("k0", "changed")));
            assertEquals("changed", vpcTags(ec2, full).get("k0"));

            List<Tag> fiftyOne = IntStream.range(0, 51).mapToObj(i -> tag("k" + i, "v")).toList();
            fails("TagLimitExceeded", () -> ec2.createTags(b -> b.resources(empty).tags(fiftyOne)));
            fails("TagLimitExceeded", () -> ec2.createVpc(b -> b.cidrBlock("10.6.0.0/16")
                    .tagSpecifications(t -> t.resourceType(ResourceType.VPC).tags(fiftyOne))));
        }
    }

    @Test
    void aDeletedTransitGatewayLeavesTheRegistryButKeepsItsLastTags() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, REGION)) {
            String tgw = ec2.createTransitGateway(b -> b.tagSpecifications(
                    name(ResourceType.TRANSIT_GATEWAY, "hub"))).transitGateway().transitGatewayId();
            assertEquals("ec2:transit-gateway", registry().byId(account, REGION, "ec2", tgw).orElseThrow().type());
            ec2.deleteTransitGateway(b -> b.transitGatewayId(tgw));
            assertTrue(registry().byId(account, REGION, "ec2", tgw).isEmpty());
            var described = ec2.describeTransitGateways(b -> b.transitGatewayIds(tgw)).transitGateways();
            assertEquals(1, described.size());
            assertEquals("hub", described.get(0).tags().get(0).value());
            fails("InvalidTransitGatewayID.NotFound", () -> ec2.createTags(b -> b.resources(tgw)
                    .tags(tag("a", "b"))));
        }
    }

    @Test
    void securityGroupRulesAreRegisteredWhileInTheirGroup() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, REGION)) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.7.0.0/16")).vpc().vpcId();
            String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("web").description("web")).groupId();
            String egress = ec2.describeSecurityGroupRules(b -> b.filters(filter("group-id", sg)))
                    .securityGroupRules().get(0).securityGroupRuleId();
            assertEquals("ec2:security-group-rule", registry().byId(account, REGION, "ec2", egress).orElseThrow().type());

            String rule = ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg)
                    .ipPermissions(p -> p.ipProtocol("tcp").fromPort(80).toPort(80).ipRanges(x -> x.cidrIp("10.0.0.0/8")))
                    .tagSpecifications(name(ResourceType.SECURITY_GROUP_RULE, "http")))
                    .securityGroupRules().get(0).securityGroupRuleId();
            Arn ruleArn = arn(account, "security-group-rule", rule);
            assertEquals(Map.of("Name", "http"), registry().tags(ruleArn));
            var described = ec2.describeTags(b -> b.filters(filter("resource-id", rule))).tags();
            assertEquals(1, described.size());
            assertEquals("security-group-rule", described.get(0).resourceTypeAsString());

            ec2.modifySecurityGroupRules(b -> b.groupId(sg).securityGroupRules(u -> u.securityGroupRuleId(rule)
                    .securityGroupRule(q -> q.ipProtocol("tcp").fromPort(8080).toPort(8080).cidrIpv4("10.0.0.0/8"))));
            assertEquals(Map.of("Name", "http"), registry().tags(ruleArn), "a modified rule keeps its tags");

            ec2.revokeSecurityGroupIngress(b -> b.groupId(sg).securityGroupRuleIds(rule));
            assertTrue(registry().byArn(ruleArn).isEmpty());
            fails("InvalidSecurityGroupRuleId.NotFound", () -> ec2.createTags(b -> b.resources(rule)
                    .tags(tag("a", "b"))));
            ec2.deleteSecurityGroup(b -> b.groupId(sg));
            assertTrue(registry().byId(account, REGION, "ec2", egress).isEmpty(), "a deleted group's rules go too");
        }
    }

    @Test
    void eachAccountTagsItsOwnSideOfAPeeringConnection() {
        String requesterAccount = newAccount();
        String accepterAccount = newAccount();
        try (Ec2Client requester = ec2(requesterAccount, REGION);
                Ec2Client accepter = ec2(accepterAccount, REGION)) {
            String a = requester.createVpc(b -> b.cidrBlock("10.8.0.0/16")).vpc().vpcId();
            String b2 = accepter.createVpc(b -> b.cidrBlock("10.9.0.0/16")).vpc().vpcId();
            String pcx = requester.createVpcPeeringConnection(b -> b.vpcId(a).peerVpcId(b2)
                    .peerOwnerId(accepterAccount)
                    .tagSpecifications(name(ResourceType.VPC_PEERING_CONNECTION, "to-shared")))
                    .vpcPeeringConnection().vpcPeeringConnectionId();
            accepter.createTags(b -> b.resources(pcx).tags(tag("Side", "accepter")));

            assertEquals(Map.of("Name", "to-shared"), registry().tags(arn(requesterAccount, "vpc-peering-connection", pcx)));
            assertEquals(Map.of("Side", "accepter"), registry().tags(arn(accepterAccount, "vpc-peering-connection", pcx)));
            assertEquals(List.of(tag("Side", "accepter")), accepter.describeVpcPeeringConnections(b -> b
                    .vpcPeeringConnectionIds(pcx)).vpcPeeringConnections().get(0).tags());
            assertEquals(1, accepter.describeVpcPeeringConnections(b -> b.filters(filter("tag:Side", "accepter")))
                    .vpcPeeringConnections().size());
            assertEquals(0, accepter.describeVpcPeeringConnections(b -> b.filters(filter("tag:Name", "to-shared")))
                    .vpcPeeringConnections().size());
            assertEquals(List.of(tag("Name", "to-shared")), requester.describeVpcPeeringConnections(b -> b
                    .vpcPeeringConnectionIds(pcx)).vpcPeeringConnections().get(0).tags());

            requester.deleteVpcPeeringConnection(b -> b.vpcPeeringConnectionId(pcx));
            assertTrue(registry().byId(requesterAccount, REGION, "ec2", pcx).isEmpty());
            assertTrue(registry().byId(accepterAccount, REGION, "ec2", pcx).isEmpty());
            assertEquals(List.of(tag("Name", "to-shared")), requester.describeVpcPeeringConnections(b -> b
                    .vpcPeeringConnectionIds(pcx)).vpcPeeringConnections().get(0).tags());
        }
    }

    @Test
    void aDeletedNatGatewayLeavesTheRegistryOnceDeleted() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, REGION)) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.10.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.10.1.0/24")).subnet().subnetId();
            String igw = ec2.createInternetGateway(b -> { }).internetGateway().internetGatewayId();
            ec2.attachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc));
            var eip = ec2.allocateAddress(b -> b.domain("vpc")
                    .tagSpecifications(name(ResourceType.ELASTIC_IP, "egress")));
            assertEquals(Map.of("Name", "egress"), registry().tags(arn(account, "elastic-ip", eip.allocationId())));
            String nat = ec2.createNatGateway(b -> b.subnetId(subnet).allocationId(eip.allocationId())
                    .tagSpecifications(name(ResourceType.NATGATEWAY, "nat"))).natGateway().natGatewayId();
            assertEquals(Map.of("Name", "nat"), registry().tags(arn(account, "natgateway", nat)));

            ec2.deleteNatGateway(b -> b.natGatewayId(nat));
            advanceClock(java.time.Duration.ofSeconds(61));
            var deleted = ec2.describeNatGateways(b -> b.natGatewayIds(nat)).natGateways().get(0);
            assertEquals("deleted", deleted.stateAsString());
            assertEquals(List.of(tag("Name", "nat")), deleted.tags());
            assertTrue(registry().byId(account, REGION, "ec2", nat).isEmpty());
            fails("NatGatewayNotFound", () -> ec2.createTags(b -> b.resources(nat).tags(tag("a", "b"))));
        }
    }
}
