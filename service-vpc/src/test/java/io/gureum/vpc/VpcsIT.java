package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

class VpcsIT extends Ec2TestBase {

    static TagSpecification name(ResourceType type, String name) {
        return TagSpecification.builder().resourceType(type).tags(Tag.builder().key("Name").value(name).build()).build();
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    @Test
    void everyAccountAndRegionStartsWithADefaultVpc() {
        try (Ec2Client ec2 = ec2()) {
            Vpc vpc = ec2.describeVpcs(b -> b.filters(filter("is-default", "true"))).vpcs().get(0);
            assertEquals("172.31.0.0/16", vpc.cidrBlock());
            assertTrue(vpc.isDefault());
            var subnets = ec2.describeSubnets(b -> b.filters(filter("vpc-id", vpc.vpcId()))).subnets();
            assertEquals(4, subnets.size(), "one default subnet per Availability Zone of ap-northeast-2");
            for (var sn : subnets) {
                assertTrue(sn.defaultForAz());
                assertTrue(sn.mapPublicIpOnLaunch());
                assertTrue(sn.cidrBlock().endsWith("/20"));
                assertEquals(4096 - 5, sn.availableIpAddressCount());
            }
            var igws = ec2.describeInternetGateways(b -> b.filters(filter("attachment.vpc-id", vpc.vpcId())))
                    .internetGateways();
            assertEquals(1, igws.size());
            var main = ec2.describeRouteTables(b -> b.filters(filter("vpc-id", vpc.vpcId()),
                    filter("association.main", "true"))).routeTables().get(0);
            assertTrue(main.routes().stream().anyMatch(r -> "0.0.0.0/0".equals(r.destinationCidrBlock())
                    && igws.get(0).internetGatewayId().equals(r.gatewayId())));
            assertEquals("true", ec2.describeVpcAttribute(b -> b.vpcId(vpc.vpcId())
                    .attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES)).enableDnsHostnames().value().toString());
            var acl = ec2.describeNetworkAcls(b -> b.filters(filter("vpc-id", vpc.vpcId()))).networkAcls().get(0);
            assertTrue(acl.isDefault());
            assertEquals(4, acl.associations().size());
            var sg = ec2.describeSecurityGroups(b -> b.filters(filter("vpc-id", vpc.vpcId()))).securityGroups();
            assertEquals(List.of("default"), sg.stream().map(g -> g.groupName()).toList());
        }
    }

    @Test
    void aDefaultVpcCannotBeCreatedTwiceButCanBeRecreated() {
        try (Ec2Client ec2 = ec2()) {
            fails("DefaultVpcAlreadyExists", ec2::createDefaultVpc);
        }
    }

