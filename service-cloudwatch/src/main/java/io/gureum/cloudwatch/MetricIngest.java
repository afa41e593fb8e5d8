package io.gureum.cloudwatch;

import io.gureum.cloudwatch.metrics.DataPoint;
import io.gureum.cloudwatch.metrics.MetricKey;
import io.gureum.core.events.ServiceMetric;

/**
 * Stores the metrics AWS services publish on the event bus (ADR 0012) as their owner's data points, as if
 * the service had called PutMetricData in its {@code AWS/…} namespace (standard resolution).
 */
final class MetricIngest {
    private final CloudWatchStores stores;

    MetricIngest(CloudWatchStores stores) {
        this.stores = stores;
    }

    void accept(ServiceMetric m) {
        if (!Double.isFinite(m.value())) {
            return;
        }
        MetricKey key = MetricKey.of(m.namespace(), m.metricName(), m.dimensions());
        DataPoint point = DataPoint.single(m.timestamp().toEpochMilli(), m.value(), m.unit(), 60);
        stores.all.get(m.account(), m.region()).metrics.put(key, point, stores.now());
    }
}
