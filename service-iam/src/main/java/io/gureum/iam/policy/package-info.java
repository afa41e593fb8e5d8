/**
 * IAM's policy language, independent of any service: a parsed {@link io.gureum.iam.policy.PolicyDocument},
 * the matching of one statement's principal, action, resource and conditions against a
 * {@link io.gureum.iam.policy.AuthorizationRequest}, the condition operators, and the evaluation of one
 * document (explicit deny wins, then allow, else implicitly denied). STS evaluates role trust policies with it;
 * the IAM policy engine of issue #14 grows from it.
 */
package io.gureum.iam.policy;
