package io.gureum.core.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One data point a service emits in its AWS namespace (e.g. {@code AWS/SQS NumberOfMessagesSent}),
 * published on the {@link EventBus}. CloudWatch, when served, subscribes and stores it as if the owner
 * had called {@code PutMetricData}; with no subscriber the publish costs a list walk. Services publish
 * counts per request and gauges on their own minute timer, with AWS's names, units and dimensions.
 *
 * @param dimensions name to value, in the order AWS lists them
 * @param unit a CloudWatch {@code StandardUnit} name such as {@code Count}, {@code Milliseconds}, {@code Bytes}
 */
public record ServiceMetric(
        String account,
        String region,
        String namespace,
        String metricName,
        Map<String, String> dimensions,
        double value,
        String unit,
        Instant timestamp) {

    public ServiceMetric {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(metricName, "metricName");
        dimensions = Map.copyOf(Objects.requireNonNull(dimensions, "dimensions"));
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
