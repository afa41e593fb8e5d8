package io.gureum.cloudformation.engine;

/** A resolved output: its value and, when exported, the export's name. */
public record StackOutput(String key, String value, String description, String exportName) {
}
