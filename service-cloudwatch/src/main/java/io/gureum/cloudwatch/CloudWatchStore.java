package io.gureum.cloudwatch;

import io.gureum.cloudwatch.alarms.AlarmBook;
import io.gureum.cloudwatch.metrics.MetricStore;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The state of one account and region: metrics, alarms, dashboards, anomaly detectors, Contributor Insights rules
 * and metric streams.
 */
public final class CloudWatchStore {
    public final String account;
    public final String region;
    public final MetricStore metrics = new MetricStore();
    public final AlarmBook alarms;
    final Map<String, Dashboard> dashboards = new ConcurrentSkipListMap<>();
    final Map<String, StoredAnomalyDetector> detectors = new ConcurrentSkipListMap<>();
    /** Contributor Insights rules by name (changed under the alarm book's lock). */
    public final Map<String, io.gureum.cloudwatch.contributors.InsightRule> insightRules =
            new ConcurrentSkipListMap<>();
    /** Metric streams by name (changed under the alarm book's lock). */
    public final Map<String, io.gureum.cloudwatch.streams.MetricStream> metricStreams = new ConcurrentSkipListMap<>();

    /** Whether OTel enrichment is {@code Running} (StartOTelEnrichment); changed under the alarm book's lock. */
    volatile boolean otelEnrichment;

    CloudWatchStore(String account, String region) {
        this.account = account;
        this.region = region;
        this.alarms = new AlarmBook(account, region);
    }
}
