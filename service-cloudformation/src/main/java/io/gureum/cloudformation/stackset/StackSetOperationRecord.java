package io.gureum.cloudformation.stackset;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.model.DeploymentTargets;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationPreferences;

/**
 * One stack set operation (CREATE, UPDATE or DELETE) with its per-instance results. {@code status} moves
 * RUNNING → SUCCEEDED / FAILED, or STOPPING → STOPPED after StopStackSetOperation. Guarded by the state's lock.
 */
public final class StackSetOperationRecord {
    public final String operationId;
    public final String action;
    public final Instant creationTimestamp;
    public final StackSetOperationPreferences preferences;
    public String status = "RUNNING";
    public String statusReason;
    public Instant endTimestamp;
    public Boolean retainStacks;
    public String administrationRoleArn;
    public String executionRoleName;
    public DeploymentTargets deploymentTargets;
    /** The result of each account and Region, in the order they are deployed. */
    public final Map<String, Result> results = new LinkedHashMap<>();

    public StackSetOperationRecord(String operationId, String action, Instant creationTimestamp,
            StackSetOperationPreferences preferences) {
        this.operationId = operationId;
        this.action = action;
        this.creationTimestamp = creationTimestamp;
        this.preferences = preferences;
    }

    public boolean active() {
        return status.equals("RUNNING") || status.equals("STOPPING") || status.equals("QUEUED");
    }

    public long failed() {
        return results.values().stream().filter(r -> r.status.equals("FAILED")).count();
    }

    /** One account and Region's outcome: PENDING, RUNNING, SUCCEEDED, FAILED or CANCELLED. */
    public static final class Result {
        public final String account;
        public final String region;
        public String status = "PENDING";
        public String statusReason;

        public Result(String account, String region) {
            this.account = account;
            this.region = region;
        }
    }
}
