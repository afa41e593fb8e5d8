/** Resource handlers of Secrets Manager, through the in-process {@code SecretsManagerClient}. */
package io.gureum.cloudformation.resource.secretsmanager;
