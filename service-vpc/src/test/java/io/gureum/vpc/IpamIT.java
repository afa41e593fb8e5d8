package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AddIpamOperatingRegion;
import software.amazon.awssdk.services.ec2.model.Ipam;
import software.amazon.awssdk.services.ec2.model.IpamResourceDiscovery;
import software.amazon.awssdk.services.ec2.model.IpamResourceDiscoveryAssociation;
import software.amazon.awssdk.services.ec2.model.IpamScope;
import software.amazon.awssdk.services.ec2.model.RemoveIpamOperatingRegion;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** IPAMs, scopes, resource discoveries and their associations through the SDK. */
class IpamIT extends Ec2TestBase {
    static final String REGION = "ap-northeast-2";

    static TagSpecification tags(String type, String name) {
        return TagSpecification.builder().resourceType(type).tags(Tag.builder().key("Name").value(name).build())
                .build();
    }

    static Ipam ipam(Ec2Client ec2, String id) {
        return ec2.describeIpams(b -> b.ipamIds(id)).ipams().get(0);
    }

    @Test
    void createIpamMakesItsDefaultScopesAndDiscovery() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, REGION)) {
            fails("DryRunOperation", 412, () -> ec2.createIpam(b -> b.dryRun(true)));
            fails("InvalidParameterValue", () -> ec2.createIpam(b -> b.tier("premium")));
            fails("InvalidParameterValue", () -> ec2.createIpam(b -> b.operatingRegions(
                    AddIpamOperatingRegion.builder().regionName("xx-nowhere-9").build())));
            fails("InvalidParameterValue", () -> ec2.createIpam(b -> b.tagSpecifications(tags("vpc", "x"))));
            assertTrue(ec2.describeIpams(b -> b.dryRun(false)).ipams().isEmpty(), "nothing made by failed calls");

            Ipam i = ec2.createIpam(b -> b.description("main").tier("free")
                    .operatingRegions(AddIpamOperatingRegion.builder().regionName("us-east-1").build())
                    .tagSpecifications(tags("ipam", "corp"))).ipam();
            assertTrue(i.ipamId().matches("ipam-[0-9a-f]{17}"), i.ipamId());
            assertEquals("arn:aws:ec2::" + account + ":ipam/" + i.ipamId(), i.ipamArn());
            assertEquals(REGION, i.ipamRegion());
            assertEquals(account, i.ownerId());
            assertEquals("free", i.tierAsString());
            assertEquals("create-in-progress", i.stateAsString());
            assertEquals(List.of(REGION, "us-east-1"),
                    i.operatingRegions().stream().map(x -> x.regionName()).toList(), "home region first");
            assertEquals(2, i.scopeCount());
            assertEquals(1, i.resourceDiscoveryAssociationCount());
            assertEquals("corp", i.tags().get(0).value());
            advanceClock(Duration.ofSeconds(3));
            assertEquals("create-complete", ipam(ec2, i.ipamId()).stateAsString());

            List<IpamScope> scopes = ec2.describeIpamScopes(b -> b.filters(filter("ipam-id", i.ipamId())))
                    .ipamScopes();
            assertEquals(2, scopes.size());
            IpamScope pub = scopes.stream().filter(x -> x.ipamScopeId().equals(i.publicDefaultScopeId())).findFirst()
                    .orElseThrow();
            assertEquals("public", pub.ipamScopeTypeAsString());
            assertTrue(pub.isDefault());
            assertEquals(i.ipamArn(), pub.ipamArn());
            assertEquals("arn:aws:ec2::" + account + ":ipam-scope/" + pub.ipamScopeId(), pub.ipamScopeArn());
            assertEquals("private", ec2.describeIpamScopes(b -> b.ipamScopeIds(i.privateDefaultScopeId()))
                    .ipamScopes().get(0).ipamScopeTypeAsString());

            IpamResourceDiscovery d = ec2.describeIpamResourceDiscoveries(b -> b.ipamResourceDiscoveryIds(
                    i.defaultResourceDiscoveryId())).ipamResourceDiscoveries().get(0);
            assertTrue(d.isDefault());
            assertEquals(2, d.operatingRegions().size());
            IpamResourceDiscoveryAssociation a = ec2.describeIpamResourceDiscoveryAssociations(b -> b
                    .ipamResourceDiscoveryAssociationIds(i.defaultResourceDiscoveryAssociationId()))
                    .ipamResourceDiscoveryAssociations().get(0);
            assertEquals(i.ipamId(), a.ipamId());
            assertEquals(d.ipamResourceDiscoveryId(), a.ipamResourceDiscoveryId());
            assertEquals("associate-complete", a.stateAsString());
            assertEquals("active", a.resourceDiscoveryStatusAsString());

            // Tags through CreateTags/DescribeTags, like any EC2 resource.
            ec2.createTags(b -> b.resources(i.ipamId()).tags(Tag.builder().key("env").value("prod").build()));
            assertEquals(2, ipam(ec2, i.ipamId()).tags().size());
            assertEquals(1, ec2.describeIpams(b -> b.filters(filter("tag:env", "prod"))).ipams().size());
        }
    }

    @Test
    void describeFiltersAndPages() {
        try (Ec2Client ec2 = ec2()) {
            for (int n = 0; n < 6; n++) {
                String d = "n" + n;
                ec2.createIpam(b -> b.description(d));
            }
            assertEquals(1, ec2.describeIpams(b -> b.filters(filter("description", "n3"))).ipams().size());
            var first = ec2.describeIpams(b -> b.maxResults(5));
            assertEquals(5, first.ipams().size());
            assertNotNull(first.nextToken());
            assertEquals(1, ec2.describeIpams(b -> b.maxResults(5).nextToken(first.nextToken())).ipams().size());
            fails("InvalidParameterValue", () -> ec2.describeIpams(b -> b.maxResults(1001)));
            assertEquals(6, ec2.describeIpams(b -> b.filters(filter("tier", "advanced"))).ipams().size(),
                    "advanced is the default tier");
            fails("InvalidIpamId.NotFound", () -> ec2.describeIpams(b -> b.ipamIds("ipam-00000000000000000")));
            assertEquals(12, ec2.describeIpamScopes(b -> b.maxResults(1000)).ipamScopes().size());
        }
    }

    @Test
    void modifyAndDeleteIpam() {
        try (Ec2Client ec2 = ec2()) {
            Ipam i = ec2.createIpam(b -> b.clientToken("tok-1")).ipam();
            assertEquals(i.ipamId(), ec2.createIpam(b -> b.clientToken("tok-1")).ipam().ipamId(), "idempotent");
            advanceClock(Duration.ofSeconds(3));
            fails("InvalidIpamId.NotFound", () -> ec2.modifyIpam(b -> b.ipamId("ipam-00000000000000000")));
            fails("InvalidParameterValue", () -> ec2.modifyIpam(b -> b.ipamId(i.ipamId())
                    .removeOperatingRegions(RemoveIpamOperatingRegion.builder().regionName(REGION).build())));
            fails("DryRunOperation", 412, () -> ec2.modifyIpam(b -> b.ipamId(i.ipamId()).dryRun(true)));
            Ipam m = ec2.modifyIpam(b -> b.ipamId(i.ipamId()).description("changed").tier("free")
                    .addOperatingRegions(AddIpamOperatingRegion.builder().regionName("eu-west-1").build())).ipam();
            assertEquals("modify-in-progress", m.stateAsString());
            assertEquals("changed", m.description());
            assertEquals(2, m.operatingRegions().size());
            advanceClock(Duration.ofSeconds(3));
            assertEquals("modify-complete", ipam(ec2, i.ipamId()).stateAsString());
            assertEquals(2, ec2.describeIpamResourceDiscoveries(b -> b.ipamResourceDiscoveryIds(
                    i.defaultResourceDiscoveryId())).ipamResourceDiscoveries().get(0).operatingRegions().size(),
                    "the default discovery follows its IPAM's regions");

            String scope = ec2.createIpamScope(b -> b.ipamId(i.ipamId())).ipamScope().ipamScopeId();
            fails("DependencyViolation", () -> ec2.deleteIpam(b -> b.ipamId(i.ipamId())));
            ec2.deleteIpamScope(b -> b.ipamScopeId(scope));
            fails("DryRunOperation", 412, () -> ec2.deleteIpam(b -> b.ipamId(i.ipamId()).dryRun(true)));
            assertEquals("delete-in-progress", ec2.deleteIpam(b -> b.ipamId(i.ipamId())).ipam().stateAsString());
            fails("InvalidIpamId.NotFound", () -> ec2.deleteIpam(b -> b.ipamId(i.ipamId())));
            fails("InvalidIpamId.NotFound", () -> ec2.createIpamScope(b -> b.ipamId(i.ipamId())));
            fails("InvalidIpamId.NotFound", () -> ec2.createTags(b -> b.resources(i.ipamId())
                    .tags(Tag.builder().key("k").value("v").build())));
            advanceClock(Duration.ofSeconds(3));
            fails("InvalidIpamId.NotFound", () -> ec2.describeIpams(b -> b.ipamIds(i.ipamId())));
            assertTrue(ec2.describeIpamScopes(b -> b.filters(filter("ipam-id", i.ipamId()))).ipamScopes().isEmpty(),
                    "the default scopes go with it");
            fails("InvalidIpamResourceDiscoveryId.NotFound", () -> ec2.describeIpamResourceDiscoveries(b -> b
                    .ipamResourceDiscoveryIds(i.defaultResourceDiscoveryId())));
        }
    }

    @Test
    void scopes() {
        try (Ec2Client ec2 = ec2()) {
            Ipam i = ec2.createIpam(b -> b.description("s")).ipam();
            fails("InvalidIpamId.NotFound", () -> ec2.createIpamScope(b -> b.ipamId("ipam-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.createIpamScope(b -> b.ipamId(i.ipamId()).dryRun(true)));
            IpamScope x = ec2.createIpamScope(b -> b.ipamId(i.ipamId()).description("dev")
                    .tagSpecifications(tags("ipam-scope", "dev"))).ipamScope();
            assertEquals("private", x.ipamScopeTypeAsString());
            assertFalse(x.isDefault());
            assertEquals("dev", x.tags().get(0).value());
            assertEquals(3, ipam(ec2, i.ipamId()).scopeCount());
            assertEquals(1, ec2.describeIpamScopes(b -> b.filters(filter("is-default", "false"),
                    filter("ipam-id", i.ipamId()))).ipamScopes().size());
            IpamScope m = ec2.modifyIpamScope(b -> b.ipamScopeId(x.ipamScopeId()).description("development"))
                    .ipamScope();
            assertEquals("development", m.description());
            assertEquals("modify-in-progress", m.stateAsString());
            fails("InvalidIpamScopeId.NotFound", () -> ec2.modifyIpamScope(b -> b
                    .ipamScopeId("ipam-scope-00000000000000000")));
            fails("OperationNotPermitted", () -> ec2.deleteIpamScope(b -> b.ipamScopeId(i.privateDefaultScopeId())));
            String pool = ec2.createIpamPool(b -> b.ipamScopeId(x.ipamScopeId()).addressFamily("ipv4")).ipamPool()
                    .ipamPoolId();
            assertEquals(1, ec2.describeIpamScopes(b -> b.ipamScopeIds(x.ipamScopeId())).ipamScopes().get(0)
                    .poolCount());
            fails("DependencyViolation", () -> ec2.deleteIpamScope(b -> b.ipamScopeId(x.ipamScopeId())));
            ec2.deleteIpamPool(b -> b.ipamPoolId(pool));
            fails("DryRunOperation", 412, () -> ec2.deleteIpamScope(b -> b.ipamScopeId(x.ipamScopeId())
                    .dryRun(true)));
            assertEquals("delete-in-progress", ec2.deleteIpamScope(b -> b.ipamScopeId(x.ipamScopeId())).ipamScope()
                    .stateAsString());
            fails("InvalidIpamScopeId.NotFound", () -> ec2.deleteIpamScope(b -> b.ipamScopeId(x.ipamScopeId())));
        }
    }

    @Test
    void resourceDiscoveries() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, REGION)) {
            Ipam i = ec2.createIpam(b -> b.description("d")).ipam();
            fails("DryRunOperation", 412, () -> ec2.createIpamResourceDiscovery(b -> b.dryRun(true)));
            IpamResourceDiscovery d = ec2.createIpamResourceDiscovery(b -> b.description("extra")
                    .tagSpecifications(tags("ipam-resource-discovery", "extra"))).ipamResourceDiscovery();
            assertTrue(d.ipamResourceDiscoveryId().startsWith("ipam-res-disco-"), d.ipamResourceDiscoveryId());
            assertFalse(d.isDefault());
            assertEquals(REGION, d.ipamResourceDiscoveryRegion());
            assertEquals("arn:aws:ec2::" + account + ":ipam-resource-discovery/" + d.ipamResourceDiscoveryId(),
                    d.ipamResourceDiscoveryArn());
            assertEquals(1, ec2.describeIpamResourceDiscoveries(b -> b.filters(filter("is-default", "false")))
                    .ipamResourceDiscoveries().size());

            IpamResourceDiscovery m = ec2.modifyIpamResourceDiscovery(b -> b.ipamResourceDiscoveryId(
                    d.ipamResourceDiscoveryId()).addOperatingRegions(AddIpamOperatingRegion.builder()
                            .regionName("us-west-2").build())).ipamResourceDiscovery();
            assertEquals(2, m.operatingRegions().size());
            fails("OperationNotPermitted", () -> ec2.modifyIpamResourceDiscovery(b -> b.ipamResourceDiscoveryId(
                    i.defaultResourceDiscoveryId()).description("x")));
            fails("InvalidIpamResourceDiscoveryId.NotFound", () -> ec2.modifyIpamResourceDiscovery(b -> b
                    .ipamResourceDiscoveryId("ipam-res-disco-00000000000000000")));

            fails("DryRunOperation", 412, () -> ec2.associateIpamResourceDiscovery(b -> b.ipamId(i.ipamId())
                    .ipamResourceDiscoveryId(d.ipamResourceDiscoveryId()).dryRun(true)));
            IpamResourceDiscoveryAssociation a = ec2.associateIpamResourceDiscovery(b -> b.ipamId(i.ipamId())
                    .ipamResourceDiscoveryId(d.ipamResourceDiscoveryId())
                    .tagSpecifications(tags("ipam-resource-discovery-association", "a")))
                    .ipamResourceDiscoveryAssociation();
            assertEquals("associate-in-progress", a.stateAsString());
            assertFalse(a.isDefault());
            assertEquals(2, ipam(ec2, i.ipamId()).resourceDiscoveryAssociationCount());
            fails("Resource.AlreadyAssociated", () -> ec2.associateIpamResourceDiscovery(b -> b.ipamId(i.ipamId())
                    .ipamResourceDiscoveryId(d.ipamResourceDiscoveryId())));
            fails("InvalidIpamId.NotFound", () -> ec2.associateIpamResourceDiscovery(b -> b
                    .ipamId("ipam-00000000000000000").ipamResourceDiscoveryId(d.ipamResourceDiscoveryId())));
            assertEquals(1, ec2.describeIpamResourceDiscoveryAssociations(b -> b.filters(filter(
                    "ipam-resource-discovery-id", d.ipamResourceDiscoveryId())))
                    .ipamResourceDiscoveryAssociations().size());
            fails("DependencyViolation", () -> ec2.deleteIpamResourceDiscovery(b -> b.ipamResourceDiscoveryId(
                    d.ipamResourceDiscoveryId())));
            fails("OperationNotPermitted", () -> ec2.deleteIpamResourceDiscovery(b -> b.ipamResourceDiscoveryId(
                    i.defaultResourceDiscoveryId())));
            fails("OperationNotPermitted", () -> ec2.disassociateIpamResourceDiscovery(b -> b
                    .ipamResourceDiscoveryAssociationId(i.defaultResourceDiscoveryAssociationId())));
            fails("InvalidIpamResourceDiscoveryAssociationId.NotFound", () -> ec2.disassociateIpamResourceDiscovery(
                    b -> b.ipamResourceDiscoveryAssociationId("ipam-res-disco-assoc-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.disassociateIpamResourceDiscovery(b -> b
                    .ipamResourceDiscoveryAssociationId(a.ipamResourceDiscoveryAssociationId()).dryRun(true)));
            assertEquals("disassociate-in-progress", ec2.disassociateIpamResourceDiscovery(b -> b
                    .ipamResourceDiscoveryAssociationId(a.ipamResourceDiscoveryAssociationId()))
                    .ipamResourceDiscoveryAssociation().stateAsString());
            fails("DryRunOperation", 412, () -> ec2.deleteIpamResourceDiscovery(b -> b.ipamResourceDiscoveryId(
                    d.ipamResourceDiscoveryId()).dryRun(true)));
            assertEquals("delete-in-progress", ec2.deleteIpamResourceDiscovery(b -> b.ipamResourceDiscoveryId(
                    d.ipamResourceDiscoveryId())).ipamResourceDiscovery().stateAsString());
            advanceClock(Duration.ofSeconds(3));
            fails("InvalidIpamResourceDiscoveryId.NotFound", () -> ec2.describeIpamResourceDiscoveries(b -> b
                    .ipamResourceDiscoveryIds(d.ipamResourceDiscoveryId())));

            // The default discovery finds the account's default VPC and its subnets.
            var found = ec2.getIpamDiscoveredResourceCidrs(b -> b.ipamResourceDiscoveryId(
                    i.defaultResourceDiscoveryId()).resourceRegion(REGION)).ipamDiscoveredResourceCidrs();
            String defaultVpc = ec2.describeVpcs(b -> b.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
            assertTrue(found.stream().anyMatch(x -> x.resourceId().equals(defaultVpc)
                    && x.resourceCidr().equals("172.31.0.0/16") && x.resourceTypeAsString().equals("vpc")), found
                    .toString());
            assertTrue(found.stream().anyMatch(x -> x.resourceTypeAsString().equals("subnet")
                    && defaultVpc.equals(x.vpcId())));
            assertTrue(ec2.getIpamDiscoveredResourceCidrs(b -> b.ipamResourceDiscoveryId(
                    i.defaultResourceDiscoveryId()).resourceRegion("sa-east-1")).ipamDiscoveredResourceCidrs()
                    .isEmpty(), "not an operating region");
            assertEquals(1, ec2.getIpamDiscoveredResourceCidrs(b -> b.ipamResourceDiscoveryId(
                    i.defaultResourceDiscoveryId()).resourceRegion(REGION).filters(filter("resource-type", "vpc")))
                    .ipamDiscoveredResourceCidrs().size());
            fails("InvalidIpamResourceDiscoveryId.NotFound", () -> ec2.getIpamDiscoveredResourceCidrs(b -> b
                    .ipamResourceDiscoveryId("ipam-res-disco-00000000000000000").resourceRegion(REGION)));
        }
    }
}
