package io.gureum.ssm;

import io.gureum.core.error.CommonErrors;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ssm.model.*;

/**
 * Custom patch baselines of the caller's account (CreatePatchBaseline … DescribePatchGroupState), the
 * default baseline of each operating system and patch groups. The baselines AWS provides (Owner AWS) are
 * not served: their IDs differ per Region and are not published as a list, so DescribePatchBaselines lists
 * only the account's own, and the operations that would answer an AWS baseline (GetDefaultPatchBaseline
 * and GetPatchBaselineForPatchGroup before a custom one is registered, RegisterDefaultPatchBaseline with an
 * AWS baseline's ARN) answer 501. There are no managed nodes, so DescribePatchGroupState is all zeros.
 * Quotas: 50 baselines per account and Region, 25 patch groups per baseline.
 */
final class PatchBaselines {
    static final int MAX_BASELINES = 50;
    static final int MAX_GROUPS = 25;

    private final SsmState state;

    PatchBaselines(SsmState state) {
        this.state = state;
    }

    public CreatePatchBaselineResponse createPatchBaseline(CreatePatchBaselineRequest r) {
        MaintenanceStore store = store();
        Object request = r.toBuilder().clientToken("").build();
        String existing = MaintenanceWindows.idempotent(store, "baseline", r.clientToken(), request);
        if (existing != null) {
            return CreatePatchBaselineResponse.builder().baselineId(existing).build();
        }
        if (store.baselines.size() >= MAX_BASELINES) {
            throw MaintenanceWindows.limit("You have exceeded the maximum number of patch baselines ("
                    + MAX_BASELINES + ") for this account and Region.");
        }
        MaintenanceWindows.tagCount(r.hasTags() ? r.tags().size() : 0);
        String os = r.operatingSystem() == null ? "WINDOWS" : r.operatingSystemAsString();
        Instant now = state.now();
        GetPatchBaselineResponse b = GetPatchBaselineResponse.builder().baselineId(state.context.ids().next("pb"))
                .name(r.name()).operatingSystem(os).globalFilters(r.globalFilters()).approvalRules(r.approvalRules())
                .approvedPatches(r.hasApprovedPatches() ? r.approvedPatches() : List.of())
                .approvedPatchesComplianceLevel(r.approvedPatchesComplianceLevel() == null ? "UNSPECIFIED"
                        : r.approvedPatchesComplianceLevelAsString())
                .approvedPatchesEnableNonSecurity(r.approvedPatchesEnableNonSecurity() == null ? Boolean.FALSE
                        : r.approvedPatchesEnableNonSecurity())
                .rejectedPatches(r.hasRejectedPatches() ? r.rejectedPatches() : List.of())
                .rejectedPatchesAction(r.rejectedPatchesAction() == null ? "ALLOW_AS_DEPENDENCY"
                        : r.rejectedPatchesActionAsString())
                .patchGroups(List.of()).createdDate(now).modifiedDate(now).description(r.description())
                .sources(r.hasSources() ? r.sources() : List.of())
                .availableSecurityUpdatesComplianceStatus(r.availableSecurityUpdatesComplianceStatusAsString())
                .build();
        check(b);
        MaintenanceStore.Baseline baseline = new MaintenanceStore.Baseline(b);
        if (r.hasTags()) {
            r.tags().forEach(t -> baseline.tags.put(t.key(), t.value()));
        }
        store.register(state.context.registry(), baseline);
        store.baselines.put(b.baselineId(), baseline);
        MaintenanceWindows.remember(store, "baseline", r.clientToken(), b.baselineId(), request);
        store.revision++;
        return CreatePatchBaselineResponse.builder().baselineId(b.baselineId()).build();
    }

    public GetPatchBaselineResponse getPatchBaseline(GetPatchBaselineRequest r) {
        return baseline(store(), r.baselineId()).b;
    }

