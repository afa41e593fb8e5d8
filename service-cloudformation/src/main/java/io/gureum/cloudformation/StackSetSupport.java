package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.stackset.OperationRunner;
import io.gureum.cloudformation.stackset.Orgs;
import io.gureum.cloudformation.stackset.StackInstanceRecord;
import io.gureum.cloudformation.stackset.StackSetOperationRecord;
import io.gureum.cloudformation.stackset.StackSetRecord;
import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.DeploymentTargets;
import software.amazon.awssdk.services.cloudformation.model.OperationInProgressException;
import software.amazon.awssdk.services.cloudformation.model.OperationNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.StackInstance;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceComprehensiveStatus;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSetNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationPreferences;

/** What the stack set providers share: finding stack sets and operations, and starting an operation. */
final class StackSetSupport {
    final Engine engine;
    final StackLookup lookup;
    final OperationRunner runner;
    final Orgs orgs;

    StackSetSupport(Engine engine, StackLookup lookup, OperationRunner runner, Orgs orgs) {
        this.engine = engine;
        this.lookup = lookup;
        this.runner = runner;
        this.orgs = orgs;
    }

    /**
     * The caller may operate a service-managed stack set: the organization's management account (CallAs SELF) or
     * a registered delegated administrator (CallAs DELEGATED_ADMIN), with StackSets' trusted access activated,
     * refused with AWS's ValidationErrors otherwise. Answers the management account.
     */
    String requireOrganizationAdmin(String callAs) {
        RequestContext rc = RequestContext.current();
        String management = orgs.managementAccount(rc.accountId(), rc.region());
        if ("DELEGATED_ADMIN".equals(callAs)) {
            OrganizationsAccess.requireDelegatedAdministrator(orgs, rc);
        } else if (!rc.accountId().equals(management)) {
            throw TemplateError.validation("You must be the management account or delegated admin account of an"
                    + " organization before operating a SERVICE_MANAGED stack set");
        }
        if (!orgs.trusted(rc.accountId(), rc.region())) {
            throw TemplateError.validation("You must enable organizations access to operate a service managed"
                    + " stack set");
        }
        return management;
    }

    /**
     * The accounts a service-managed stack set's DeploymentTargets name, each with the OU it is targeted through
     * (null for an account UNION adds): every account under the OUs, recursively, filtered by
     * {@code AccountFilterType} with {@code Accounts} (API_DeploymentTargets: NONE deploys to every account of the
     * OUs, INTERSECTION only to those listed, DIFFERENCE to all but those listed, UNION to both).
     */
    Map<String, String> organizationTargets(String management, DeploymentTargets targets, Set<String> excluded) {
        if (targets == null || !targets.hasOrganizationalUnitIds() || targets.organizationalUnitIds().isEmpty()) {
            throw TemplateError.validation("OrganizationalUnitIds are required in DeploymentTargets for stack sets"
                    + " with SERVICE_MANAGED permission model");
        }
        RequestContext rc = RequestContext.current();
        Map<String, String> under = new LinkedHashMap<>();
        for (String ou : targets.organizationalUnitIds()) {
            orgs.accountsUnder(rc.accountId(), rc.region(), ou, management).forEach(a -> under.putIfAbsent(a, ou));
        }
        Map<String, String> out = filter(under, targets);
        under.keySet().stream().filter(a -> !out.containsKey(a)).forEach(excluded::add);
        excluded.removeAll(out.keySet());
        return out;
    }

    static Map<String, String> filter(Map<String, String> under, DeploymentTargets targets) {
        List<String> listed = targets.hasAccounts() ? targets.accounts() : List.of();
        String type = targets.accountFilterTypeAsString() == null ? "NONE" : targets.accountFilterTypeAsString();
        Map<String, String> out = new LinkedHashMap<>();
        switch (type) {
            case "INTERSECTION" -> under.forEach((a, ou) -> {
                if (listed.contains(a)) {
                    out.put(a, ou);
                }
            });
            case "DIFFERENCE" -> under.forEach((a, ou) -> {
                if (!listed.contains(a)) {
                    out.put(a, ou);
                }
            });
            case "UNION" -> {
                out.putAll(under);
                listed.forEach(a -> out.putIfAbsent(a, null));
            }
            default -> out.putAll(under);
        }
        return out;
    }

