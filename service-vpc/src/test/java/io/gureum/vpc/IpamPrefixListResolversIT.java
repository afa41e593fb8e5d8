package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ipam;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverRuleConditionRequest;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverRuleRequest;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverTarget;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverVersion;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverVersionEntry;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** IPAM prefix list resolvers: rules over the IPAM's CIDRs, versions that follow them, targets that sync prefix lists. */
class IpamPrefixListResolversIT extends Ec2TestBase {

    private static List<Long> versions(Ec2Client ec2, String id) {
        return ec2.getIpamPrefixListResolverVersions(b -> b.ipamPrefixListResolverId(id))
                .ipamPrefixListResolverVersions().stream().map(IpamPrefixListResolverVersion::version).toList();
    }

    private static List<String> entries(Ec2Client ec2, String id, long version) {
        return ec2.getIpamPrefixListResolverVersionEntries(b -> b.ipamPrefixListResolverId(id)
                .ipamPrefixListResolverVersion(version)).entries().stream()
                .map(IpamPrefixListResolverVersionEntry::cidr).toList();
    }

    private static IpamPrefixListResolverRuleRequest prodVpcs(String scope) {
        return IpamPrefixListResolverRuleRequest.builder().ruleType("ipam-resource-cidr").ipamScopeId(scope)
                .resourceType("vpc").conditions(IpamPrefixListResolverRuleConditionRequest.builder()
                        .operation("equals").resourceTag(t -> t.key("env").value("prod")).build())
                .build();
    }

    @Test
    void versionsFollowTheIpamAndTargetsSyncPrefixLists() {
        try (Ec2Client ec2 = ec2(newAccount(), "us-east-1")) {
            String ipamId = ec2.createIpam(b -> b.build()).ipam().ipamId();
            advanceClock(Duration.ofSeconds(3));
            Ipam ipam = ec2.describeIpams(b -> b.ipamIds(ipamId)).ipams().get(0);
            String scope = ipam.privateDefaultScopeId();
            ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16").tagSpecifications(TagSpecification.builder()
                    .resourceType("vpc").tags(Tag.builder().key("env").value("prod").build()).build()));
            ec2.createVpc(b -> b.cidrBlock("10.9.0.0/16").tagSpecifications(TagSpecification.builder()
                    .resourceType("vpc").tags(Tag.builder().key("env").value("dev").build()).build()));

            fails("MissingParameter", () -> ec2.createIpamPrefixListResolver(b -> b.ipamId(ipamId)));
            fails("InvalidIpamId.NotFound", () -> ec2.createIpamPrefixListResolver(b -> b
                    .ipamId("ipam-00000000000000000").addressFamily("ipv4")));
            fails("NotImplemented", 501, () -> ec2.createIpamPrefixListResolver(b -> b.ipamId(ipamId)
                    .addressFamily("ipv6")));
            fails("InvalidParameterValue", () -> ec2.createIpamPrefixListResolver(b -> b.ipamId(ipamId)
                    .addressFamily("ipv4").rules(r -> r.ruleType("static-cidr").staticCidr("10.0.0.0/8")
                            .ipamScopeId(scope))));
            fails("InvalidParameterValue", () -> ec2.createIpamPrefixListResolver(b -> b.ipamId(ipamId)
                    .addressFamily("ipv4").rules(r -> r.ruleType("ipam-resource-cidr").ipamScopeId(scope)
                            .resourceType("vpc").conditions(c -> c.operation("subnet-of").resourceId("vpc-1")))));
            fails("DryRunOperation", 412, () -> ec2.createIpamPrefixListResolver(b -> b.ipamId(ipamId)
                    .addressFamily("ipv4").dryRun(true)));
            var created = ec2.createIpamPrefixListResolver(b -> b.ipamId(ipamId).addressFamily("ipv4")
                    .description("prod").clientToken("plr-1").rules(prodVpcs(scope),
                            IpamPrefixListResolverRuleRequest.builder().ruleType("static-cidr")
                                    .staticCidr("192.168.0.0/24").build())
                    .tagSpecifications(TagSpecification.builder().resourceType("ipam-prefix-list-resolver")
                            .tags(Tag.builder().key("Name").value("prod").build()).build()))
                    .ipamPrefixListResolver();
            String id = created.ipamPrefixListResolverId();
            assertEquals("create-in-progress", created.stateAsString());
            assertTrue(created.ipamPrefixListResolverArn().startsWith("arn:aws:ec2::"), created.ipamPrefixListResolverArn());
            assertEquals(id, ec2.createIpamPrefixListResolver(b -> b.ipamId(ipamId).addressFamily("ipv4")
                    .clientToken("plr-1")).ipamPrefixListResolver().ipamPrefixListResolverId());
            advanceClock(Duration.ofSeconds(3));
            assertEquals("create-complete", ec2.describeIpamPrefixListResolvers(b -> b.ipamPrefixListResolverIds(id))
                    .ipamPrefixListResolvers().get(0).stateAsString());
            assertEquals(1, ec2.describeIpamPrefixListResolvers(b -> b.filters(filter("ipam-id", ipamId),
                    filter("tag:Name", "prod"))).ipamPrefixListResolvers().size());
            assertEquals(2, ec2.getIpamPrefixListResolverRules(b -> b.ipamPrefixListResolverId(id)).rules().size());

