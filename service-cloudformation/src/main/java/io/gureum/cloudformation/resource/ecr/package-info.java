/** Handlers of the ECR resource types: repositories and the registry's policy. */
package io.gureum.cloudformation.resource.ecr;
