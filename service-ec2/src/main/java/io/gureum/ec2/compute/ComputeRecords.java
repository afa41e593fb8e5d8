package io.gureum.ec2.compute;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.ec2common.Ec2Api;
import io.gureum.ec2common.persist.FieldJson;
import io.gureum.ec2common.persist.RecordSink;
import io.gureum.ec2common.persist.RecordedValues;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The compute share's records for {@code --data-dir} (ADR 0013), one per resource (kind = its resource type,
 * key = its ID), written by the {@link PlaceFamily families}. Every compute operation runs holding its
 * place's {@link ComputeStore} lock; after one that may change something, every family writes the place's
 * resources as JSON and those that differ from their last record are recorded, those gone deleted. The
 * cost is linear in the size of the place (docs/services/ec2.md); without {@code --data-dir} nothing of it
 * runs.
 *
 * <p>Tags that CreateTags and DeleteTags (networking share) change on compute resources are recorded by that
 * share under kind {@link #TAGS}; they are applied here after the families are restored.
 */
public final class ComputeRecords {
    /** The networking share's kind for the tags of compute resources (see service-vpc's VpcRecords). */
    static final String TAGS = "tags";

    private final Compute compute;
    private final StateStore state;
    private final List<PlaceFamily> families = new CopyOnWriteArrayList<>();
    private final Map<ComputeStore, RecordedValues> recorded = new ConcurrentHashMap<>();

    public ComputeRecords(Compute compute) {
        this.compute = compute;
        this.state = compute.ctx.state();
    }

    /** Adds a family whose records are written and restored with the others. */
    public void add(PlaceFamily family) {
        families.add(family);
    }

    public boolean enabled() {
        return state.enabled();
    }

    /** After an operation on {@code s}, under its lock: a read (Describe…, Get…) changes nothing to record. */
    void afterOperation(String operation, ComputeStore s) {
        if (!operation.startsWith("Describe") && !operation.startsWith("Get")) {
            record(s);
        }
    }

    /** Records what differs in the place; the caller holds its store lock. */
    public void record(ComputeStore s) {
        if (!state.enabled()) {
            return;
        }
        RecordedValues r = recorded.computeIfAbsent(s, x -> new RecordedValues(Ec2Api.NAME, s.account, s.region));
        each(s, (kind, key, value) -> r.offer(state, kind, key, value));
        r.deleteUnseen(state);
    }

    private void each(ComputeStore s, RecordSink sink) {
        for (PlaceFamily f : families) {
            f.each(s.account, s.region, sink);
        }
    }

    /** Every live record, place by place under each place's lock, for a snapshot. */
    public void capture(Consumer<StateRecord> sink) {
        compute.forEachStore(s -> {
            synchronized (s) {
                each(s, (kind, key, value) -> sink.accept(new StateRecord(Ec2Api.NAME, s.account, s.region, kind, key,
                        FieldJson.write(value))));
            }
        });
    }

    /**
     * Rebuilds every place from its records (records of the networking share's kinds are left to it), then
     * applies the tags CreateTags/DeleteTags last gave compute resources.
     */
    public void restore(List<StateRecord> records) {
        Map<AccountRegionStore.Key, PlaceRecords> places = new java.util.LinkedHashMap<>();
        for (StateRecord r : records) {
            places.computeIfAbsent(new AccountRegionStore.Key(r.account(), r.region()), k -> new PlaceRecords())
                    .add(r.kind(), r.key(), FieldJson.read(r.value(), JsonNode.class));
        }
        ResourceRegistry registry = compute.ctx.registry();
        places.forEach((place, in) -> {
            ComputeStore s = compute.store(place.account(), place.region());
            synchronized (s) {
                for (PlaceFamily f : families) {
                    f.restore(place.account(), place.region(), in);
                }
                in.of(TAGS).forEach((id, tags) -> registry.byId(place.account(), place.region(), Ec2Api.NAME, id)
                        .ifPresent(found -> registry.replaceTags(found.arn(), FieldJson.read(tags, Map.class))));
                RecordedValues r = new RecordedValues(Ec2Api.NAME, s.account, s.region);
                each(s, (kind, key, value) -> r.restored(kind, key, FieldJson.write(value)));
                recorded.put(s, r);
            }
        });
    }
}
