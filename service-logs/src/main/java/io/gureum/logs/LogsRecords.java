package io.gureum.logs;

import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * CloudWatch Logs' records for {@code --data-dir}, per account and region.
 *
 * <p><b>Resources</b> (log groups with their settings and tags, streams, metric and subscription filters, query
 * definitions, destinations, resource and account policies, export tasks, lookup tables, delivery destinations, sources and deliveries,
 * anomaly detectors, the query-results KMS key): {@link LogsService} holds the store's {@link LogsStore#recordLock}
 * through every operation that may change one and then calls {@link #record}, which reads the store's resources
 * again and journals those whose JSON differs from the last written (deleting those gone). Changes made outside a
 * request (a service's output creating its group, retention on the clock, an export task finishing) take the
 * same lock to record.
 *
 * <p><b>Events</b> are many: each PutLogEvents call (and each batch another service publishes) is one record of
 * its accepted events, under the stream's ID and the batch's first sequence number. Such a record is new and never
 * changes, so it needs no lock; it is not deleted when its events expire or their stream goes. At restore, events
 * of unknown streams and those retention had removed are dropped; a snapshot writes only the live events, in
 * slices, so the journal's dead batches go at the next compaction.
 *
 * <p><b>Logs Insights queries</b> (StartQuery and scheduled queries' runs) are one record each, kind
 * {@code insights-query}, under the query ID: written when the query starts and again when it ends (Complete with
 * its rows and statistics, Failed or Cancelled), each time read under the query's own lock, so the last record is
 * its last state. It is deleted when the query is forgotten, seven days after it started. Queries are not among the
 * resources {@link #record} compares (their rows can be large and they change on worker threads).
 */
final class LogsRecords {
    static final String SERVICE = "logs";
    static final String GROUP = "log-group";
    static final String STREAM = "log-stream";
    static final String EVENTS = "events";
    static final String METRIC_FILTER = "metric-filter";
    static final String SUBSCRIPTION_FILTER = "subscription-filter";
    static final String QUERY_DEFINITION = "query-definition";
    static final String DESTINATION = "destination";
    static final String ACCOUNT_RESOURCE_POLICY = "account-resource-policy";
    static final String GROUP_RESOURCE_POLICY = "group-resource-policy";
    static final String ACCOUNT_POLICY = "account-policy";
    static final String EXPORT_TASK = "export-task";
    static final String LOOKUP_TABLE = "lookup-table";
    static final String DELIVERY_DESTINATION = "delivery-destination";
    static final String DELIVERY_SOURCE = "delivery-source";
    static final String DELIVERY = "delivery";
    static final String ANOMALY_DETECTOR = "anomaly-detector";
    static final String SCHEDULED_QUERY = "scheduled-query";
    static final String SETTINGS = "settings";
    static final String QUERY = "insights-query";
    /** Events per record in a snapshot. */
    private static final int SLICE = 5_000;

    private final StateStore state;

    LogsRecords(StateStore state) {
        this.state = state;
    }

    boolean enabled() {
        return state.enabled();
    }

    /** One batch of events just appended to {@code stream}. */
    void events(LogsStore store, LogStream stream, List<StoredEvent> events) {
        if (!state.enabled() || events.isEmpty()) {
            return;
        }
        String streamId = stream.id;
        state.put(SERVICE, store.account, store.region, EVENTS, streamId + ":b" + events.get(0).seq(),
                new LogsRecordValues.EventsValue(streamId, events));
    }

    /** Records a Logs Insights query as it is now (read under its lock, so racing writers record the newest). */
    void query(LogsStore store, InsightsQuery q) {
        if (!state.enabled()) {
            return;
        }
        synchronized (q) {
            state.put(SERVICE, store.account, store.region, QUERY, q.queryId, q.value());
        }
    }

    /** A query forgotten seven days after it started. */
    void queryGone(LogsStore store, String queryId) {
        if (state.enabled()) {
            state.delete(SERVICE, store.account, store.region, QUERY, queryId);
        }
    }

    /** Journals the store's resources that differ from their last records. Takes the store's record lock. */
    void record(LogsStore store) {
        if (!state.enabled()) {
            return;
        }
        synchronized (store.recordLock) {
            Set<String> seen = new HashSet<>();
            each(store, (kind, key, value) -> {
                String name = kind + "|" + key;
                seen.add(name);
                byte[] json = StateRecord.of(SERVICE, store.account, store.region, kind, key, value).value();
                if (!Arrays.equals(store.written.get(name), json)) {
                    state.put(SERVICE, store.account, store.region, kind, key, value);
                    store.written.put(name, json);
                }
            });
            for (var it = store.written.keySet().iterator(); it.hasNext();) {
                String name = it.next();
                if (!seen.contains(name)) {
                    String[] p = name.split("\\|", 2);
                    state.delete(SERVICE, store.account, store.region, p[0], p[1]);
                    it.remove();
                }
            }
        }
    }

    /** Every store (after the clock moved: retention may have removed events). */
    void recordAll(LogsStores stores) {
        if (state.enabled()) {
            stores.all.forEach((key, store) -> record(store));
        }
    }

    /** Every live record, for a snapshot: resources as last read, and each stream's events in slices. */
    void capture(LogsStores stores, Consumer<StateRecord> sink) {
        stores.all.forEach((key, store) -> {
            synchronized (store.recordLock) {
                each(store, (kind, k, value) -> sink.accept(StateRecord.of(SERVICE, store.account, store.region, kind,
                        k, value)));
            }
            List<InsightsQuery> queries;
            synchronized (store.queries) {
                queries = new ArrayList<>(store.queries.values());
            }
            for (InsightsQuery q : queries) {
                sink.accept(StateRecord.of(SERVICE, store.account, store.region, QUERY, q.queryId, q.value()));
            }
            for (LogGroup group : store.groups.values()) {
                for (LogStream stream : group.streams.values()) {
                    List<StoredEvent> all = stream.all();
                    all.sort(java.util.Comparator.comparingLong(StoredEvent::seq));
                    for (int i = 0; i < all.size(); i += SLICE) {
                        List<StoredEvent> slice = new ArrayList<>(all.subList(i, Math.min(all.size(), i + SLICE)));
                        sink.accept(StateRecord.of(SERVICE, store.account, store.region, EVENTS,
                                stream.id + ":c" + slice.get(0).seq(),
                                new LogsRecordValues.EventsValue(stream.id, slice)));
                    }
                }
            }
        });
    }

    @FunctionalInterface
    interface Sink {
        void accept(String kind, String key, Object value);
    }

    /** Every resource of the store as (kind, key, value). */
    static void each(LogsStore store, Sink sink) {
        for (LogGroup g : store.groups.values()) {
            sink.accept(GROUP, g.name, LogsRecordValues.GroupValue.of(g));
            for (LogStream s : g.streams.values()) {
                sink.accept(STREAM, g.name + ":" + s.name, LogsRecordValues.StreamValue.of(g, s));
            }
            g.metricFilters.values().forEach(f -> sink.accept(METRIC_FILTER, g.name + ":" + f.filterName(), f));
            g.subscriptionFilters.values().forEach(f -> sink.accept(SUBSCRIPTION_FILTER, g.name + ":" + f.filterName(),
                    LogsRecordValues.SubscriptionFilterValue.of(f)));
        }
        store.queryDefinitions.values().forEach(d -> sink.accept(QUERY_DEFINITION, d.queryDefinitionId(), d));
        store.destinations.forEach((k, d) -> sink.accept(DESTINATION, k, d));
        store.accountResourcePolicies.forEach((k, p) -> sink.accept(ACCOUNT_RESOURCE_POLICY, k, p));
        store.groupResourcePolicies.forEach((k, p) -> sink.accept(GROUP_RESOURCE_POLICY, k, p));
        store.accountPolicies.forEach((type, byName) -> byName.forEach((k, p) -> sink.accept(ACCOUNT_POLICY,
                type + ":" + k, p)));
        store.exportTasks.forEach((k, t) -> sink.accept(EXPORT_TASK, k, t.value()));
        store.lookupTables.forEach((k, t) -> sink.accept(LOOKUP_TABLE, k, t));
        store.deliveryDestinations.forEach((k, d) -> sink.accept(DELIVERY_DESTINATION, k, d));
        store.deliverySources.forEach((k, d) -> sink.accept(DELIVERY_SOURCE, k, d));
        store.deliveries.forEach((k, d) -> sink.accept(DELIVERY, k, d));
        store.anomalyDetectors.forEach((k, d) -> sink.accept(ANOMALY_DETECTOR, k, d));
        store.scheduledQueries.forEach((k, q) -> sink.accept(SCHEDULED_QUERY, k, q));
        if (store.queryResultsKmsKeyId != null || store.storageTier != null) {
            sink.accept(SETTINGS, "settings", new LogsRecordValues.SettingsValue(store.queryResultsKmsKeyId,
                    store.storageTier));
        }
    }

    /**
     * After a restore: remembers the records read as written, then records what the restore changed (export tasks
     * cut short are failed; records of streams or filters whose group was gone are deleted).
     */
    void restored(LogsStores stores, List<StateRecord> records) {
        for (StateRecord r : records) {
            LogsStore store = stores.all.get(r.account(), r.region());
            if (r.kind().equals(QUERY)) {
                InsightsQuery q = store.queries.get(r.key());
                if (q == null) {
                    queryGone(store, r.key()); // older than seven days at the restart
                } else if (!q.status().equals(r.value(InsightsQuery.Value.class).status())) {
                    query(store, q); // it was running at the stop: now Failed
                }
            } else if (!r.kind().equals(EVENTS)) {
                store.written.put(r.kind() + "|" + r.key(), r.value());
            }
        }
        recordAll(stores);
    }

    static Map<String, List<StateRecord>> byPlace(List<StateRecord> records) {
        Map<String, List<StateRecord>> out = new HashMap<>();
        for (StateRecord r : records) {
            out.computeIfAbsent(r.account() + "|" + r.region(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }
}
