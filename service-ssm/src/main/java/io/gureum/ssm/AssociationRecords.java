package io.gureum.ssm;

import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.state.AccountRegionStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code --data-dir} records of associations (every version, the status last set, tags), resource data
 * syncs and resource policies, beside {@link SsmRecords}' parameters and documents. After each call that may
 * change them (under the module's lock) the store's records are compared with what was last written and the
 * ones that differ are written again, the ones gone deleted.
 */
final class AssociationRecords {
    static final String ASSOCIATION = "association";
    static final String SYNC = "resource-data-sync";
    static final String POLICIES = "resource-policies";

    record AssociationRecord(String id, Instant created, List<StoredAssociation.Settings> versions,
            StoredAssociation.Status status, Map<String, String> tags) {
    }

    record PoliciesRecord(String resourceArn, List<StoredResourcePolicy> policies) {
    }

    private final StateStore state;
    private final SsmState ssm;
    private final AccountRegionStore<AssociationStore> all;
    /** What was last written of each store: kind → key → record. */
    private final Map<AssociationStore, Map<String, Map<String, Object>>> written = new HashMap<>();

    AssociationRecords(StateStore state, SsmState ssm, AccountRegionStore<AssociationStore> all) {
        this.state = state;
        this.ssm = ssm;
        this.all = all;
    }

    /** After a call of the caller's account and region: forgets deleted parameters' policies, records changes. */
    void afterCall(String operation, AssociationStore store, ParameterStore parameters) {
        ResourcePolicies.forget(store, parameters);
        if (!operation.startsWith("Get") && !operation.startsWith("Describe") && !operation.startsWith("List")) {
            recordChanges(store);
        }
    }

    /** Records what differs in one store. Holds the module's lock. */
    void recordChanges(AssociationStore store) {
        if (!state.enabled()) {
            return;
        }
        Map<String, Map<String, Object>> before = written.computeIfAbsent(store, s -> new HashMap<>());
        Map<String, Map<String, Object>> now = records(store);
        for (String kind : List.of(ASSOCIATION, SYNC, POLICIES)) {
            Map<String, Object> was = before.computeIfAbsent(kind, k -> new HashMap<>());
            Map<String, Object> is = now.get(kind);
            is.forEach((key, value) -> {
                if (!value.equals(was.get(key))) {
                    state.put(SsmRecords.SERVICE, store.account, store.region, kind, key, value);
                    was.put(key, value);
                }
            });
            for (var it = was.keySet().iterator(); it.hasNext();) {
                String key = it.next();
                if (!is.containsKey(key)) {
                    state.delete(SsmRecords.SERVICE, store.account, store.region, kind, key);
                    it.remove();
                }
            }
        }
    }

    private static Map<String, Map<String, Object>> records(AssociationStore store) {
        Map<String, Object> associations = new LinkedHashMap<>();
        store.associations.values().forEach(a -> associations.put(a.id, new AssociationRecord(a.id, a.created,
                List.copyOf(a.versions.values()), a.status, new LinkedHashMap<>(a.tags))));
        Map<String, Object> syncs = new LinkedHashMap<>(store.syncs);
        Map<String, Object> policies = new LinkedHashMap<>();
        store.policies.forEach((arn, list) -> {
            if (!list.isEmpty()) {
                policies.put(arn, new PoliciesRecord(arn, List.copyOf(list)));
            }
        });
        return Map.of(ASSOCIATION, associations, SYNC, syncs, POLICIES, policies);
    }

    void capture(Consumer<StateRecord> sink) {
        ssm.lock.lock();
        try {
            all.forEach((place, store) -> records(store).forEach((kind, byKey) -> byKey.forEach((key, value) -> sink
                    .accept(StateRecord.of(SsmRecords.SERVICE, store.account, store.region, kind, key, value)))));
        } finally {
            ssm.lock.unlock();
        }
    }

    void restore(List<StateRecord> records) {
        ssm.lock.lock();
        try {
            List<StateRecord> ordered = new java.util.ArrayList<>(records);
            // Associations are listed in creation order: restore them in it.
            ordered.sort(java.util.Comparator.comparing((StateRecord r) -> r.kind().equals(ASSOCIATION)
                    ? r.value(AssociationRecord.class).created() : Instant.EPOCH));
            for (StateRecord r : ordered) {
                AssociationStore store = all.get(r.account(), r.region());
                switch (r.kind()) {
                    case ASSOCIATION -> {
                        AssociationRecord s = r.value(AssociationRecord.class);
                        StoredAssociation a = new StoredAssociation(s.id(), Associations.arn(store.region,
                                store.account, s.id()), s.created());
                        s.versions().forEach(v -> a.versions.put(v.version(), v));
                        a.status = s.status();
                        a.tags.putAll(s.tags() == null ? Map.of() : s.tags());
                        a.tags.attach(ssm.context.registry(), store.account, store.region, "ssm",
                                "association/" + s.id(), a.arn);
                        store.associations.put(a.id, a);
                    }
                    case SYNC -> {
                        StoredSync s = r.value(StoredSync.class);
                        store.syncs.put(s.name(), s);
                    }
                    case POLICIES -> {
                        PoliciesRecord s = r.value(PoliciesRecord.class);
                        store.policiesOf(s.resourceArn()).addAll(s.policies());
                    }
                    default -> {
                    }
                }
            }
            all.forEach((place, store) -> written.put(store, new HashMap<>(records(store))));
        } finally {
            ssm.lock.unlock();
        }
    }
}