            // Version 1: the prod VPC and the static CIDR; a new prod VPC makes version 2.
            assertEquals(List.of(1L), versions(ec2, id));
            assertEquals(List.of("10.1.0.0/16", "192.168.0.0/24"), entries(ec2, id, 1));
            String vpc3 = ec2.createVpc(b -> b.cidrBlock("10.3.0.0/16").tagSpecifications(TagSpecification.builder()
                    .resourceType("vpc").tags(Tag.builder().key("env").value("prod").build()).build())).vpc().vpcId();
            assertEquals(List.of(1L, 2L), versions(ec2, id));
            assertEquals(List.of("10.1.0.0/16", "10.3.0.0/16", "192.168.0.0/24"), entries(ec2, id, 2));
            fails("InvalidParameterValue", () -> ec2.getIpamPrefixListResolverVersionEntries(b -> b
                    .ipamPrefixListResolverId(id).ipamPrefixListResolverVersion(9L)));

            // A target writes the latest version into a customer-managed prefix list, and follows new versions.
            String pl = ec2.createManagedPrefixList(b -> b.prefixListName("prod").addressFamily("IPv4").maxEntries(5))
                    .prefixList().prefixListId();
            fails("MissingParameter", () -> ec2.createIpamPrefixListResolverTarget(b -> b.ipamPrefixListResolverId(id)
                    .prefixListId(pl).prefixListRegion("us-east-1")));
            fails("NotImplemented", 501, () -> ec2.createIpamPrefixListResolverTarget(b -> b
                    .ipamPrefixListResolverId(id).prefixListId(pl).prefixListRegion("eu-west-1")
                    .trackLatestVersion(true)));
            IpamPrefixListResolverTarget t = ec2.createIpamPrefixListResolverTarget(b -> b.ipamPrefixListResolverId(id)
                    .prefixListId(pl).prefixListRegion("us-east-1").trackLatestVersion(true))
                    .ipamPrefixListResolverTarget();
            String target = t.ipamPrefixListResolverTargetId();
            assertEquals(2L, t.lastSyncedVersion());
            assertEquals(List.of("10.1.0.0/16", "10.3.0.0/16", "192.168.0.0/24"), ec2.getManagedPrefixListEntries(b -> b
                    .prefixListId(pl)).entries().stream().map(e -> e.cidr()).sorted().toList());
            fails("InvalidParameterValue", () -> ec2.modifyManagedPrefixList(b -> b.prefixListId(pl)
                    .addEntries(e -> e.cidr("172.16.0.0/16"))));
            fails("InvalidParameterValue", () -> ec2.createIpamPrefixListResolverTarget(b -> b
                    .ipamPrefixListResolverId(id).prefixListId(pl).prefixListRegion("us-east-1")
                    .trackLatestVersion(true)));
            ec2.deleteVpc(b -> b.vpcId(vpc3));
            assertEquals(List.of(1L, 2L, 3L), versions(ec2, id));
            advanceClock(Duration.ofSeconds(3));
            var synced = ec2.describeIpamPrefixListResolverTargets(b -> b.ipamPrefixListResolverId(id))
                    .ipamPrefixListResolverTargets().get(0);
            assertEquals(3L, synced.lastSyncedVersion());
            assertEquals("sync-complete", synced.stateAsString());
            assertEquals(2, ec2.getManagedPrefixListEntries(b -> b.prefixListId(pl)).entries().size());

