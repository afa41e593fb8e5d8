package io.gureum.cloudformation.stackset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/** A stack set of the administrator's account and Region. Guarded by the state's lock. */
public final class StackSetRecord {
    public final String stackSetId;
    public final String name;
    public final String arn;
    public final String accountId;
    public final String region;
    public String status = "ACTIVE";
    public String description;
    public String templateBody;
    public List<Parameter> parameters = new ArrayList<>();
    public List<String> capabilities = new ArrayList<>();
    public List<Tag> tags = new ArrayList<>();
    public String administrationRoleArn;
    public String executionRoleName;
    public String permissionModel = "SELF_MANAGED";
    public boolean managedExecution;
    /** Service-managed only: AutoDeployment's Enabled and RetainStacksOnAccountRemoval. */
    public boolean autoDeployment;
    public boolean retainStacksOnAccountRemoval;
    /** Service-managed only: the OUs (or roots) targeted, each with the Regions its accounts get instances in. */
    public final Map<String, java.util.Set<String>> organizationalUnits = new LinkedHashMap<>();
    /** Accounts under the OUs that an AccountFilterType left out: auto-deployment leaves them out too. */
    public final java.util.Set<String> excludedAccounts = new java.util.LinkedHashSet<>();
    /** An auto-deployment pass found the stack set busy: it runs again when the operation ends. Not recorded. */
    public boolean autoDeploymentDeferred;
    /** When DetectStackSetDrift last completed, or null. */
    public java.time.Instant lastDriftCheck;
    /** The stack instances, by {@link #key(String, String)}, in creation order. */
    public final Map<String, StackInstanceRecord> instances = new LinkedHashMap<>();
    /** The operations, oldest first. */
    public final Map<String, StackSetOperationRecord> operations = new LinkedHashMap<>();

    public StackSetRecord(String stackSetId, String name, String arn, String accountId, String region) {
        this.stackSetId = stackSetId;
        this.name = name;
        this.arn = arn;
        this.accountId = accountId;
        this.region = region;
    }

    public static String key(String account, String region) {
        return account + "/" + region;
    }

    /** The operation that is queued or running, or null. */
    public StackSetOperationRecord busy() {
        return operations.values().stream().filter(StackSetOperationRecord::active).findFirst().orElse(null);
    }

    public boolean serviceManaged() {
        return "SERVICE_MANAGED".equals(permissionModel);
    }

    public boolean deleted() {
        return "DELETED".equals(status);
    }
}
