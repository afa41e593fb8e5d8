package io.gureum.logs;

import io.gureum.core.persist.StateRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Rebuilds CloudWatch Logs from its records ({@link LogsRecords}): groups (registered again with their tags), their
 * streams and filters, the other resources of each store, then every stream's events in ingestion order, less
 * those retention had removed, through the event budget as when they arrived.
 */
final class LogsRestore {
    private LogsRestore() {
    }

    /** Returns the highest event sequence number restored (ingestion goes on after it). */
    static long restore(List<StateRecord> records, LogsStores stores, EventBudget budget, long now) {
        long maxSeq = 0;
        Map<String, LogStream> streamsById = new HashMap<>();
        Map<String, Long> dropped = new HashMap<>();
        Map<String, List<StoredEvent>> eventsByStream = new HashMap<>();
        Map<String, Integer> batches = new HashMap<>();
        Map<LogsStore, List<InsightsQuery>> queries = new HashMap<>();
        for (List<StateRecord> place : LogsRecords.byPlace(records).values()) {
            StateRecord first = place.get(0);
            LogsStore store = stores.all.get(first.account(), first.region());
            for (StateRecord r : place) {
                if (r.kind().equals(LogsRecords.GROUP)) {
                    LogGroup g = r.value(LogsRecordValues.GroupValue.class).toGroup(store.account, store.region);
                    store.groups.put(g.name, stores.registered(g));
                }
            }
            for (StateRecord r : place) {
                String key = r.key();
                switch (r.kind()) {
                    case LogsRecords.STREAM -> {
                        LogsRecordValues.StreamValue v = r.value(LogsRecordValues.StreamValue.class);
                        LogGroup g = store.groups.get(v.logGroupName());
                        if (g != null) {
                            LogStream s = new LogStream(v.name(), v.creationTime(), v.arn());
                            s.id = v.id();
                            g.streams.put(s.name, s);
                            streamsById.put(s.id, s);
                            dropped.put(s.id, v.droppedBefore());
                        }
                    }
                    case LogsRecords.EVENTS -> {
                        LogsRecordValues.EventsValue v = r.value(LogsRecordValues.EventsValue.class);
                        eventsByStream.computeIfAbsent(v.streamId(), k -> new ArrayList<>()).addAll(v.events());
                        batches.merge(v.streamId(), 1, Integer::sum);
                    }
                    case LogsRecords.METRIC_FILTER -> {
                        StoredMetricFilter f = r.value(StoredMetricFilter.class);
                        LogGroup g = store.groups.get(f.logGroupName());
                        if (g != null) {
                            g.metricFilters.put(f.filterName(), f);
                        }
                    }
                    case LogsRecords.SUBSCRIPTION_FILTER -> {
                        var f = r.value(LogsRecordValues.SubscriptionFilterValue.class).toFilter();
                        LogGroup g = store.groups.get(f.logGroupName());
                        if (g != null) {
                            g.subscriptionFilters.put(f.filterName(), f);
                        }
                    }
                    case LogsRecords.QUERY_DEFINITION -> store.queryDefinitions.put(key,
                            r.value(StoredQueryDefinition.class));
                    case LogsRecords.DESTINATION -> store.destinations.put(key, r.value(Destinations.Stored.class));
                    case LogsRecords.ACCOUNT_RESOURCE_POLICY -> store.accountResourcePolicies.put(key,
                            r.value(ResourcePolicies.Stored.class));
                    case LogsRecords.GROUP_RESOURCE_POLICY -> store.groupResourcePolicies.put(key,
                            r.value(ResourcePolicies.Stored.class));
                    case LogsRecords.ACCOUNT_POLICY -> {
                        String[] p = key.split(":", 2);
                        store.accountPolicies.computeIfAbsent(p[0], t -> new ConcurrentSkipListMap<>()).put(p[1],
                                r.value(AccountPolicies.Stored.class));
                    }
                    case LogsRecords.EXPORT_TASK -> store.exportTasks.put(key,
                            ExportTasks.Task.restored(r.value(LogsRecordValues.ExportTaskValue.class), now));
                    case LogsRecords.LOOKUP_TABLE -> store.lookupTables.put(key, r.value(LookupTables.Table.class));
                    case LogsRecords.DELIVERY_DESTINATION -> store.deliveryDestinations.put(key,
                            r.value(Deliveries.Destination.class));
                    case LogsRecords.DELIVERY_SOURCE -> store.deliverySources.put(key, r.value(Deliveries.Source.class));
                    case LogsRecords.DELIVERY -> store.deliveries.put(key, r.value(Deliveries.Stored.class));
                    case LogsRecords.ANOMALY_DETECTOR -> store.anomalyDetectors.put(key,
                            r.value(AnomalyDetectors.Detector.class));
                    case LogsRecords.SCHEDULED_QUERY -> store.scheduledQueries.put(key,
                            r.value(ScheduledQuery.class));
                    case LogsRecords.QUERY -> {
                        InsightsQuery.Value v = r.value(InsightsQuery.Value.class);
                        // Results are kept for seven days after the query started; older ones are not restored.
                        if (v.createTime() >= now - Queries.RESULTS_KEPT_MILLIS) {
                            queries.computeIfAbsent(store, k -> new ArrayList<>()).add(InsightsQuery.restored(v));
                        }
                    }
                    case LogsRecords.SETTINGS -> {
                        LogsRecordValues.SettingsValue v = r.value(LogsRecordValues.SettingsValue.class);
                        store.queryResultsKmsKeyId = v.queryResultsKmsKeyId();
                        store.storageTier = v.storageTier();
                    }
                    default -> {
                    }
                }
            }
        }
        // In the order they started, as StartQuery keeps them (DescribeQueries lists the newest first).
        queries.forEach((store, list) -> {
            list.sort(Comparator.comparingLong(q -> q.createTime));
            list.forEach(q -> store.queries.put(q.queryId, q));
        });
        List<Map.Entry<LogStream, List<StoredEvent>>> restored = new ArrayList<>();
        for (Map.Entry<String, List<StoredEvent>> e : eventsByStream.entrySet()) {
            LogStream s = streamsById.get(e.getKey());
            for (StoredEvent event : e.getValue()) {
                maxSeq = Math.max(maxSeq, event.seq());
            }
            if (s != null) {
                restored.add(Map.entry(s, s.restore(e.getValue(), batches.get(e.getKey()), dropped.get(e.getKey()))));
            }
        }
        // The budget drops the events ingested first once over its size: feed it in ingestion order.
        List<Map.Entry<LogStream, StoredEvent>> ordered = new ArrayList<>();
        restored.forEach(e -> e.getValue().forEach(ev -> ordered.add(Map.entry(e.getKey(), ev))));
        ordered.sort(Comparator.comparingLong(e -> e.getValue().seq()));
        for (Map.Entry<LogStream, StoredEvent> e : ordered) {
            budget.added(e.getKey(), List.of(e.getValue()));
        }
        return maxSeq;
    }
}