    public UpdatePatchBaselineResponse updatePatchBaseline(UpdatePatchBaselineRequest r) {
        MaintenanceStore store = store();
        MaintenanceStore.Baseline baseline = baseline(store, r.baselineId());
        GetPatchBaselineResponse old = baseline.b;
        boolean replace = Boolean.TRUE.equals(r.replace());
        if (replace && r.name() == null) {
            throw SsmErrors.validation("With Replace, Name is required.");
        }
        GetPatchBaselineResponse b = old.toBuilder().name(MaintenanceWindows.or(r.name(), old.name(), false))
                .globalFilters(MaintenanceWindows.or(r.globalFilters(), old.globalFilters(), replace))
                .approvalRules(MaintenanceWindows.or(r.approvalRules(), old.approvalRules(), replace))
                .approvedPatches(r.hasApprovedPatches() ? r.approvedPatches()
                        : replace ? List.of() : old.approvedPatches())
                .approvedPatchesComplianceLevel(r.approvedPatchesComplianceLevel() != null
                        ? r.approvedPatchesComplianceLevelAsString()
                        : replace ? "UNSPECIFIED" : old.approvedPatchesComplianceLevelAsString())
                .approvedPatchesEnableNonSecurity(r.approvedPatchesEnableNonSecurity() != null
                        ? r.approvedPatchesEnableNonSecurity()
                        : replace ? Boolean.FALSE : old.approvedPatchesEnableNonSecurity())
                .rejectedPatches(r.hasRejectedPatches() ? r.rejectedPatches()
                        : replace ? List.of() : old.rejectedPatches())
                .rejectedPatchesAction(r.rejectedPatchesAction() != null ? r.rejectedPatchesActionAsString()
                        : replace ? "ALLOW_AS_DEPENDENCY" : old.rejectedPatchesActionAsString())
                .description(MaintenanceWindows.or(r.description(), old.description(), replace))
                .sources(r.hasSources() ? r.sources() : replace ? List.of() : old.sources())
                .availableSecurityUpdatesComplianceStatus(MaintenanceWindows.or(
                        r.availableSecurityUpdatesComplianceStatusAsString(),
                        old.availableSecurityUpdatesComplianceStatusAsString(), replace))
                .modifiedDate(state.now()).build();
        check(b);
        baseline.b = b;
        store.revision++;
        return UpdatePatchBaselineResponse.builder().baselineId(b.baselineId()).name(b.name())
                .operatingSystem(b.operatingSystem()).globalFilters(b.globalFilters()).approvalRules(b.approvalRules())
                .approvedPatches(b.approvedPatches()).approvedPatchesComplianceLevel(b.approvedPatchesComplianceLevel())
                .approvedPatchesEnableNonSecurity(b.approvedPatchesEnableNonSecurity())
                .rejectedPatches(b.rejectedPatches()).rejectedPatchesAction(b.rejectedPatchesAction())
                .createdDate(b.createdDate()).modifiedDate(b.modifiedDate()).description(b.description())
                .sources(b.sources())
                .availableSecurityUpdatesComplianceStatus(b.availableSecurityUpdatesComplianceStatus()).build();
    }

    public DeletePatchBaselineResponse deletePatchBaseline(DeletePatchBaselineRequest r) {
        MaintenanceStore store = store();
        String id = idOf(store, r.baselineId());
        MaintenanceStore.Baseline baseline = store.baselines.get(id);
        if (baseline == null) {
            return DeletePatchBaselineResponse.builder().baselineId(r.baselineId()).build();
        }
        if (!baseline.b.patchGroups().isEmpty()) {
            throw ModeledErrors.of(ResourceInUseException.class, "Patch baseline " + id + " is registered with"
                    + " patch groups " + baseline.b.patchGroups() + ". Deregister it from them, and try again.");
        }
        if (store.defaults.containsValue(id)) {
            throw ModeledErrors.of(ResourceInUseException.class, "Patch baseline " + id + " is the default patch"
                    + " baseline for " + baseline.b.operatingSystemAsString() + ". Register another default, and"
                    + " try again.");
        }
        store.baselines.remove(id);
        baseline.tags.detach();
        MaintenanceWindows.forget(store, Set.of(id));
        store.revision++;
        return DeletePatchBaselineResponse.builder().baselineId(id).build();
    }

