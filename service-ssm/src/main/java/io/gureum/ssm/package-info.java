/**
 * AWS Systems Manager Parameter Store: parameters with versions, labels, tiers, policies and tags,
 * SecureString values encrypted by KMS, and the public parameters under {@code /aws/service/}. Only the
 * Parameter Store operations of the SSM API are bound; every other SSM operation answers 501.
 */
package io.gureum.ssm;
