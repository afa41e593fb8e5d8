package io.gureum.cloudwatch;

import software.amazon.awssdk.services.cloudwatch.model.AnomalyDetector;

/** An anomaly detector as PutAnomalyDetector defined it, keyed by the metric (or math) and statistic it models. */
record StoredAnomalyDetector(String key, AnomalyDetector detector) {
}