    public DescribePatchBaselinesResponse describePatchBaselines(DescribePatchBaselinesRequest r) {
        MaintenanceStore store = store();
        Map<String, List<String>> filters = filters(r.hasFilters() ? r.filters() : List.of(),
                Set.of("NAME_PREFIX", "OWNER", "OPERATING_SYSTEM"));
        List<PatchBaselineIdentity> all = new ArrayList<>();
        for (MaintenanceStore.Baseline baseline : store.baselines.values()) {
            GetPatchBaselineResponse b = baseline.b;
            List<String> prefixes = filters.get("NAME_PREFIX");
            List<String> owners = filters.get("OWNER");
            List<String> systems = filters.get("OPERATING_SYSTEM");
            if (prefixes != null && prefixes.stream().noneMatch(b.name()::startsWith)
                    || owners != null && !owners.contains("Self")
                    || systems != null && !systems.contains(b.operatingSystemAsString())) {
                continue;
            }
            all.add(identity(store, b));
        }
        MaintenanceWindows.Page<PatchBaselineIdentity> page = MaintenanceWindows.page("baselines", all,
                r.maxResults(), r.nextToken());
        return DescribePatchBaselinesResponse.builder().baselineIdentities(page.items()).nextToken(page.next())
                .build();
    }

    public GetDefaultPatchBaselineResponse getDefaultPatchBaseline(GetDefaultPatchBaselineRequest r) {
        String os = r.operatingSystem() == null ? "WINDOWS" : r.operatingSystemAsString();
        String id = store().defaults.get(os);
        if (id == null) {
            throw awsBaseline("GetDefaultPatchBaseline for " + os);
        }
        return GetDefaultPatchBaselineResponse.builder().baselineId(id).operatingSystem(os).build();
    }

    public RegisterDefaultPatchBaselineResponse registerDefaultPatchBaseline(RegisterDefaultPatchBaselineRequest r) {
        MaintenanceStore store = store();
        if (r.baselineId().startsWith("arn:") && !ownArn(store, r.baselineId())) {
            throw awsBaseline("RegisterDefaultPatchBaseline with the ARN of a baseline AWS provides");
        }
        MaintenanceStore.Baseline baseline = baseline(store, r.baselineId());
        store.defaults.put(baseline.b.operatingSystemAsString(), baseline.b.baselineId());
        store.revision++;
        return RegisterDefaultPatchBaselineResponse.builder().baselineId(baseline.b.baselineId()).build();
    }

    public RegisterPatchBaselineForPatchGroupResponse registerPatchBaselineForPatchGroup(
            RegisterPatchBaselineForPatchGroupRequest r) {
        MaintenanceStore store = store();
        MaintenanceStore.Baseline baseline = baseline(store, r.baselineId());
        String os = baseline.b.operatingSystemAsString();
        for (MaintenanceStore.Baseline other : store.baselines.values()) {
            if (other.b.operatingSystemAsString().equals(os) && other.b.patchGroups().contains(r.patchGroup())) {
                throw ModeledErrors.of(AlreadyExistsException.class, "Patch Group " + r.patchGroup() + " already"
                        + " has a patch baseline registered for operating system " + os + ": "
                        + other.b.baselineId() + ".");
            }
        }
        if (baseline.b.patchGroups().size() >= MAX_GROUPS) {
            throw MaintenanceWindows.limit("You have exceeded the maximum number of patch groups (" + MAX_GROUPS
                    + ") for patch baseline " + baseline.b.baselineId() + ".");
        }
        List<String> groups = new ArrayList<>(baseline.b.patchGroups());
        groups.add(r.patchGroup());
        baseline.b = baseline.b.toBuilder().patchGroups(groups).build();
        store.revision++;
        return RegisterPatchBaselineForPatchGroupResponse.builder().baselineId(baseline.b.baselineId())
                .patchGroup(r.patchGroup()).build();
    }

    public DeregisterPatchBaselineForPatchGroupResponse deregisterPatchBaselineForPatchGroup(
            DeregisterPatchBaselineForPatchGroupRequest r) {
        MaintenanceStore store = store();
        MaintenanceStore.Baseline baseline = store.baselines.get(idOf(store, r.baselineId()));
        if (baseline == null || !baseline.b.patchGroups().contains(r.patchGroup())) {
            throw SsmErrors.invalidResourceId();
        }
        List<String> groups = new ArrayList<>(baseline.b.patchGroups());
        groups.remove(r.patchGroup());
        baseline.b = baseline.b.toBuilder().patchGroups(groups).build();
        store.revision++;
        return DeregisterPatchBaselineForPatchGroupResponse.builder().baselineId(baseline.b.baselineId())
                .patchGroup(r.patchGroup()).build();
    }

