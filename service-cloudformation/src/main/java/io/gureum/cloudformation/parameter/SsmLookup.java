package io.gureum.cloudformation.parameter;

/** Reads a Parameter Store parameter's value by name; null when there is none. */
@FunctionalInterface
public interface SsmLookup {
    String value(String name);
}
