package io.gureum.cloudformation.parameter;

/** One parameter as CreateStack/UpdateStack/CreateChangeSet give it. */
public record ParameterInput(String key, String value, boolean usePreviousValue) {
}
