package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ssm.model.AlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.CreatePatchBaselineRequest;
import software.amazon.awssdk.services.ssm.model.DoesNotExistException;
import software.amazon.awssdk.services.ssm.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.ssm.model.InvalidResourceIdException;
import software.amazon.awssdk.services.ssm.model.OperatingSystem;
import software.amazon.awssdk.services.ssm.model.PatchAction;
import software.amazon.awssdk.services.ssm.model.PatchBaselineIdentity;
import software.amazon.awssdk.services.ssm.model.PatchComplianceLevel;
import software.amazon.awssdk.services.ssm.model.PatchFilterKey;
import software.amazon.awssdk.services.ssm.model.ResourceInUseException;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/** Custom patch baselines, default baselines and patch groups, through the SDK. */
class PatchBaselinesIT extends SsmTestSupport {

    static String linux(String name) {
        return ssm.createPatchBaseline(b -> b.name(name).operatingSystem(OperatingSystem.AMAZON_LINUX_2)
                .approvalRules(r -> r.patchRules(p -> p.approveAfterDays(7).complianceLevel(PatchComplianceLevel.HIGH)
                        .patchFilterGroup(g -> g.patchFilters(f -> f.key(PatchFilterKey.CLASSIFICATION)
                                .values("Security"), f -> f.key(PatchFilterKey.SEVERITY).values("Critical")))))
                .approvedPatches("kernel-5.10").rejectedPatches("telnet").rejectedPatchesAction(PatchAction.BLOCK)
                .sources(s -> s.name("extras").products("AmazonLinux2").configuration("[extras]\nname=extras"))
                .tags(t -> t.key("env").value("dev"))).baselineId();
    }

