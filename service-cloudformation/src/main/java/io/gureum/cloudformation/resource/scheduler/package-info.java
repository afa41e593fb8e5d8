/** Handlers of the {@code AWS::Scheduler::*} types, through EventBridge Scheduler's in-process client. */
package io.gureum.cloudformation.resource.scheduler;
