/** Resource handlers of KMS (keys and aliases), through the in-process {@code KmsClient}. */
package io.gureum.cloudformation.resource.kms;
