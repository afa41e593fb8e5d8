package io.gureum.cloudwatch;

import io.gureum.cloudwatch.metrics.DataPoint;
import io.gureum.cloudwatch.metrics.MetricKey;
import io.gureum.core.events.ServiceMetric;

/**
 * Stores the metrics AWS services publish on the event bus (ADR 0012) as their owner's data points, as if
 * the service had called PutMetricData in its {@code AWS/…} namespace (standard resolution), summed per
 * minute so that memory follows time, not the request rate. Runs on the publishing request's thread: the
 * metric's key is made once per distinct metric.
 */
final class MetricIngest {
    private static final int MAX_CACHED_KEYS = 100_000;

    private record Name(String namespace, String metricName, java.util.Map<String, String> dimensions) {
    }

    private final CloudWatchStores stores;
    private final java.util.Map<Name, MetricKey> keys = new java.util.concurrent.ConcurrentHashMap<>();

    MetricIngest(CloudWatchStores stores) {
        this.stores = stores;
    }

    void accept(ServiceMetric m) {
        if (!Double.isFinite(m.value())) {
            return;
        }
        Name name = new Name(m.namespace(), m.metricName(), m.dimensions());
        MetricKey key = keys.get(name);
        if (key == null) {
            key = MetricKey.of(m.namespace(), m.metricName(), m.dimensions());
            if (keys.size() < MAX_CACHED_KEYS) {
                keys.put(name, key);
            }
        }
        DataPoint point = DataPoint.single(m.timestamp().toEpochMilli(), m.value(), m.unit(), 60);
        stores.all.get(m.account(), m.region()).metrics.put(key, point, stores.now(), false);
    }
}
