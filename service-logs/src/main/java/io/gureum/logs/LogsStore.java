package io.gureum.logs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** CloudWatch Logs' state in one account and region: log groups by name, in name order, and Logs Insights queries. */
final class LogsStore {
    final String account;
    final String region;
    final ConcurrentNavigableMap<String, LogGroup> groups = new ConcurrentSkipListMap<>();
    /** Logs Insights queries by ID, in the order they started. */
    final Map<String, InsightsQuery> queries = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, StoredQueryDefinition> queryDefinitions = new ConcurrentHashMap<>();
    final ConcurrentNavigableMap<String, Destinations.Stored> destinations = new ConcurrentSkipListMap<>();
    /** Account-scoped resource policies by name; resource-scoped ones by the log group's ARN (without {@code :*}). */
    final ConcurrentNavigableMap<String, ResourcePolicies.Stored> accountResourcePolicies = new ConcurrentSkipListMap<>();
    final ConcurrentNavigableMap<String, ResourcePolicies.Stored> groupResourcePolicies = new ConcurrentSkipListMap<>();
    /** Account policies by type, then name. */
    final Map<String, ConcurrentNavigableMap<String, AccountPolicies.Stored>> accountPolicies = new ConcurrentHashMap<>();
    final ConcurrentNavigableMap<String, ExportTasks.Task> exportTasks = new ConcurrentSkipListMap<>();
    final ConcurrentNavigableMap<String, LookupTables.Table> lookupTables = new ConcurrentSkipListMap<>();
    final ConcurrentNavigableMap<String, Deliveries.Destination> deliveryDestinations = new ConcurrentSkipListMap<>();
    final ConcurrentNavigableMap<String, Deliveries.Source> deliverySources = new ConcurrentSkipListMap<>();
    /** Deliveries by ID. */
    final ConcurrentNavigableMap<String, Deliveries.Stored> deliveries = new ConcurrentSkipListMap<>();
    /** Held while delivery sources, destinations and deliveries change together. */
    final Object deliveryLock = new Object();
    final ConcurrentNavigableMap<String, AnomalyDetectors.Detector> anomalyDetectors = new ConcurrentSkipListMap<>();
    final ConcurrentNavigableMap<String, ScheduledQuery> scheduledQueries = new ConcurrentSkipListMap<>();
    /** The KMS key AssociateKmsKey named for Logs Insights query results ({@code …:query-result:*}), or null. */
    volatile String queryResultsKmsKeyId;
    /** PutStorageTierPolicy's setting, or null (STANDARD). */
    volatile StorageTierPolicy.Stored storageTier;
    /** Held by changes while they record ({@link LogsRecords}). */
    final Object recordLock = new Object();
    /** What each resource record held when last written, by "kind|key". Guarded by {@link #recordLock}. */
    final Map<String, byte[]> written = new java.util.HashMap<>();

    LogsStore(String account, String region) {
        this.account = account;
        this.region = region;
    }

    LogGroup group(String name) {
        LogGroup g = groups.get(name);
        if (g == null) {
            throw LogsErrors.groupNotFound();
        }
        return g;
    }

    LogStream stream(LogGroup group, String name) {
        LogStream s = group.streams.get(name);
        if (s == null) {
            throw LogsErrors.streamNotFound();
        }
        return s;
    }
}
