package io.gureum.vpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.ec2common.Ec2Api;
import io.gureum.ec2common.persist.FieldJson;
import io.gureum.ec2common.persist.RecordedValues;
import io.gureum.vpc.model.Resource;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The networking share's records for {@code --data-dir} (ADR 0013): one record per resource (kind = the
 * family's resource type, key = its ID) and a {@code store} marker per account and region, so that a
 * restart neither loses a place's state nor makes its default VPC again. Every operation runs holding its
 * store's lock; after one that may change something, every resource of the store is written as JSON and
 * those whose JSON differs from their last record are recorded, those gone deleted. The cost is linear in
 * the store's size (docs/services/ec2.md gives measurements: milliseconds for a default VPC, tens of them
 * for thousands of subnets); without {@code --data-dir} nothing of this runs.
 */
final class VpcRecords {
    static final String STORE = "store";
    /**
     * The tags of a compute resource (instance, volume, image …) CreateTags or DeleteTags changed: kept by
     * this share, whose operations changed them, and applied by the compute share's restore.
     */
    static final String TAGS = "tags";

    private final Network net;
    private final StateStore state;
    private final Map<VpcStore, RecordedValues> recorded = new java.util.concurrent.ConcurrentHashMap<>();

    VpcRecords(Network net) {
        this.net = net;
        this.state = net.ctx.state();
    }

    boolean enabled() {
        return state.enabled();
    }

    /**
     * Runs after an operation on {@code s}, still under its lock: a read (Describe…, Get…, Search…) records
     * only a store it made (the default VPC of a place's first call); what settling on the clock changes is
     * recorded with the next change, and settles the same way again after a restart.
     */
    void afterOperation(String operation, VpcStore s) {
        boolean read = operation.startsWith("Describe") || operation.startsWith("Get")
                || operation.startsWith("Search");
        if (!read || !recorded.containsKey(s)) {
            record(s);
        }
    }

    /** Records what differs in one store; the caller holds its lock. */
    void record(VpcStore s) {
        if (!state.enabled()) {
            return;
        }
        RecordedValues r = recorded.computeIfAbsent(s, x -> new RecordedValues(Ec2Api.NAME, s.account, s.region));
        each(s, true, (kind, key, value) -> r.offer(state, kind, key, value));
        r.deleteUnseen(state);
    }

    private interface Sink {
        void accept(String kind, String key, Object value);
    }

    /** Every record of the store; {@code prune} forgets the compute resources no longer registered. */
    private void each(VpcStore s, boolean prune, Sink sink) {
        sink.accept(STORE, STORE, Map.of());
        ResourceRegistry registry = net.ctx.registry();
        for (var it = s.foreignTagged.iterator(); it.hasNext();) {
            String id = it.next();
            var found = registry.byId(s.account, s.region, Ec2Api.NAME, id);
            if (found.isPresent()) {
                sink.accept(TAGS, id, new java.util.LinkedHashMap<>(found.get().tags()));
            } else if (prune) {
                it.remove();
            }
        }
        for (VpcFamilies.Family f : VpcFamilies.ALL) {
            for (Resource resource : f.<Resource>of(s).values()) {
                sink.accept(f.kind(), resource.id, new VpcRecord(s.registered(resource), s.tagsOf(resource), resource));
            }
        }
    }

    /** Every live record, store by store under each store's lock, for a snapshot. */
    void capture(Consumer<StateRecord> sink) {
        net.forEachStore(s -> {
            synchronized (s) {
                each(s, false, (kind, key, value) -> sink.accept(new StateRecord(Ec2Api.NAME, s.account, s.region, kind, key,
                        FieldJson.write(value))));
            }
        });
    }

    /** Rebuilds the stores from their records (before the server accepts requests). */
    Map<AccountRegionStore.Key, VpcStore> restore(java.util.List<StateRecord> records) {
        Map<AccountRegionStore.Key, VpcStore> stores = new VpcRestore(net).restore(records);
        for (VpcStore s : stores.values()) {
            RecordedValues r = new RecordedValues(Ec2Api.NAME, s.account, s.region);
            each(s, false, (kind, key, value) -> r.restored(kind, key, FieldJson.write(value)));
            recorded.put(s, r);
        }
        return stores;
    }

    /** The resource part of a record. */
    static <T> T resource(JsonNode record, Class<T> type) {
        return FieldJson.read(record.get("resource"), type);
    }
}
