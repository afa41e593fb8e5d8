package io.gureum.cloudwatch.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A metric's identity: namespace, name and dimensions. CloudWatch treats each unique combination of
 * dimensions as a separate metric; dimension order does not matter, so they are kept sorted by name.
 */
public record MetricKey(String namespace, String name, SortedMap<String, String> dimensions) {

    public MetricKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        dimensions = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(dimensions));
    }

    public static MetricKey of(String namespace, String name, Map<String, String> dimensions) {
        return new MetricKey(namespace, name, new TreeMap<>(dimensions));
    }

    /** Sort key for listings: namespace, name, then dimensions. */
    public String sortKey() {
        return namespace + '\u0000' + name + '\u0000' + dimensions;
    }
}
