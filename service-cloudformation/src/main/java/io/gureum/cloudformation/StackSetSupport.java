package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.stackset.OperationRunner;
import io.gureum.cloudformation.stackset.StackInstanceRecord;
import io.gureum.cloudformation.stackset.StackSetOperationRecord;
import io.gureum.cloudformation.stackset.StackSetRecord;
import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.error.ModeledErrors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

    StackSetSupport(Engine engine, StackLookup lookup, OperationRunner runner) {
        this.engine = engine;
        this.lookup = lookup;
        this.runner = runner;
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
                .stackInstanceStatus(detailed(i)).statusReason(i.statusReason).driftStatus("NOT_CHECKED")
                .lastOperationId(i.lastOperationId).build();
    }

    static StackInstanceSummary summary(StackSetRecord set, StackInstanceRecord i) {
        return StackInstanceSummary.builder().stackSetId(set.stackSetId).account(i.account).region(i.region)
                .stackId(i.stackId).status(i.status).stackInstanceStatus(detailed(i)).statusReason(i.statusReason)
                .driftStatus("NOT_CHECKED").lastOperationId(i.lastOperationId).build();
    }
}
