package io.gureum.cloudwatch.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * One {@link Bucket} as {@code --data-dir} keeps it: the metric, the interval (resolution and start), the unit,
 * the summed statistics and the distinct values with their counts, and when data last arrived for the metric.
 * A bucket is a full value, so recording it again after each change (and replaying it twice) is harmless.
 */
public record BucketValue(String namespace, String metricName, Map<String, String> dimensions, int resolution,
        long start, String unit, double count, double sum, double min, double max, boolean valuesKnown,
        double[] values, double[] counts, long lastPutMillis) {

    /** The record's key: the metric, the interval and the unit. */
    public String recordKey() {
        return key(namespace, metricName, dimensions, resolution, start, unit);
    }

    static String key(String namespace, String metricName, Map<String, String> dimensions, int resolution, long start,
            String unit) {
        return namespace + '\u0000' + metricName + '\u0000' + new TreeMap<>(dimensions) + '\u0000' + resolution + '\u0000'
                + start + '\u0000' + unit;
    }

    MetricKey metricKey() {
        return MetricKey.of(namespace, metricName, dimensions);
    }
}
