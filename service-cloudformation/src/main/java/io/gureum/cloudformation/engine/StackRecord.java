package io.gureum.cloudformation.engine;

import io.gureum.cloudformation.parameter.ResolvedParameter;
import io.gureum.cloudformation.resource.ResourceTag;
import io.gureum.cloudformation.template.Template;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stack: what DescribeStacks shows and what the engine needs to update and delete it. Guarded by the state's lock. */
public final class StackRecord {
    public final String stackId;
    public final String stackName;
    public final String accountId;
    public final String region;
    public final Instant creationTime;
    public String status;
    public String statusReason;
    public Instant lastUpdatedTime;
    public Instant deletionTime;
    /** The template body as given (GetTemplate's Original stage). */
    public String templateBody;
    /** The template after transforms (GetTemplate's Processed stage). */
    public Template template;
    public Map<String, ResolvedParameter> parameters = new LinkedHashMap<>();
    public Map<String, Boolean> conditions = new LinkedHashMap<>();
    public List<ResourceTag> tags = new ArrayList<>();
    public List<String> capabilities = new ArrayList<>();
    public List<String> notificationArns = new ArrayList<>();
    public String roleArn;
    /** The principal whose call started the stack's last operation: in-process calls act as it without a role. */
    public String principal;
    public boolean disableRollback;
    public boolean terminationProtection;
    public Integer timeoutInMinutes;
    public List<StackOutput> outputs = new ArrayList<>();
    public final Map<String, ResourceRecord> resources = new LinkedHashMap<>();
    public final List<StackEvent> events = new ArrayList<>();
    public String stackPolicyBody;
    public String changeSetId;
    public String parentId;
    public String rootId;
    public String driftStatus = "NOT_CHECKED";
    public Instant lastDriftCheck;
    public String clientRequestToken;
    /** The export names the stack's template imports (ListImports; an export in use cannot go). */
    public java.util.Set<String> imports = new java.util.TreeSet<>();
    /** A DeleteStack that arrived while another operation ran: it starts when that one ends. */
    public boolean deleteRequested;
    /** Stops the running update from starting more resources (CancelUpdateStack); null when none runs. */
    Runnable cancelUpdate;
    /** CancelUpdateStack was called during the running update: it rolls back when its resources settle. */
    boolean updateCancelled;
    /** An update rollback that failed, for ContinueUpdateRollback; or a failed update kept by DisableRollback, for RollbackStack. */
    Object pendingRollback;
    /** The resources' dependency graph of the current template. */
    java.util.Map<String, java.util.Set<String>> graph = new LinkedHashMap<>();

    public StackRecord(String stackId, String stackName, String accountId, String region, Instant creationTime) {
        this.stackId = stackId;
        this.stackName = stackName;
        this.accountId = accountId;
        this.region = region;
        this.creationTime = creationTime;
    }

    /** Whether an operation is running (no other may start). */
    public boolean inProgress() {
        return status.endsWith("_IN_PROGRESS");
    }

    public boolean deleted() {
        return "DELETE_COMPLETE".equals(status);
    }

    /** The parameters' raw values, for UsePreviousValue. */
    public Map<String, String> rawParameters() {
        Map<String, String> raw = new LinkedHashMap<>();
        parameters.forEach((k, v) -> raw.put(k, v.raw()));
        return raw;
    }
}
