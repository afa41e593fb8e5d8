package io.gureum.cloudformation.stackset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationPreferences;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * A stack set as recorded for {@code --data-dir}, with its instances and operations, in plain values (the SDK's
 * model classes are not JSON beans). An operation a restart interrupted cannot go on: accounts not started are
 * CANCELLED, those running FAILED, and the operation FAILED (STOPPED if it was stopping).
 */
public final class StackSetRecords {
    public static final String KIND = "stackset";

    private StackSetRecords() {
    }

    public record ParameterData(String key, String value, Boolean usePreviousValue) {
        static ParameterData of(Parameter p) {
            return new ParameterData(p.parameterKey(), p.parameterValue(), p.usePreviousValue());
        }

        Parameter toSdk() {
            return Parameter.builder().parameterKey(key).parameterValue(value).usePreviousValue(usePreviousValue)
                    .build();
        }
    }

    public record PreferencesData(String regionConcurrencyType, List<String> regionOrder,
            Integer failureToleranceCount, Integer failureTolerancePercentage, Integer maxConcurrentCount,
            Integer maxConcurrentPercentage, String concurrencyMode) {
        static PreferencesData of(StackSetOperationPreferences p) {
            return p == null ? null : new PreferencesData(p.regionConcurrencyTypeAsString(),
                    p.hasRegionOrder() ? p.regionOrder() : null, p.failureToleranceCount(),
                    p.failureTolerancePercentage(), p.maxConcurrentCount(), p.maxConcurrentPercentage(),
                    p.concurrencyModeAsString());
        }

        StackSetOperationPreferences toSdk() {
            return StackSetOperationPreferences.builder().regionConcurrencyType(regionConcurrencyType)
                    .regionOrder(regionOrder).failureToleranceCount(failureToleranceCount)
                    .failureTolerancePercentage(failureTolerancePercentage).maxConcurrentCount(maxConcurrentCount)
                    .maxConcurrentPercentage(maxConcurrentPercentage).concurrencyMode(concurrencyMode).build();
        }
    }

    public record InstanceData(String account, String region, String stackId, String status, String detailedStatus,
            String statusReason, List<ParameterData> overrides, String lastOperationId, String organizationalUnitId,
            String driftStatus, Instant lastDriftCheck) {
    }

    public record ResultData(String account, String region, String status, String statusReason) {
    }

    public record OperationData(String operationId, String action, Instant creationTimestamp,
            PreferencesData preferences, String status, String statusReason, Instant endTimestamp,
            Boolean retainStacks, String administrationRoleArn, String executionRoleName, List<ResultData> results) {
    }

    public record StackSetData(String stackSetId, String name, String arn, String accountId, String region,
            String status, String description, String templateBody, List<ParameterData> parameters,
            List<String> capabilities, List<ParameterData> tags, String administrationRoleArn,
            String executionRoleName, String permissionModel, boolean managedExecution,
            List<InstanceData> instances, List<OperationData> operations, Boolean autoDeployment,
            Boolean retainStacksOnAccountRemoval, Map<String, List<String>> organizationalUnits,
            List<String> excludedAccounts, Instant lastDriftCheck) {
    }

    /** The record of {@code set} (the caller holds the state's lock). */
    public static StackSetData of(StackSetRecord set) {
        Map<String, List<String>> ous = new java.util.LinkedHashMap<>();
        set.organizationalUnits.forEach((ou, regions) -> ous.put(ou, List.copyOf(regions)));
        List<InstanceData> instances = new ArrayList<>();
        set.instances.values().forEach(i -> instances.add(new InstanceData(i.account, i.region, i.stackId, i.status,
                i.detailedStatus, i.statusReason, i.parameterOverrides.stream().map(ParameterData::of).toList(),
                i.lastOperationId, i.organizationalUnitId, i.driftStatus, i.lastDriftCheck)));
        List<OperationData> operations = new ArrayList<>();
        set.operations.values().forEach(o -> operations.add(new OperationData(o.operationId, o.action,
                o.creationTimestamp, PreferencesData.of(o.preferences), o.status, o.statusReason, o.endTimestamp,
                o.retainStacks, o.administrationRoleArn, o.executionRoleName, o.results.values().stream()
                        .map(r -> new ResultData(r.account, r.region, r.status, r.statusReason)).toList())));
        return new StackSetData(set.stackSetId, set.name, set.arn, set.accountId, set.region, set.status,
                set.description, set.templateBody, set.parameters.stream().map(ParameterData::of).toList(),
                set.capabilities, set.tags.stream().map(t -> new ParameterData(t.key(), t.value(), null)).toList(),
                set.administrationRoleArn, set.executionRoleName, set.permissionModel, set.managedExecution,
                instances, operations, set.autoDeployment, set.retainStacksOnAccountRemoval, ous,
                List.copyOf(set.excludedAccounts), set.lastDriftCheck);
    }

