package io.gureum.cloudformation.engine;

import io.gureum.cloudformation.resource.ResourceHandlers;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.util.concurrent.ExecutorService;

/**
 * What every stack operation shares: the state, the handlers, the worker pool and the server's context.
 * Workers never run on a Netty thread; no thread waits for a resource (see {@link GraphRun}).
 */
public record Engine(CloudFormationState state, ResourceHandlers handlers, ExecutorService workers,
        ServiceContext context, Signals signals, Pace pace) {

    /**
     * The caller in-process calls of {@code stack}'s resources act as: its service role, else its last
     * caller; always with the stack's ARN as source ARN, which is how EC2 and KMS know the call comes from
     * CloudFormation and accept the {@code aws:cloudformation:*} tag keys they refuse from users.
     */
    public Caller callerOf(StackRecord stack) {
        if (stack.roleArn != null) {
            String role = stack.roleArn.substring(stack.roleArn.lastIndexOf('/') + 1);
            return new Caller(stack.accountId, stack.region,
                    "arn:" + context.topology().partitionOf(stack.region).id() + ":sts::" + stack.accountId
                            + ":assumed-role/" + role + "/AWSCloudFormation", stack.stackId);
        }
        if (stack.principal != null) {
            return new Caller(stack.accountId, stack.region, stack.principal, stack.stackId);
        }
        return new Caller(stack.accountId, stack.region, Caller.root(stack.accountId, stack.region).principal(),
                stack.stackId);
    }

    /** Records an event of {@code stack} (the caller holds the lock). */
    void event(StackRecord stack, String logicalId, String physicalId, String type, String status, String reason,
            String properties) {
        state.records.changed(stack);
        stack.events.add(new StackEvent(context.ids().requestId(), stack.stackId, stack.stackName, logicalId,
                physicalId, type, context.clock().now(), status, reason, properties, stack.clientRequestToken));
    }

    /** Moves the stack to {@code status} with a stack event (the caller holds the lock). */
    void stackStatus(StackRecord stack, String status, String reason) {
        stack.status = status;
        stack.statusReason = reason;
        event(stack, stack.stackName, stack.stackId, "AWS::CloudFormation::Stack", status, reason, null);
    }

    /** Moves a resource to {@code status} with an event (the caller holds the lock). */
    void resourceStatus(StackRecord stack, ResourceRecord r, String status, String reason) {
        r.status = status;
        r.statusReason = reason;
        r.lastUpdated = context.clock().now();
        event(stack, r.logicalId, r.physicalId == null ? "" : r.physicalId, r.type, status, reason,
                r.properties == null ? null : r.properties.toString());
    }

    /** Runs {@code body} under the state's lock. */
    void locked(Runnable body) {
        state.lock.lock();
        try {
            body.run();
        } finally {
            try {
                state.records.flush();
            } finally {
                state.lock.unlock();
            }
        }
    }

    /** A random suffix for generated names: 13 upper-case characters, like AWS's. */
    String nameSuffix() {
        return context.ids().hex(13).toUpperCase(java.util.Locale.ROOT);
    }
}
