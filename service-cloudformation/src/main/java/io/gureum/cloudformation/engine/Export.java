package io.gureum.cloudformation.engine;

/** An output exported under {@code name} by the stack {@code stackId}. */
public record Export(String name, String value, String stackId) {
}
