package io.gureum.iam.policy;

/**
 * A policy document with the name a decision reports it by: an inline policy's name, a managed policy's ARN,
 * an SCP's ID, {@code resource-policy} for a resource's own.
 */
public record NamedPolicy(String name, PolicyDocument document) {
}
