package io.gureum.cloudformation.resource;

/** A tag CloudFormation applies to the resources it creates. */
public record ResourceTag(String key, String value) {
}