    public static StackSetRecord restore(StackSetData d, Instant now) {
        StackSetRecord set = new StackSetRecord(d.stackSetId(), d.name(), d.arn(), d.accountId(), d.region());
        set.status = d.status();
        set.description = d.description();
        set.templateBody = d.templateBody();
        set.parameters = new ArrayList<>(d.parameters().stream().map(ParameterData::toSdk).toList());
        set.capabilities = new ArrayList<>(d.capabilities());
        set.tags = new ArrayList<>(d.tags().stream().map(t -> Tag.builder().key(t.key()).value(t.value()).build())
                .toList());
        set.administrationRoleArn = d.administrationRoleArn();
        set.executionRoleName = d.executionRoleName();
        set.permissionModel = d.permissionModel();
        set.managedExecution = d.managedExecution();
        set.autoDeployment = Boolean.TRUE.equals(d.autoDeployment());
        set.retainStacksOnAccountRemoval = Boolean.TRUE.equals(d.retainStacksOnAccountRemoval());
        set.lastDriftCheck = d.lastDriftCheck();
        if (d.excludedAccounts() != null) {
            set.excludedAccounts.addAll(d.excludedAccounts());
        }
        if (d.organizationalUnits() != null) {
            d.organizationalUnits().forEach((ou, regions) -> set.organizationalUnits.put(ou,
                    new java.util.LinkedHashSet<>(regions)));
        }
        String reason = "Gureum restarted during the operation";
        for (InstanceData i : d.instances()) {
            StackInstanceRecord r = new StackInstanceRecord(i.account(), i.region());
            r.stackId = i.stackId();
            r.status = i.status();
            r.detailedStatus = i.detailedStatus();
            r.statusReason = i.statusReason();
            r.parameterOverrides = new ArrayList<>(i.overrides().stream().map(ParameterData::toSdk).toList());
            r.lastOperationId = i.lastOperationId();
            r.organizationalUnitId = i.organizationalUnitId();
            r.driftStatus = i.driftStatus() == null ? "NOT_CHECKED" : i.driftStatus();
            r.lastDriftCheck = i.lastDriftCheck();
            if (r.detailedStatus.equals("RUNNING") || r.detailedStatus.equals("PENDING")) {
                r.detailedStatus = r.detailedStatus.equals("RUNNING") ? "FAILED" : "CANCELLED";
                r.statusReason = reason;
            }
            set.instances.put(StackSetRecord.key(r.account, r.region), r);
        }
        for (OperationData o : d.operations()) {
            StackSetOperationRecord op = new StackSetOperationRecord(o.operationId(), o.action(), o.creationTimestamp(),
                    o.preferences() == null ? null : o.preferences().toSdk());
            op.status = o.status();
            op.statusReason = o.statusReason();
            op.endTimestamp = o.endTimestamp();
            op.retainStacks = o.retainStacks();
            op.administrationRoleArn = o.administrationRoleArn();
            op.executionRoleName = o.executionRoleName();
            for (ResultData rd : o.results()) {
                StackSetOperationRecord.Result r = new StackSetOperationRecord.Result(rd.account(), rd.region());
                r.status = rd.status();
                r.statusReason = rd.statusReason();
                if (op.active() && (r.status.equals("RUNNING") || r.status.equals("PENDING"))) {
                    r.status = r.status.equals("RUNNING") ? "FAILED" : "CANCELLED";
                    r.statusReason = reason;
                }
                op.results.put(StackSetRecord.key(r.account, r.region), r);
            }
            if (op.active()) {
                op.status = op.status.equals("STOPPING") ? "STOPPED" : "FAILED";
                op.statusReason = reason;
                op.endTimestamp = now;
            }
            set.operations.put(op.operationId, op);
        }
        return set;
    }
}
