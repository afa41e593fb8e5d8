package io.gureum.cloudwatch;

import io.gureum.cloudwatch.alarms.AlarmEngine;
import io.gureum.cloudwatch.alarms.AlarmRecords;
import io.gureum.cloudwatch.alarms.MuteRule;
import io.gureum.cloudwatch.contributors.InsightRule;
import io.gureum.cloudwatch.metrics.BucketSink;
import io.gureum.cloudwatch.metrics.BucketValue;
import io.gureum.cloudwatch.streams.MetricStream;
import io.gureum.core.ids.Arn;
import io.gureum.core.persist.SdkJson;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.state.ResourceRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudwatch.model.AnomalyDetector;

/**
 * CloudWatch's records for {@code --data-dir}, per account and region:
 * <ul>
 * <li>metric data as {@link BucketValue}s, one record per metric, interval and unit, written again whenever the
 * bucket changes: at once for PutMetricData, in batches every few seconds for the metrics AWS services publish (so
 * that their requests do not wait for CloudWatch's journal write; a crash may lose those seconds), and deleted when
 * a roll-up or retention removes the bucket;</li>
 * <li>alarms and their history ({@link AlarmRecords});</li>
 * <li>dashboards, anomaly detectors, Contributor Insights rules, metric streams, alarm mute rules (with their tags) and the OTel enrichment status, compared with what was last written, like the alarms, under the alarm
 * book's lock, which {@link CloudWatchInstance} holds through every operation that changes them.</li>
 * </ul>
 */
final class CloudWatchRecords {
    static final String SERVICE = AlarmRecords.SERVICE;
    static final String BUCKET = "metric-bucket";
    static final String DASHBOARD = "dashboard";
    static final String ANOMALY_DETECTOR = "anomaly-detector";
    static final String INSIGHT_RULE = "insight-rule";
    static final String METRIC_STREAM = "metric-stream";
    static final String MUTE_RULE = "alarm-mute-rule";
    static final String OTEL_ENRICHMENT = "otel-enrichment";

    /** An anomaly detector with the SDK's definition written with its members. */
    record DetectorValue(String key, com.fasterxml.jackson.databind.JsonNode detector) {
    }

    private final StateStore state;
    private final AlarmRecords alarms;
    /** What each dashboard and detector record held when last written, by store and "kind|key". */
    private final Map<CloudWatchStore, Map<String, byte[]>> written = new java.util.concurrent.ConcurrentHashMap<>();

    CloudWatchRecords(StateStore state, AlarmRecords alarms) {
        this.state = state;
        this.alarms = alarms;
    }

    boolean enabled() {
        return state.enabled();
    }

    /** Where a store's metric buckets are recorded. */
    BucketSink buckets(CloudWatchStore store) {
        return new BucketSink() {
            @Override
            public void put(BucketValue bucket) {
                state.put(SERVICE, store.account, store.region, BUCKET, bucket.recordKey(), bucket);
            }

            @Override
            public void delete(String recordKey) {
                state.delete(SERVICE, store.account, store.region, BUCKET, recordKey);
            }
        };
    }

    /** Records what changed in the store's alarms, dashboards and detectors. Takes the alarm book's lock. */
    void record(CloudWatchStore store) {
        if (!state.enabled()) {
            return;
        }
        synchronized (store.alarms) {
            alarms.record(store.alarms);
            Map<String, byte[]> before = written.computeIfAbsent(store, s -> new HashMap<>());
            Set<String> seen = new HashSet<>();
            each(store, (kind, key, value) -> {
                String name = kind + "|" + key;
                seen.add(name);
                byte[] json = StateRecord.of(SERVICE, store.account, store.region, kind, key, value).value();
                if (!Arrays.equals(before.get(name), json)) {
                    state.put(SERVICE, store.account, store.region, kind, key, value);
                    before.put(name, json);
                }
            });
            for (var it = before.keySet().iterator(); it.hasNext();) {
                String name = it.next();
                if (!seen.contains(name)) {
                    String[] p = name.split("\\|", 2);
                    state.delete(SERVICE, store.account, store.region, p[0], p[1]);
                    it.remove();
                }
            }
        }
    }

    private interface Sink {
        void accept(String kind, String key, Object value);
    }

