/** Handlers of the ECR resource types: repositories (private and public) and the registry's policy. */
package io.gureum.cloudformation.resource.ecr;