            // Pinned to version 2 again.
            ec2.modifyIpamPrefixListResolverTarget(b -> b.ipamPrefixListResolverTargetId(target)
                    .trackLatestVersion(false).desiredVersion(2L));
            assertEquals(3, ec2.getManagedPrefixListEntries(b -> b.prefixListId(pl)).entries().size());
            fails("InvalidParameterValue", () -> ec2.modifyIpamPrefixListResolverTarget(b -> b
                    .ipamPrefixListResolverTargetId(target).desiredVersion(7L)));

            // Rules change in place: only the static CIDR now.
            var modified = ec2.modifyIpamPrefixListResolver(b -> b.ipamPrefixListResolverId(id).rules(
                    IpamPrefixListResolverRuleRequest.builder().ruleType("static-cidr").staticCidr("192.168.0.0/24")
                            .build())).ipamPrefixListResolver();
            assertEquals("modify-in-progress", modified.stateAsString());
            assertEquals(List.of("192.168.0.0/24"), entries(ec2, id, 4));

            fails("DependencyViolation", () -> ec2.deleteIpamPrefixListResolver(b -> b.ipamPrefixListResolverId(id)));
            fails("DependencyViolation", () -> ec2.deleteIpam(b -> b.ipamId(ipamId)));
            assertEquals("delete-in-progress", ec2.deleteIpamPrefixListResolverTarget(b -> b
                    .ipamPrefixListResolverTargetId(target)).ipamPrefixListResolverTarget().stateAsString());
            fails("InvalidIpamPrefixListResolverTargetId.NotFound", () -> ec2.modifyIpamPrefixListResolverTarget(b -> b
                    .ipamPrefixListResolverTargetId(target).trackLatestVersion(true)));
            ec2.deleteIpamPrefixListResolver(b -> b.ipamPrefixListResolverId(id));
            advanceClock(Duration.ofSeconds(3));
            fails("InvalidIpamPrefixListResolverId.NotFound", () -> ec2.describeIpamPrefixListResolvers(b -> b
                    .ipamPrefixListResolverIds(id)));
            fails("InvalidIpamPrefixListResolverTargetId.NotFound", () -> ec2.describeIpamPrefixListResolverTargets(
                    b -> b.ipamPrefixListResolverTargetIds(target)));
            // The list is the user's again.
            ec2.modifyManagedPrefixList(b -> b.prefixListId(pl).currentVersion(null)
                    .addEntries(e -> e.cidr("172.16.0.0/16")));
        }
    }

    @Test
    void poolCidrRules() {
        try (Ec2Client ec2 = ec2(newAccount(), "us-east-1")) {
            String ipamId = ec2.createIpam(b -> b.build()).ipam().ipamId();
            advanceClock(Duration.ofSeconds(3));
            String scope = ec2.describeIpams(b -> b.ipamIds(ipamId)).ipams().get(0).privateDefaultScopeId();
            String pool = ec2.createIpamPool(b -> b.ipamScopeId(scope).addressFamily("ipv4").locale("us-east-1"))
                    .ipamPool().ipamPoolId();
            String id = ec2.createIpamPrefixListResolver(b -> b.ipamId(ipamId).addressFamily("ipv4").rules(r -> r
                    .ruleType("ipam-pool-cidr").ipamScopeId(scope).conditions(c -> c.operation("equals")
                            .ipamPoolId(pool)))).ipamPrefixListResolver().ipamPrefixListResolverId();
            assertEquals(List.of(), entries(ec2, id, 1));
            ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(pool).cidr("10.100.0.0/16"));
            advanceClock(Duration.ofSeconds(3));
            assertEquals(List.of(1L, 2L), versions(ec2, id));
            assertEquals(List.of("10.100.0.0/16"), entries(ec2, id, 2));
        }
    }
}