    private static void each(CloudWatchStore store, Sink sink) {
        store.dashboards.values().forEach(d -> sink.accept(DASHBOARD, d.name(), d));
        store.detectors.values().forEach(d -> sink.accept(ANOMALY_DETECTOR, d.key(),
                new DetectorValue(d.key(), SdkJson.toJson(d.detector()))));
        store.insightRules.values().forEach(r -> sink.accept(INSIGHT_RULE, r.name, r.value()));
        store.metricStreams.values().forEach(m -> sink.accept(METRIC_STREAM, m.name, m.value()));
        store.alarms.muteRules.values().forEach(m -> sink.accept(MUTE_RULE, m.name, m.value()));
        if (store.otelEnrichment) {
            sink.accept(OTEL_ENRICHMENT, "status", "Running");
        }
    }

    /** Every live record, for a snapshot. */
    void capture(CloudWatchStores stores, Consumer<StateRecord> sink) {
        stores.all.forEach((k, store) -> {
            AlarmRecords.capture(store.alarms, sink);
            synchronized (store.alarms) {
                each(store, (kind, key, value) -> sink.accept(StateRecord.of(SERVICE, store.account, store.region,
                        kind, key, value)));
            }
            store.metrics.capture(b -> sink.accept(StateRecord.of(SERVICE, store.account, store.region, BUCKET,
                    b.recordKey(), b)));
        });
    }

    /** Rebuilds every store; alarms are scheduled again, data past retention rolls off at once. */
    void restore(List<StateRecord> records, CloudWatchStores stores, ResourceRegistry registry, AlarmEngine engine) {
        Map<CloudWatchStore, List<StateRecord>> alarmRecords = new HashMap<>();
        for (StateRecord r : records) {
            CloudWatchStore store = stores.all.get(r.account(), r.region());
            switch (r.kind()) {
                case BUCKET -> store.metrics.restore(r.value(BucketValue.class));
                case DASHBOARD -> {
                    Dashboard d = r.value(Dashboard.class);
                    store.dashboards.put(d.name(), d);
                    written.computeIfAbsent(store, s -> new HashMap<>()).put(r.kind() + "|" + r.key(), r.value());
                }
                case ANOMALY_DETECTOR -> {
                    DetectorValue v = r.value(DetectorValue.class);
                    store.detectors.put(v.key(), new StoredAnomalyDetector(v.key(),
                            SdkJson.fromJson(v.detector(), AnomalyDetector.class)));
                    written.computeIfAbsent(store, s -> new HashMap<>()).put(r.kind() + "|" + r.key(), r.value());
                }
                case INSIGHT_RULE -> {
                    InsightRule rule = r.value(InsightRule.Value.class).toRule();
                    store.insightRules.put(rule.name, rule);
                    rule.tags.attach(registry, store.account, store.region, "cloudwatch", "insight-rule/" + rule.name,
                            Arn.parse(rule.arn));
                    written.computeIfAbsent(store, s -> new HashMap<>()).put(r.kind() + "|" + r.key(), r.value());
                }
                case METRIC_STREAM -> {
                    MetricStream stream = r.value(MetricStream.Value.class).toStream();
                    store.metricStreams.put(stream.name, stream);
                    stream.tags.attach(registry, store.account, store.region, "cloudwatch",
                            "metric-stream/" + stream.name, Arn.parse(stream.arn));
                    written.computeIfAbsent(store, s -> new HashMap<>()).put(r.kind() + "|" + r.key(), r.value());
                }
                case MUTE_RULE -> {
                    MuteRule rule = r.value(MuteRule.Value.class).toRule();
                    synchronized (store.alarms) {
                        store.alarms.muteRules.put(rule.name, rule);
                    }
                    rule.tags.attach(registry, store.account, store.region, "cloudwatch", "alarm-mute-rule:"
                            + rule.name, Arn.parse(rule.arn));
                    written.computeIfAbsent(store, s -> new HashMap<>()).put(r.kind() + "|" + r.key(), r.value());
                }
                case OTEL_ENRICHMENT -> {
                    store.otelEnrichment = true;
                    written.computeIfAbsent(store, s -> new HashMap<>()).put(r.kind() + "|" + r.key(), r.value());
                }
                default -> alarmRecords.computeIfAbsent(store, s -> new ArrayList<>()).add(r);
            }
        }
        long now = stores.now();
        alarmRecords.forEach((store, list) -> AlarmRecords.restore(store.alarms, list, registry, engine, now));
        stores.all.forEach((k, store) -> store.metrics.expire(now));
    }
}