    @Test
    void createGetUpdateDescribeAndDeleteABaseline() {
        String name = unique("al2");
        String id = linux(name);
        assertTrue(id.matches("pb-[0-9a-f]{17}"), id);
        var b = ssm.getPatchBaseline(r -> r.baselineId(id));
        assertEquals(name, b.name());
        assertEquals(OperatingSystem.AMAZON_LINUX_2, b.operatingSystem());
        assertEquals(7, b.approvalRules().patchRules().get(0).approveAfterDays());
        assertEquals(List.of("kernel-5.10"), b.approvedPatches());
        assertEquals(PatchAction.BLOCK, b.rejectedPatchesAction());
        assertEquals(PatchComplianceLevel.UNSPECIFIED, b.approvedPatchesComplianceLevel());
        assertEquals("extras", b.sources().get(0).name());
        assertTrue(b.patchGroups().isEmpty());
        assertEquals(1, ssm.listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PATCH_BASELINE)
                .resourceId(id)).tagList().size());

        var updated = ssm.updatePatchBaseline(r -> r.baselineId(id).description("security only")
                .approvedPatches("kernel-5.11"));
        assertEquals("security only", updated.description());
        assertEquals(List.of("kernel-5.11"), updated.approvedPatches());
        assertEquals(List.of("telnet"), updated.rejectedPatches(), "fields not given are kept");
        var replaced = ssm.updatePatchBaseline(r -> r.baselineId(id).replace(true).name(name));
        assertNull(replaced.approvalRules(), "Replace clears what is not given");
        assertTrue(replaced.rejectedPatches().isEmpty());
        assertEquals(PatchAction.ALLOW_AS_DEPENDENCY, replaced.rejectedPatchesAction());

        List<PatchBaselineIdentity> found = ssm.describePatchBaselines(r -> r.filters(f -> f.key("NAME_PREFIX")
                .values(name))).baselineIdentities();
        assertEquals(1, found.size());
        assertEquals(id, found.get(0).baselineId());
        assertFalse(found.get(0).defaultBaseline());
        assertTrue(ssm.describePatchBaselines(r -> r.filters(f -> f.key("OWNER").values("AWS"))).baselineIdentities()
                .isEmpty(), "the baselines AWS provides are not served");

        assertEquals(id, ssm.deletePatchBaseline(r -> r.baselineId(id)).baselineId());
        assertError(DoesNotExistException.class, "DoesNotExistException", 400, null,
                () -> ssm.getPatchBaseline(r -> r.baselineId(id)));
    }

    @Test
    void patchFiltersAreCheckedAgainstTheOperatingSystem() {
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.createPatchBaseline(b -> b.name("win-bad").operatingSystem(OperatingSystem.WINDOWS)
                        .approvalRules(r -> r.patchRules(p -> p.approveAfterDays(1).patchFilterGroup(g -> g
                                .patchFilters(f -> f.key(PatchFilterKey.SEVERITY).values("Critical")))))));
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.createPatchBaseline(b -> b.name("ubuntu-bad").operatingSystem(OperatingSystem.UBUNTU)
                        .globalFilters(g -> g.patchFilters(f -> f.key(PatchFilterKey.CLASSIFICATION).values("x")))));
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.createPatchBaseline(b -> b.name("win-sources").sources(s -> s.name("repo").products("x")
                        .configuration("[repo]"))));
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.createPatchBaseline(b -> b.name("both").operatingSystem(OperatingSystem.CENTOS)
                        .approvalRules(r -> r.patchRules(p -> p.approveAfterDays(1).approveUntilDate("2030-01-01")
                                .patchFilterGroup(g -> g.patchFilters(f -> f.key(PatchFilterKey.PRODUCT)
                                        .values("*")))))));
        String windows = ssm.createPatchBaseline(b -> b.name(unique("win")).approvalRules(r -> r.patchRules(p -> p
                .approveAfterDays(3).patchFilterGroup(g -> g.patchFilters(f -> f.key(PatchFilterKey.MSRC_SEVERITY)
                        .values("Critical"), f -> f.key(PatchFilterKey.PATCH_SET).values("OS")))))).baselineId();
        assertEquals(OperatingSystem.WINDOWS, ssm.getPatchBaseline(r -> r.baselineId(windows)).operatingSystem(),
                "WINDOWS is the default operating system");
        ssm.deletePatchBaseline(r -> r.baselineId(windows));
    }

    @Test
    void aClientTokenMakesCreateIdempotent() {
        CreatePatchBaselineRequest request = CreatePatchBaselineRequest.builder().name(unique("idem"))
                .operatingSystem(OperatingSystem.DEBIAN).clientToken("token-a").build();
        String id = ssm.createPatchBaseline(request).baselineId();
        assertEquals(id, ssm.createPatchBaseline(request).baselineId());
        assertError(IdempotentParameterMismatchException.class, "IdempotentParameterMismatch", 400, null,
                () -> ssm.createPatchBaseline(request.toBuilder().description("other").build()));
        ssm.deletePatchBaseline(r -> r.baselineId(id));
    }

    @Test
    void defaultBaselinesAndPatchGroups() {
        String id = linux(unique("groups"));
        String other = linux(unique("groups-other"));
        AwsServiceException aws = assertError(AwsServiceException.class, "NotImplemented", 501, null,
                () -> ssm.getDefaultPatchBaseline(r -> r.operatingSystem(OperatingSystem.SUSE)));
        assertTrue(aws.awsErrorDetails().errorMessage().contains("AWS provides"), aws.getMessage());

        assertEquals(id, ssm.registerDefaultPatchBaseline(r -> r.baselineId(id)).baselineId());
        var d = ssm.getDefaultPatchBaseline(r -> r.operatingSystem(OperatingSystem.AMAZON_LINUX_2));
        assertEquals(id, d.baselineId());
        assertEquals(OperatingSystem.AMAZON_LINUX_2, d.operatingSystem());
        assertError(DoesNotExistException.class, "DoesNotExistException", 400, null,
                () -> ssm.registerDefaultPatchBaseline(r -> r.baselineId("pb-0123456789abcdef0")));
        assertTrue(ssm.describePatchBaselines(r -> r.filters(f -> f.key("OPERATING_SYSTEM").values("AMAZON_LINUX_2")))
                .baselineIdentities().stream().anyMatch(b -> b.baselineId().equals(id) && b.defaultBaseline()));
        assertError(ResourceInUseException.class, "ResourceInUseException", 400, null,
                () -> ssm.deletePatchBaseline(r -> r.baselineId(id)));

        ssm.registerPatchBaselineForPatchGroup(r -> r.baselineId(other).patchGroup("web"));
        assertError(AlreadyExistsException.class, "AlreadyExistsException", 400, null,
                () -> ssm.registerPatchBaselineForPatchGroup(r -> r.baselineId(id).patchGroup("web")));
        assertEquals(List.of("web"), ssm.getPatchBaseline(r -> r.baselineId(other)).patchGroups());
        var forGroup = ssm.getPatchBaselineForPatchGroup(r -> r.patchGroup("web")
                .operatingSystem(OperatingSystem.AMAZON_LINUX_2));
        assertEquals(other, forGroup.baselineId());
        assertEquals(id, ssm.getPatchBaselineForPatchGroup(r -> r.patchGroup("db")
                .operatingSystem(OperatingSystem.AMAZON_LINUX_2)).baselineId(), "else the default baseline");
        var groups = ssm.describePatchGroups(r -> r.filters(f -> f.key("NAME_PREFIX").values("we"))).mappings();
        assertEquals(1, groups.size());
        assertEquals(other, groups.get(0).baselineIdentity().baselineId());
        var state = ssm.describePatchGroupState(r -> r.patchGroup("web"));
        assertEquals(0, state.instances());
        assertEquals(0, state.instancesWithMissingPatches());
        assertError(ResourceInUseException.class, "ResourceInUseException", 400, null,
                () -> ssm.deletePatchBaseline(r -> r.baselineId(other)));
        ssm.deregisterPatchBaselineForPatchGroup(r -> r.baselineId(other).patchGroup("web"));
        assertError(InvalidResourceIdException.class, "InvalidResourceId", 400, null,
                () -> ssm.deregisterPatchBaselineForPatchGroup(r -> r.baselineId(other).patchGroup("web")));
        ssm.deletePatchBaseline(r -> r.baselineId(other));
    }
}
