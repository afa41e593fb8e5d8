package io.gureum.logs;

import java.util.List;
import java.util.Map;

/** A metric filter as PutMetricFilter stored it; {@link MetricFilterEmitter} turns matching events into its metrics. */
record StoredMetricFilter(String logGroupName, String filterName, String filterPattern, long creationTime,
        List<Transformation> transformations, Boolean applyOnTransformedLogs, String fieldSelectionCriteria,
        List<String> emitSystemFieldDimensions) {

    record Transformation(String metricName, String metricNamespace, String metricValue, Double defaultValue,
            Map<String, String> dimensions, String unit) {
    }
}
