package io.gureum.cloudformation.stackset;

import io.gureum.cloudformation.engine.CloudFormationState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * One account and Region of an operation: creates, updates or deletes the instance's stack through the
 * target account's CloudFormation and follows it with DescribeStacks until it settles. A create whose earlier
 * attempt left a rolled-back stack deletes that stack first, as AWS does when it retries an instance.
 */
final class InstanceJob {
    private final CloudFormationState state;
    private final StackSetRecord set;
    private final StackSetOperationRecord op;
    private final StackInstanceRecord instance;
    private final StackSetOperationRecord.Result result;
    private final Supplier<CloudFormationClient> clients;
    private CloudFormationClient cfn;
    /** The stack being followed and the status that means success; null once done. */
    private String awaiting;
    private String success;
    private boolean createAfterDelete;
    private boolean done;
    private boolean failed;

    InstanceJob(CloudFormationState state, StackSetRecord set, StackSetOperationRecord op, StackInstanceRecord instance,
            StackSetOperationRecord.Result result, Supplier<CloudFormationClient> clients) {
        this.state = state;
        this.set = set;
        this.op = op;
        this.instance = instance;
        this.result = result;
        this.clients = clients;
    }

    boolean done() {
        return done;
    }

    boolean failed() {
        return failed;
    }

    void begin() {
        locked(() -> {
            result.status = "RUNNING";
            instance.detailedStatus = "RUNNING";
        });
        try {
            cfn = clients.get();
            String stackId = read(() -> instance.stackId);
            if (op.action.equals("DETECT_DRIFT")) {
                detectDrift(stackId);
                return;
            }
            if (op.action.equals("DELETE")) {
                if (stackId == null || Boolean.TRUE.equals(op.retainStacks) || gone(stackId)) {
                    succeed();
                    return;
                }
                cfn.deleteStack(b -> b.stackName(stackId));
                follow(stackId, "DELETE_COMPLETE");
                return;
            }
            Stack existing = stackId == null ? null : describe(stackId);
            if (existing == null || existing.stackStatusAsString().equals("DELETE_COMPLETE")) {
                create();
            } else if (existing.stackStatusAsString().equals("ROLLBACK_COMPLETE")
                    || existing.stackStatusAsString().equals("ROLLBACK_FAILED")) {
                cfn.deleteStack(b -> b.stackName(stackId));
                createAfterDelete = true;
                follow(stackId, "DELETE_COMPLETE");
            } else {
                update(stackId);
            }
        } catch (AwsServiceException e) {
            fail(e.awsErrorDetails().errorMessage());
        } catch (RuntimeException e) {
            fail(String.valueOf(e.getMessage()));
        }
    }

    void poll() {
        try {
            Stack stack = describe(awaiting);
            String status = stack == null ? "DELETE_COMPLETE" : stack.stackStatusAsString();
            if (status.endsWith("_IN_PROGRESS")) {
                return;
            }
            if (status.equals(success)) {
                if (createAfterDelete) {
                    createAfterDelete = false;
                    create();
                } else {
                    succeed();
                }
                return;
            }
            fail(reason(awaiting, stack));
        } catch (AwsServiceException e) {
            fail(e.awsErrorDetails().errorMessage());
        } catch (RuntimeException e) {
            fail(String.valueOf(e.getMessage()));
        }
    }

    /** DetectStackDrift on the instance's stack (it completes within the call), then its drift status. */
    private void detectDrift(String stackId) {
        if (stackId == null || gone(stackId)) {
            fail("Stack instance has no stack");
            return;
        }
        cfn.detectStackDrift(b -> b.stackName(stackId));
        Stack stack = describe(stackId);
        String drift = stack.driftInformation() == null ? "NOT_CHECKED"
                : stack.driftInformation().stackDriftStatusAsString();
        done = true;
        locked(() -> {
            result.status = "SUCCEEDED";
            result.statusReason = null;
            instance.detailedStatus = "SUCCEEDED";
            instance.driftStatus = drift;
            instance.lastDriftCheck = stack.driftInformation() == null ? null
                    : stack.driftInformation().lastCheckTimestamp();
        });
    }

    private void create() {
        String[] body = new String[1];
        List<Parameter> parameters = new ArrayList<>();
        List<String> capabilities = new ArrayList<>();
        List<software.amazon.awssdk.services.cloudformation.model.Tag> tags = new ArrayList<>();
        locked(() -> {
            body[0] = set.templateBody;
            parameters.addAll(parameters());
            capabilities.addAll(set.capabilities);
            tags.addAll(set.tags);
        });
        String name = "StackSet-" + set.name + "-" + UUID.randomUUID();
        String id = cfn.createStack(b -> b.stackName(name).templateBody(body[0]).parameters(parameters)
                .capabilitiesWithStrings(capabilities).tags(tags)).stackId();
        locked(() -> instance.stackId = id);
        follow(id, "CREATE_COMPLETE");
    }

