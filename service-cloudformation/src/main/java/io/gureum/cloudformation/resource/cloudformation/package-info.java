/**
 * CloudFormation's own resource types that call no other service: {@code AWS::CDK::Metadata},
 * {@code AWS::CloudFormation::WaitConditionHandle} and {@code AWS::CloudFormation::WaitCondition}.
 */
package io.gureum.cloudformation.resource.cloudformation;
