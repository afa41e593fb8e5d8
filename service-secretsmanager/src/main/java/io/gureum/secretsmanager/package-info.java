/**
 * AWS Secrets Manager: secrets with versions and staging labels, values encrypted through KMS
 * (envelope encryption with an in-process {@code KmsClient}), scheduled deletion, resource policies,
 * replication to other regions, random passwords, and rotation by a Lambda function run through its
 * four steps on Gureum's clock.
 */
package io.gureum.secretsmanager;