    public GetPatchBaselineForPatchGroupResponse getPatchBaselineForPatchGroup(GetPatchBaselineForPatchGroupRequest r) {
        MaintenanceStore store = store();
        String os = r.operatingSystem() == null ? "WINDOWS" : r.operatingSystemAsString();
        String id = store.baselines.values().stream().filter(b -> b.b.operatingSystemAsString().equals(os)
                && b.b.patchGroups().contains(r.patchGroup())).map(b -> b.b.baselineId()).findFirst()
                .orElse(store.defaults.get(os));
        if (id == null) {
            throw awsBaseline("GetPatchBaselineForPatchGroup for a patch group without a " + os + " baseline");
        }
        return GetPatchBaselineForPatchGroupResponse.builder().baselineId(id).patchGroup(r.patchGroup())
                .operatingSystem(os).build();
    }

    public DescribePatchGroupsResponse describePatchGroups(DescribePatchGroupsRequest r) {
        MaintenanceStore store = store();
        Map<String, List<String>> filters = filters(r.hasFilters() ? r.filters() : List.of(),
                Set.of("NAME_PREFIX", "OPERATING_SYSTEM"));
        List<PatchGroupPatchBaselineMapping> all = new ArrayList<>();
        for (MaintenanceStore.Baseline baseline : store.baselines.values()) {
            List<String> systems = filters.get("OPERATING_SYSTEM");
            if (systems != null && !systems.contains(baseline.b.operatingSystemAsString())) {
                continue;
            }
            for (String group : baseline.b.patchGroups()) {
                List<String> prefixes = filters.get("NAME_PREFIX");
                if (prefixes == null || prefixes.stream().anyMatch(group::startsWith)) {
                    all.add(PatchGroupPatchBaselineMapping.builder().patchGroup(group)
                            .baselineIdentity(identity(store, baseline.b)).build());
                }
            }
        }
        all.sort(java.util.Comparator.comparing(PatchGroupPatchBaselineMapping::patchGroup));
        MaintenanceWindows.Page<PatchGroupPatchBaselineMapping> page = MaintenanceWindows.page("patch-groups", all,
                r.maxResults(), r.nextToken());
        return DescribePatchGroupsResponse.builder().mappings(page.items()).nextToken(page.next()).build();
    }

    /** No managed node reports patch compliance to Gureum: every count is zero. */
    public DescribePatchGroupStateResponse describePatchGroupState(DescribePatchGroupStateRequest r) {
        return DescribePatchGroupStateResponse.builder().instances(0).instancesWithInstalledPatches(0)
                .instancesWithInstalledOtherPatches(0).instancesWithInstalledPendingRebootPatches(0)
                .instancesWithInstalledRejectedPatches(0).instancesWithMissingPatches(0).instancesWithFailedPatches(0)
                .instancesWithNotApplicablePatches(0).instancesWithUnreportedNotApplicablePatches(0)
                .instancesWithCriticalNonCompliantPatches(0).instancesWithSecurityNonCompliantPatches(0)
                .instancesWithOtherNonCompliantPatches(0).instancesWithAvailableSecurityUpdates(0).build();
    }

    // ---------------------------------------------------------------------------------------------

    private MaintenanceStore store() {
        RequestContext ctx = RequestContext.current();
        return state.maintenance.get(ctx.accountId(), ctx.region());
    }

    static Arn arn(MaintenanceStore store, String id) {
        return Arn.of("ssm", store.region, store.account, "patchbaseline/" + id);
    }

    private static boolean ownArn(MaintenanceStore store, String arn) {
        return arn.startsWith("arn:aws:ssm:" + store.region + ":" + store.account + ":patchbaseline/");
    }

    /** A baseline ID, or the ARN of one of the account's baselines, as its ID. */
    private static String idOf(MaintenanceStore store, String idOrArn) {
        return ownArn(store, idOrArn) ? idOrArn.substring(idOrArn.indexOf('/') + 1) : idOrArn;
    }

    private static MaintenanceStore.Baseline baseline(MaintenanceStore store, String idOrArn) {
        MaintenanceStore.Baseline b = store.baselines.get(idOf(store, idOrArn));
        if (b == null) {
            throw MaintenanceWindows.doesNotExist("Patch Baseline " + idOrArn + " does not exist.");
        }
        return b;
    }