    private void update(String stackId) {
        String[] body = new String[1];
        List<Parameter> parameters = new ArrayList<>();
        List<String> capabilities = new ArrayList<>();
        List<software.amazon.awssdk.services.cloudformation.model.Tag> tags = new ArrayList<>();
        locked(() -> {
            body[0] = set.templateBody;
            parameters.addAll(parameters());
            capabilities.addAll(set.capabilities);
            tags.addAll(set.tags);
        });
        try {
            cfn.updateStack(b -> b.stackName(stackId).templateBody(body[0]).parameters(parameters)
                    .capabilitiesWithStrings(capabilities).tags(tags));
        } catch (AwsServiceException e) {
            if ("No updates are to be performed.".equals(e.awsErrorDetails().errorMessage())) {
                succeed();
                return;
            }
            throw e;
        }
        follow(stackId, "UPDATE_COMPLETE");
    }

    /** The stack set's parameters with the instance's overrides in their place. */
    private List<Parameter> parameters() {
        Map<String, Parameter> merged = new LinkedHashMap<>();
        set.parameters.forEach(p -> merged.put(p.parameterKey(), p));
        instance.parameterOverrides.forEach(p -> merged.put(p.parameterKey(), p));
        return new ArrayList<>(merged.values());
    }

    private void follow(String stackId, String successStatus) {
        awaiting = stackId;
        success = successStatus;
    }

    private Stack describe(String stackId) {
        try {
            List<Stack> stacks = cfn.describeStacks(b -> b.stackName(stackId)).stacks();
            return stacks.isEmpty() ? null : stacks.get(0);
        } catch (AwsServiceException e) {
            if (e.statusCode() == 400 && String.valueOf(e.awsErrorDetails().errorMessage()).endsWith("does not exist")) {
                return null;
            }
            throw e;
        }
    }

    private boolean gone(String stackId) {
        Stack s = describe(stackId);
        return s == null || s.stackStatusAsString().equals("DELETE_COMPLETE");
    }

    /**
     * Why the stack did not reach success: the first resource that failed, as AWS reports it in operation
     * results ("ResourceLogicalId:X, ResourceType:T, ResourceStatusReason:R."), else the stack's own reason.
     */
    private String reason(String stackId, Stack stack) {
        List<StackEvent> events = new ArrayList<>(cfn.describeStackEvents(b -> b.stackName(stackId)).stackEvents());
        java.util.Collections.reverse(events);
        for (StackEvent e : events) {
            if (e.resourceStatusAsString().endsWith("_FAILED") && !e.physicalResourceId().equals(stackId)) {
                return "ResourceLogicalId:" + e.logicalResourceId() + ", ResourceType:" + e.resourceType()
                        + ", ResourceStatusReason:" + e.resourceStatusReason() + ".";
            }
        }
        return stack == null ? "Stack " + stackId + " is gone" : stack.stackStatusReason();
    }

    private void succeed() {
        done = true;
        locked(() -> {
            result.status = "SUCCEEDED";
            result.statusReason = null;
            instance.status = "CURRENT";
            instance.detailedStatus = "SUCCEEDED";
            instance.statusReason = null;
        });
    }

    private void fail(String reason) {
        done = true;
        failed = true;
        locked(() -> {
            result.status = "FAILED";
            result.statusReason = reason;
            if (op.action.equals("DETECT_DRIFT")) {
                instance.detailedStatus = "FAILED";
                instance.statusReason = reason;
                return;
            }
            boolean inoperable = op.action.equals("DELETE");
            instance.status = inoperable ? "INOPERABLE" : "OUTDATED";
            instance.detailedStatus = inoperable ? "INOPERABLE" : "FAILED";
            instance.statusReason = reason;
        });
    }

    /** Not started: the operation stopped or its failure tolerance was exceeded (the caller holds the lock). */
    void cancel(String reason) {
        done = true;
        result.status = "CANCELLED";
        result.statusReason = reason;
        instance.detailedStatus = "CANCELLED";
        instance.statusReason = reason;
    }

    private <T> T read(Supplier<T> value) {
        state.lock.lock();
        try {
            return value.get();
        } finally {
            state.lock.unlock();
        }
    }

    private void locked(Runnable body) {
        state.lock.lock();
        try {
            body.run();
            state.records.changed(state.region(set.accountId, set.region));
        } finally {
            try {
                state.records.flush();
            } finally {
                state.lock.unlock();
            }
        }
    }
}
