/**
 * Stack sets: a template deployed as stacks into target accounts and Regions by operations that respect
 * AWS's operation preferences. The records live in {@link io.gureum.cloudformation.engine.CloudFormationState}
 * (the administrator's account and Region); {@link io.gureum.cloudformation.stackset.OperationRunner} deploys
 * each stack instance through in-process CloudFormation calls made as the execution role in the target
 * account, so an instance's stack is an ordinary stack there.
 */
package io.gureum.cloudformation.stackset;