    /**
     * The instances of a service-managed stack set that DeploymentTargets name in {@code regions}: those targeted
     * through the OUs named (filtered by AccountFilterType), or those of the accounts named.
     */
    List<StackInstanceRecord> selected(StackSetRecord set, DeploymentTargets targets, List<String> regions) {
        if (targets == null) {
            throw TemplateError.validation("DeploymentTargets should be specified for stack sets with"
                    + " SERVICE_MANAGED permission model");
        }
        List<String> ous = targets.hasOrganizationalUnitIds() ? targets.organizationalUnitIds() : List.of();
        List<String> listed = targets.hasAccounts() ? targets.accounts() : List.of();
        Map<String, String> byOu = new LinkedHashMap<>();
        for (StackInstanceRecord i : set.instances.values()) {
            if (i.organizationalUnitId != null && ous.contains(i.organizationalUnitId)) {
                byOu.putIfAbsent(i.account, i.organizationalUnitId);
            }
        }
        Map<String, String> accounts = ous.isEmpty() ? new LinkedHashMap<>() : filter(byOu, targets);
        if (ous.isEmpty()) {
            listed.forEach(a -> accounts.put(a, null));
        }
        List<StackInstanceRecord> out = new ArrayList<>();
        for (StackInstanceRecord i : set.instances.values()) {
            if (accounts.containsKey(i.account) && regions.contains(i.region)) {
                out.add(i);
            }
        }
        return out;
    }

    /** The stack set by name (a live one) or id (deleted ones too), or null. */
    StackSetRecord find(String nameOrId) {
        CloudFormationState.Region region = lookup.region();
        StackSetRecord byId = region.stackSets.get(nameOrId);
        if (byId != null) {
            return byId;
        }
        return region.stackSets.values().stream().filter(s -> !s.deleted() && s.name.equals(nameOrId)).findFirst()
                .orElse(null);
    }

    /** The stack set; {@code StackSetNotFoundException} "StackSet X not found" as AWS words it. */
    StackSetRecord require(String nameOrId) {
        StackSetRecord set = find(nameOrId);
        if (set == null) {
            throw ModeledErrors.of(StackSetNotFoundException.class, "StackSet " + nameOrId + " not found");
        }
        return set;
    }

    /** A live stack set with no operation running: the precondition of every operation that changes it. */
    StackSetRecord requireIdle(String nameOrId) {
        StackSetRecord set = require(nameOrId);
        if (set.deleted()) {
            throw ModeledErrors.of(StackSetNotFoundException.class, "StackSet " + nameOrId + " not found");
        }
        if (set.busy() != null) {
            throw ModeledErrors.of(OperationInProgressException.class, "Another Operation on StackSet " + set.arn
                    + " is in progress");
        }
        return set;
    }

    StackSetOperationRecord operation(StackSetRecord set, String operationId) {
        StackSetOperationRecord op = set.operations.get(operationId);
        if (op == null) {
            throw ModeledErrors.of(OperationNotFoundException.class, "Operation " + operationId + " not found");
        }
        return op;
    }

    StackInstanceRecord instance(StackSetRecord set, String account, String region) {
        StackInstanceRecord instance = set.instances.get(StackSetRecord.key(account, region));
        if (instance == null) {
            throw ModeledErrors.of(StackInstanceNotFoundException.class, "Stack instance [" + account + ", " + region
                    + "] not found in StackSet " + set.name);
        }
        return instance;
    }

    /** The preferences' conflicting members refused, as the API reference's "Conditional" notes require. */
    static void checkPreferences(StackSetOperationPreferences p) {
        if (p == null) {
            return;
        }
        if (p.failureToleranceCount() != null && p.failureTolerancePercentage() != null) {
            throw TemplateError.validation("FailureToleranceCount and FailureTolerancePercentage cannot both be"
                    + " specified");
        }
        if (p.maxConcurrentCount() != null && p.maxConcurrentPercentage() != null) {
            throw TemplateError.validation("MaxConcurrentCount and MaxConcurrentPercentage cannot both be specified");
        }
    }