    private static PatchBaselineIdentity identity(MaintenanceStore store, GetPatchBaselineResponse b) {
        return PatchBaselineIdentity.builder().baselineId(b.baselineId()).baselineName(b.name())
                .operatingSystem(b.operatingSystem()).baselineDescription(b.description())
                .defaultBaseline(b.baselineId().equals(store.defaults.get(b.operatingSystemAsString()))).build();
    }

    private static RuntimeException awsBaseline(String what) {
        return CommonErrors.notImplemented("ssm", what + ": Gureum does not serve the patch baselines AWS provides"
                + " (their IDs are not public data); register a custom baseline as the default first");
    }

    private static Map<String, List<String>> filters(List<PatchOrchestratorFilter> given, Set<String> keys) {
        Map<String, List<String>> filters = new java.util.LinkedHashMap<>();
        for (PatchOrchestratorFilter f : given) {
            if (!keys.contains(f.key())) {
                throw SsmErrors.validation("Filter key " + f.key() + " is not supported. Supported keys: "
                        + keys.stream().sorted().toList() + ".");
            }
            filters.computeIfAbsent(f.key(), k -> new ArrayList<>()).addAll(f.hasValues() ? f.values() : List.of());
        }
        return filters;
    }

    /**
     * The patch filter keys each operating system takes (DescribePatchProperties' list, with PATCH_SET and
     * PATCH_ID for Windows and SECTION for the Debian family, as DescribeAvailablePatches documents them).
     */
    static Set<String> filterKeys(String os) {
        return switch (os) {
            case "WINDOWS" -> Set.of("PATCH_SET", "PRODUCT", "PRODUCT_FAMILY", "CLASSIFICATION", "MSRC_SEVERITY",
                    "PATCH_ID");
            case "UBUNTU", "DEBIAN", "RASPBIAN" -> Set.of("PRODUCT", "PRIORITY", "SECTION");
            case "MACOS" -> Set.of("PRODUCT", "CLASSIFICATION");
            default -> Set.of("PRODUCT", "CLASSIFICATION", "SEVERITY");
        };
    }

    /** Filters valid for the operating system, rules with one way of approving, Sources for Linux only. */
    private static void check(GetPatchBaselineResponse b) {
        String os = b.operatingSystemAsString();
        if (b.globalFilters() != null) {
            checkFilters(b.globalFilters(), os);
        }
        if (b.approvalRules() != null && b.approvalRules().hasPatchRules()) {
            for (PatchRule rule : b.approvalRules().patchRules()) {
                checkFilters(rule.patchFilterGroup(), os);
                if (rule.approveAfterDays() != null && rule.approveUntilDate() != null) {
                    throw SsmErrors.validation("A patch rule can have ApproveAfterDays or ApproveUntilDate, not"
                            + " both.");
                }
                if (rule.approveUntilDate() != null) {
                    try {
                        LocalDate.parse(rule.approveUntilDate());
                    } catch (DateTimeParseException e) {
                        throw SsmErrors.validation("ApproveUntilDate " + rule.approveUntilDate() + " is not a date"
                                + " in the format YYYY-MM-DD.");
                    }
                }
                if (Boolean.TRUE.equals(rule.enableNonSecurity()) && os.equals("WINDOWS")) {
                    throw SsmErrors.validation("EnableNonSecurity applies to Linux operating systems only.");
                }
            }
        }
        if (b.hasSources() && !b.sources().isEmpty() && (os.equals("WINDOWS") || os.equals("MACOS"))) {
            throw SsmErrors.validation("Sources apply to Linux operating systems only, not " + os + ".");
        }
    }

    private static void checkFilters(PatchFilterGroup group, String os) {
        Set<String> keys = filterKeys(os);
        Set<String> seen = new HashSet<>();
        for (PatchFilter f : group.hasPatchFilters() ? group.patchFilters() : List.<PatchFilter>of()) {
            String key = f.keyAsString();
            if (!keys.contains(key)) {
                throw SsmErrors.validation("Patch filter key " + key + " is not supported for operating system " + os
                        + ". Supported keys: " + keys.stream().sorted().toList() + ".");
            }
            if (!seen.add(key)) {
                throw SsmErrors.validation("Patch filter key " + key + " appears more than once in a filter group.");
            }
        }
    }
}
