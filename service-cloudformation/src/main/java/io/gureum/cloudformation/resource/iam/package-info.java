/**
 * Resource handlers of IAM, through the in-process {@code IamClient}: roles, users and groups with their
 * inline and managed policies, standalone inline and managed policies, instance profiles, access keys.
 */
package io.gureum.cloudformation.resource.iam;