    /** The regions named, each checked against the server's topology. */
    List<String> regions(List<String> regions) {
        Set<String> out = new LinkedHashSet<>();
        for (String r : regions) {
            if (!engine.context().topology().isValidRegion(r)) {
                throw TemplateError.validation("Region " + r + " is not supported");
            }
            out.add(r);
        }
        if (out.isEmpty()) {
            throw TemplateError.validation("Regions should not be empty");
        }
        return new ArrayList<>(out);
    }

    /**
     * Records a new operation of {@code set} and starts it over {@code targets}; a retried request with the
     * same OperationId (the SDK's idempotency token) answers the operation it already started.
     */
    String start(StackSetRecord set, String operationId, String action, StackSetOperationPreferences preferences,
            Boolean retainStacks, List<OperationRunner.Target> targets) {
        String id = operationId != null ? operationId : engine.context().ids().requestId();
        StackSetOperationRecord op = new StackSetOperationRecord(id, action, engine.context().clock().now(),
                preferences);
        op.retainStacks = retainStacks;
        op.administrationRoleArn = set.administrationRoleArn;
        op.executionRoleName = set.executionRoleName;
        set.operations.put(id, op);
        runner.start(set, op, targets);
        return id;
    }

    /**
     * The stack set's drift as of its last DetectStackSetDrift (StackSetDriftDetectionDetails): DRIFTED when an
     * instance drifted, IN_SYNC when all were checked in sync, NOT_CHECKED before any detection.
     */
    static software.amazon.awssdk.services.cloudformation.model.StackSetDriftDetectionDetails drift(
            StackSetRecord set) {
        var b = software.amazon.awssdk.services.cloudformation.model.StackSetDriftDetectionDetails.builder();
        if (set.lastDriftCheck == null) {
            return b.driftStatus("NOT_CHECKED").build();
        }
        long drifted = set.instances.values().stream().filter(i -> i.driftStatus.equals("DRIFTED")).count();
        long inSync = set.instances.values().stream().filter(i -> i.driftStatus.equals("IN_SYNC")).count();
        long failed = set.instances.values().stream().filter(i -> i.driftStatus.equals("NOT_CHECKED")).count();
        StackSetOperationRecord last = set.operations.values().stream().filter(o -> o.action.equals("DETECT_DRIFT"))
                .reduce((x, y) -> y).orElse(null);
        String detection = last == null || last.active() ? "IN_PROGRESS" : last.status.equals("SUCCEEDED")
                ? failed > 0 ? "PARTIAL_SUCCESS" : "COMPLETED" : "FAILED";
        return b.driftStatus(drifted > 0 ? "DRIFTED" : "IN_SYNC").driftDetectionStatus(detection)
                .lastDriftCheckTimestamp(set.lastDriftCheck).totalStackInstancesCount(set.instances.size())
                .driftedStackInstancesCount((int) drifted).inSyncStackInstancesCount((int) inSync)
                .inProgressStackInstancesCount(0).failedStackInstancesCount((int) failed).build();
    }

    /** Whether {@code operationId} was already used on {@code set} (a retry). */
    static boolean retried(StackSetRecord set, String operationId) {
        return operationId != null && set.operations.containsKey(operationId);
    }

    static StackInstanceComprehensiveStatus detailed(StackInstanceRecord i) {
        return StackInstanceComprehensiveStatus.builder().detailedStatus(i.detailedStatus).build();
    }

    static StackInstance view(StackSetRecord set, StackInstanceRecord i) {
        return StackInstance.builder().stackSetId(set.stackSetId).account(i.account).region(i.region)
                .stackId(i.stackId).parameterOverrides(i.parameterOverrides).status(i.status)
                .organizationalUnitId(i.organizationalUnitId)
                .stackInstanceStatus(detailed(i)).statusReason(i.statusReason).driftStatus(i.driftStatus)
                .lastDriftCheckTimestamp(i.lastDriftCheck).lastOperationId(i.lastOperationId).build();
    }

    static StackInstanceSummary summary(StackSetRecord set, StackInstanceRecord i) {
        return StackInstanceSummary.builder().stackSetId(set.stackSetId).account(i.account).region(i.region)
                .stackId(i.stackId).status(i.status).stackInstanceStatus(detailed(i)).statusReason(i.statusReason)
                .organizationalUnitId(i.organizationalUnitId)
                .driftStatus(i.driftStatus).lastDriftCheckTimestamp(i.lastDriftCheck).lastOperationId(i.lastOperationId)
                .build();
    }
}