    @Test
    void createDescribeDelete() {
        try (Ec2Client ec2 = ec2()) {
            var created = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")
                    .tagSpecifications(name(ResourceType.VPC, "course"))).vpc();
            assertEquals("pending", created.stateAsString());
            assertTrue(created.vpcId().matches("vpc-[0-9a-f]{17}"), created.vpcId());
            assertEquals("course", created.tags().get(0).value());
            Vpc vpc = ec2.describeVpcs(b -> b.vpcIds(created.vpcId())).vpcs().get(0);
            assertEquals("available", vpc.stateAsString());
            assertEquals("10.0.0.0/16", vpc.cidrBlock());
            assertFalse(vpc.isDefault());
            assertEquals("default", vpc.instanceTenancyAsString());
            assertEquals("associated", vpc.cidrBlockAssociationSet().get(0).cidrBlockState().stateAsString());
            // The VPC comes with a main route table (local route only), a default NACL and a default SG.
            var tables = ec2.describeRouteTables(b -> b.filters(filter("vpc-id", vpc.vpcId()))).routeTables();
            assertEquals(1, tables.size());
            assertEquals("local", tables.get(0).routes().get(0).gatewayId());
            assertEquals(1, ec2.describeNetworkAcls(b -> b.filters(filter("vpc-id", vpc.vpcId()),
                    filter("default", "true"))).networkAcls().size());
            assertEquals(1, ec2.describeSecurityGroups(b -> b.filters(filter("vpc-id", vpc.vpcId()),
                    filter("group-name", "default"))).securityGroups().size());

            ec2.deleteVpc(b -> b.vpcId(vpc.vpcId()));
            fails("InvalidVpcID.NotFound", () -> ec2.describeVpcs(b -> b.vpcIds(vpc.vpcId())));
            assertEquals(0, ec2.describeRouteTables(b -> b.filters(filter("vpc-id", vpc.vpcId()))).routeTables().size());
            fails("InvalidVpcID.NotFound", () -> ec2.deleteVpc(b -> b.vpcId(vpc.vpcId())));
        }
    }

    @Test
    void cidrBlocksMustBeSlash16ToSlash28() {
        try (Ec2Client ec2 = ec2()) {
            assertEquals("The CIDR '10.0.0.0/8' is invalid.",
                    fails("InvalidVpc.Range", () -> ec2.createVpc(b -> b.cidrBlock("10.0.0.0/8"))));
            fails("InvalidVpc.Range", () -> ec2.createVpc(b -> b.cidrBlock("10.0.0.0/29")));
            assertEquals("Value (10.0.0.0/33) for parameter cidrBlock is invalid. This is not a valid CIDR block.",
                    fails("InvalidParameterValue", () -> ec2.createVpc(b -> b.cidrBlock("10.0.0.0/33"))));
            fails("InvalidParameterValue", () -> ec2.createVpc(b -> b.cidrBlock("10.0.0.1/16")));
            fails("MissingParameter", () -> ec2.createVpc(b -> b.instanceTenancy("default")));
            assertEquals("10.0.0.0/28", ec2.createVpc(b -> b.cidrBlock("10.0.0.0/28")).vpc().cidrBlock());
        }
    }

    @Test
    void notFoundUsesAwsWording() {
        try (Ec2Client ec2 = ec2()) {
            assertEquals("The vpc ID 'vpc-123' does not exist",
                    fails("InvalidVpcID.NotFound", () -> ec2.describeVpcs(b -> b.vpcIds("vpc-123"))));
            fails("InvalidVpcID.NotFound", () -> ec2.describeVpcAttribute(b -> b.vpcId("vpc-1")
                    .attribute(VpcAttributeName.ENABLE_DNS_SUPPORT)));
            fails("InvalidVpcID.NotFound", () -> ec2.createSubnet(b -> b.vpcId("vpc-1").cidrBlock("10.0.0.0/24")));
        }
    }

    @Test
    void dryRunAnswersDryRunOperationAndCreatesNothing() {
        try (Ec2Client ec2 = ec2()) {
            assertEquals("Request would have succeeded, but DryRun flag is set.", fails("DryRunOperation", 412,
                    () -> ec2.createVpc(b -> b.cidrBlock("10.9.0.0/16").dryRun(true))));
            assertEquals(1, ec2.describeVpcs().vpcs().size());
            // Validation comes first: a bad request is refused for what it is, not with DryRunOperation.
            fails("InvalidVpc.Range", () -> ec2.createVpc(b -> b.cidrBlock("10.0.0.0/8").dryRun(true)));
            fails("DryRunOperation", 412, () -> ec2.describeVpcs(b -> b.dryRun(true)));
        }
    }

    @Test
    void dnsAttributes() {
        try (Ec2Client ec2 = ec2()) {
            String id = ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            var support = ec2.describeVpcAttribute(b -> b.vpcId(id).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT));
            assertTrue(support.enableDnsSupport().value());
            assertFalse(ec2.describeVpcAttribute(b -> b.vpcId(id).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                    .enableDnsHostnames().value());
            ec2.modifyVpcAttribute(b -> b.vpcId(id).enableDnsHostnames(v -> v.value(true)));
            assertTrue(ec2.describeVpcAttribute(b -> b.vpcId(id).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                    .enableDnsHostnames().value());
            fails("InvalidParameterCombination", () -> ec2.modifyVpcAttribute(b -> b.vpcId(id)
                    .enableDnsHostnames(v -> v.value(true)).enableDnsSupport(v -> v.value(true))));
        }
    }

    @Test
    void secondaryCidrBlocksAndIpv6() {
        try (Ec2Client ec2 = ec2()) {
            var vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16").amazonProvidedIpv6CidrBlock(true)).vpc();
            String v6 = vpc.ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock();
            assertTrue(v6.endsWith("/56"), v6);
            var assoc = ec2.associateVpcCidrBlock(b -> b.vpcId(vpc.vpcId()).cidrBlock("10.1.0.0/16"))
                    .cidrBlockAssociation();
            assertEquals("associating", assoc.cidrBlockState().stateAsString());
            fails("InvalidVpc.Range", () -> ec2.associateVpcCidrBlock(b -> b.vpcId(vpc.vpcId()).cidrBlock("10.1.0.0/24")));
            // A subnet may use the secondary block; every route table gets a local route for it.
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc.vpcId()).cidrBlock("10.1.5.0/24")).subnet().subnetId();
            var routes = ec2.describeRouteTables(b -> b.filters(filter("vpc-id", vpc.vpcId()))).routeTables().get(0)
                    .routes();
            assertTrue(routes.stream().anyMatch(r -> "10.1.0.0/16".equals(r.destinationCidrBlock())
                    && "local".equals(r.gatewayId())));
            assertTrue(routes.stream().anyMatch(r -> v6.equals(r.destinationIpv6CidrBlock())));
            fails("DependencyViolation", () -> ec2.disassociateVpcCidrBlock(b -> b.associationId(assoc.associationId())));
            ec2.deleteSubnet(b -> b.subnetId(subnet));
            ec2.disassociateVpcCidrBlock(b -> b.associationId(assoc.associationId()));
            String primary = vpc.cidrBlockAssociationSet().get(0).associationId();
            fails("OperationNotPermitted", () -> ec2.disassociateVpcCidrBlock(b -> b.associationId(primary)));
            for (int i = 2; i <= 5; i++) {
                int n = i;
                ec2.associateVpcCidrBlock(b -> b.vpcId(vpc.vpcId()).cidrBlock("10." + n + ".0.0/16"));
            }
            fails("CidrLimitExceeded", () -> ec2.associateVpcCidrBlock(b -> b.vpcId(vpc.vpcId()).cidrBlock("10.6.0.0/16")));
        }
    }

    @Test
    void filtersTagsAndPagination() {
        try (Ec2Client ec2 = ec2()) {
            Set<String> mine = new HashSet<>();
            for (int i = 0; i < 7; i++) {
                int n = i;
                mine.add(ec2.createVpc(b -> b.cidrBlock("10." + n + ".0.0/16")
                        .tagSpecifications(name(ResourceType.VPC, "team-" + (n % 2 == 0 ? "a" : "b")))).vpc().vpcId());
            }
            assertEquals(4, ec2.describeVpcs(b -> b.filters(filter("tag:Name", "team-a"))).vpcs().size());
            assertEquals(7, ec2.describeVpcs(b -> b.filters(filter("tag:Name", "team-*"))).vpcs().size());
            assertEquals(7, ec2.describeVpcs(b -> b.filters(filter("tag-key", "Name"))).vpcs().size());
            assertEquals(1, ec2.describeVpcs(b -> b.filters(filter("cidr", "10.3.0.0/16"))).vpcs().size());
            assertEquals(8, ec2.describeVpcs(b -> b.filters(filter("state", "available"))).vpcs().size());
            fails("InvalidParameterValue", () -> ec2.describeVpcs(b -> b.filters(filter("colour", "red"))));

            Set<String> seen = new HashSet<>();
            String token = null;
            int pages = 0;
            do {
                String t = token;
                var page = ec2.describeVpcs(b -> b.maxResults(5).nextToken(t));
                page.vpcs().forEach(v -> assertTrue(seen.add(v.vpcId())));
                token = page.nextToken();
                pages++;
            } while (token != null);
            assertEquals(2, pages);
            assertEquals(8, seen.size());
            assertTrue(seen.containsAll(mine));
            assertEquals(8, ec2.describeVpcsPaginator(b -> b.maxResults(5)).vpcs().stream().count());
            fails("InvalidParameterValue", () -> ec2.describeVpcs(b -> b.maxResults(2)));

            String id = mine.iterator().next();
            ec2.createTags(b -> b.resources(id).tags(Tag.builder().key("env").value("prod").build()));
            var tags = ec2.describeTags(b -> b.filters(filter("resource-id", id))).tags();
            assertEquals(2, tags.size());
            assertEquals("vpc", tags.get(0).resourceTypeAsString());
            ec2.deleteTags(b -> b.resources(id).tags(Tag.builder().key("env").value("dev").build()));
            assertEquals(2, ec2.describeTags(b -> b.filters(filter("resource-id", id))).tags().size(),
                    "a value that does not match leaves the tag");
            ec2.deleteTags(b -> b.resources(id).tags(Tag.builder().key("env").build()));
            assertEquals(1, ec2.describeTags(b -> b.filters(filter("resource-id", id))).tags().size());
            fails("InvalidVpcID.NotFound", () -> ec2.createTags(b -> b.resources("vpc-0000000000000000f")
                    .tags(Tag.builder().key("a").value("b").build())));
            fails("InvalidParameterValue", () -> ec2.createTags(b -> b.resources(id)
                    .tags(Tag.builder().key("aws:reserved").value("b").build())));
            fails("InvalidParameterValue", () -> ec2.createVpc(b -> b.cidrBlock("10.50.0.0/16")
                    .tagSpecifications(name(ResourceType.SUBNET, "wrong-type"))));
        }
    }

    @Test
    void accountsAndRegionsAreIsolated() {
        String account = newAccount();
        try (Ec2Client seoul = ec2(account, "ap-northeast-2");
                Ec2Client tokyo = ec2(account, "ap-northeast-1");
                Ec2Client other = ec2(newAccount(), "ap-northeast-2")) {
            String id = seoul.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            fails("InvalidVpcID.NotFound", () -> tokyo.describeVpcs(b -> b.vpcIds(id)));
            fails("InvalidVpcID.NotFound", () -> other.describeVpcs(b -> b.vpcIds(id)));
            assertEquals(1, tokyo.describeVpcs().vpcs().size());
            assertNotEquals(seoul.describeVpcs(b -> b.filters(filter("is-default", "true"))).vpcs().get(0).vpcId(),
                    tokyo.describeVpcs().vpcs().get(0).vpcId());
            assertEquals(account, seoul.describeVpcs(b -> b.vpcIds(id)).vpcs().get(0).ownerId());
            var tokyoSubnets = tokyo.describeSubnets().subnets();
            assertTrue(tokyoSubnets.stream().allMatch(s -> s.availabilityZone().startsWith("ap-northeast-1")));
        }
    }

    @Test
    void deleteVpcRefusesWhileItHasDependencies() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
            assertEquals("The vpc '" + vpc + "' has dependencies and cannot be deleted.",
                    fails("DependencyViolation", () -> ec2.deleteVpc(b -> b.vpcId(vpc))));
            ec2.deleteSubnet(b -> b.subnetId(subnet));
            String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("x").description("x")).groupId();
            fails("DependencyViolation", () -> ec2.deleteVpc(b -> b.vpcId(vpc)));
            ec2.deleteSecurityGroup(b -> b.groupId(sg));
            String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
            ec2.attachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw));
            fails("DependencyViolation", () -> ec2.deleteVpc(b -> b.vpcId(vpc)));
            ec2.detachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw));
            String rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            fails("DependencyViolation", () -> ec2.deleteVpc(b -> b.vpcId(vpc)));
            ec2.deleteRouteTable(b -> b.routeTableId(rtb));
            ec2.deleteVpc(b -> b.vpcId(vpc));
            assertNull(ec2.describeVpcs(b -> b.filters(filter("vpc-id", vpc))).vpcs().stream().findAny().orElse(null));
            assertNotNull(igw);
        }
    }

    @Test
    void theDefaultVpcCanBeDeletedAndCreatedAgain() {
        try (Ec2Client ec2 = ec2(newAccount(), "eu-west-1")) {
            Vpc def = ec2.describeVpcs().vpcs().get(0);
            fails("DependencyViolation", () -> ec2.deleteVpc(b -> b.vpcId(def.vpcId())));
            ec2.describeSubnets().subnets().forEach(sn -> ec2.deleteSubnet(b -> b.subnetId(sn.subnetId())));
            var igw = ec2.describeInternetGateways().internetGateways().get(0).internetGatewayId();
            fails("DependencyViolation", () -> ec2.deleteInternetGateway(b -> b.internetGatewayId(igw)));
            ec2.detachInternetGateway(b -> b.vpcId(def.vpcId()).internetGatewayId(igw));
            ec2.deleteInternetGateway(b -> b.internetGatewayId(igw));
            ec2.deleteVpc(b -> b.vpcId(def.vpcId()));
            assertEquals(0, ec2.describeVpcs().vpcs().size());
            fails("VPCIdNotSpecified", () -> ec2.createSecurityGroup(b -> b.groupName("g").description("d")));
            Vpc again = ec2.createDefaultVpc().vpc();
            assertTrue(again.isDefault());
            assertEquals("172.31.0.0/16", again.cidrBlock());
            assertEquals(3, ec2.describeSubnets(b -> b.filters(filter("default-for-az", "true"))).subnets().size());
        }
    }

    @Test
    void operationsOfTheComputeModuleAnswerNotImplemented() {
        try (Ec2Client ec2 = ec2()) {
            String message = fails("NotImplemented", 501, ec2::describeInstances);
            assertTrue(message.contains("DescribeInstances"), message);
        }
    }
}
