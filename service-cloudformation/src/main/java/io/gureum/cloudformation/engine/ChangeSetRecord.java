package io.gureum.cloudformation.engine;

import io.gureum.cloudformation.parameter.ResolvedParameter;
import io.gureum.cloudformation.resource.ResourceTag;
import io.gureum.cloudformation.template.Template;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A change set: the stack operation it describes, and its computed changes. Guarded by the state's lock. */
public final class ChangeSetRecord {
    public final String changeSetId;
    public final String changeSetName;
    public final String stackId;
    public final String stackName;
    public final Instant creationTime;
    public final String changeSetType;
    public String description;
    public String status = "CREATE_PENDING";
    public String statusReason;
    public String executionStatus = "UNAVAILABLE";
    public String templateBody;
    public Template template;
    public Map<String, ResolvedParameter> parameters;
    public List<ResourceTag> tags = new ArrayList<>();
    public List<String> capabilities = new ArrayList<>();
    public List<String> notificationArns = new ArrayList<>();
    public String roleArn;
    public String principal;
    public List<ResourceChangeRow> changes = new ArrayList<>();
    /** The prepared template ExecuteChangeSet deploys. */
    public Prepared prepared;
    /** An IMPORT change set's resources to import: logical id → physical id. Not recorded. */
    public Map<String, String> imports = Map.of();

    public ChangeSetRecord(String changeSetId, String changeSetName, String stackId, String stackName,
            Instant creationTime, String changeSetType) {
        this.changeSetId = changeSetId;
        this.changeSetName = changeSetName;
        this.stackId = stackId;
        this.stackName = stackName;
        this.creationTime = creationTime;
        this.changeSetType = changeSetType;
    }

    /**
     * One row of DescribeChangeSet: {@code action} Add/Modify/Remove, {@code replacement} True/False/
     * Conditional for Modify, the top-level properties that change.
     */
    public record ResourceChangeRow(String action, String logicalId, String physicalId, String type,
            String replacement, List<String> changedProperties, List<String> replacingProperties) {
    }
}
