package io.gureum.cloudformation.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stack refactor (CreateStackRefactor): the stacks and templates it was given, the resource mappings it
 * was given, its statuses and the actions its validation found. Plain fields so that it is recorded as JSON
 * for {@code --data-dir}. Guarded by the state's lock.
 */
public final class RefactorRecord {
    /** One stack of the refactor: an existing stack (with its last change, to see that it moved on) or a new one. */
    public record StackDefinition(String stackName, String stackId, String templateBody, boolean created,
            String statusAtCreation, Instant lastUpdatedAtCreation) {
    }

    /** A {@code ResourceMapping} as given: stack names and logical ids. */
    public record Mapping(String sourceStack, String sourceLogicalId, String destinationStack,
            String destinationLogicalId) {
    }

    /** A {@code StackRefactorAction}. */
    public record Action(String action, String entity, String physicalResourceId, String description,
            String detection, String detectionReason, String sourceStackId, String sourceLogicalId,
            String destinationStackId, String destinationLogicalId, Map<String, String> tagResources,
            List<String> untagResources) {
    }

    public String stackRefactorId;
    public String description;
    public boolean enableStackCreation;
    public Instant creationTime;
    public String status;
    public String statusReason;
    public String executionStatus;
    public String executionStatusReason;
    public List<StackDefinition> stacks = new ArrayList<>();
    public List<Mapping> mappings = new ArrayList<>();
    public List<Action> actions = new ArrayList<>();

    public List<String> stackIds() {
        return stacks.stream().map(StackDefinition::stackId).toList();
    }
}
