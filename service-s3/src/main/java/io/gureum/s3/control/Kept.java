package io.gureum.s3.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.ids.Arn;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.spi.ServiceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * S3 Control's resources that S3 never reads (Storage Lens configurations and groups, Access Grants instances,
 * locations and grants): each kept as its SDK shape in JSON ({@link io.gureum.core.persist.SdkJson}), per kind,
 * account, region and key, with its ARN in core's registry (which holds its tags). Every change is recorded for
 * {@code --data-dir} as it happens (service {@code s3control}, the kind as the record's kind).
 */
final class Kept {
    static final Set<String> KINDS = Set.of(StorageLens.CONFIGURATION, StorageLens.GROUP, AccessGrants.INSTANCE,
            AccessGrants.LOCATION, AccessGrants.GRANT, MultiRegionAccessPoints.MRAP,
            MultiRegionAccessPoints.OPERATION);
    /** Kinds that are no resource of their own (an asynchronous request's record): not in core's registry. */
    static final Set<String> UNREGISTERED = Set.of(MultiRegionAccessPoints.OPERATION);

    /** One resource; {@code tags} only in records (core's registry holds the live ones). */
    record Entry(String kind, String account, String region, String key, String arn, JsonNode body,
            Instant created, Map<String, String> tags) {
        Entry withBody(JsonNode b) {
            return new Entry(kind, account, region, key, arn, b, created, tags);
        }
    }

    private final ServiceContext context;
    /** Sorted, so listings come in key order. */
    private final Map<String, Entry> entries = new TreeMap<>();

    Kept(ServiceContext context) {
        this.context = context;
    }

    private static String id(String kind, String account, String region, String key) {
        return kind + "\u0000" + account + "\u0000" + region + "\u0000" + key;
    }

    synchronized Entry get(String kind, String account, String region, String key) {
        return entries.get(id(kind, account, region, key));
    }

    synchronized List<Entry> list(String kind, String account, String region) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.kind().equals(kind) && e.account().equals(account) && e.region().equals(region)) {
                out.add(e);
            }
        }
        return out;
    }

    synchronized Entry byArn(String arn) {
        for (Entry e : entries.values()) {
            if (arn.equals(e.arn())) {
                return e;
            }
        }
        return null;
    }

    /** Stores a new or changed resource; a new one is registered with {@code tags}. */
    synchronized void put(Entry e, Map<String, String> tags) {
        Entry before = entries.put(id(e.kind(), e.account(), e.region(), e.key()), e);
        if (before == null && !UNREGISTERED.contains(e.kind())) {
            context.registry().register(e.account(), e.region(), ControlState.SERVICE, Arn.parse(e.arn()).resource(),
                    Arn.parse(e.arn()), tags == null ? Map.of() : tags);
        }
        record(e);
    }

    /** Records a resource with the tags core's registry holds for it now. */
    synchronized void record(Entry e) {
        Entry withTags = new Entry(e.kind(), e.account(), e.region(), e.key(), e.arn(), e.body(), e.created(),
                tags(e));
        context.state().put(ControlState.SERVICE, e.account(), e.region(), e.kind(), e.key(), withTags);
    }

    private Map<String, String> tags(Entry e) {
        return UNREGISTERED.contains(e.kind()) ? Map.of() : Map.copyOf(context.registry().tags(Arn.parse(e.arn())));
    }

    synchronized void remove(Entry e) {
        entries.remove(id(e.kind(), e.account(), e.region(), e.key()));
        if (!UNREGISTERED.contains(e.kind())) {
            context.registry().unregister(Arn.parse(e.arn()));
        }
        context.state().delete(ControlState.SERVICE, e.account(), e.region(), e.kind(), e.key());
    }

    synchronized void restore(List<StateRecord> records) {
        for (StateRecord r : records) {
            if (KINDS.contains(r.kind())) {
                Entry e = r.value(Entry.class);
                entries.put(id(e.kind(), e.account(), e.region(), e.key()), e);
                if (UNREGISTERED.contains(e.kind())) {
                    continue;
                }
                context.registry().register(e.account(), e.region(), ControlState.SERVICE,
                        Arn.parse(e.arn()).resource(), Arn.parse(e.arn()), e.tags() == null ? Map.of() : e.tags());
            }
        }
    }

    synchronized void capture(Consumer<StateRecord> sink) {
        for (Entry e : entries.values()) {
            Entry withTags = new Entry(e.kind(), e.account(), e.region(), e.key(), e.arn(), e.body(), e.created(),
                    tags(e));
            sink.accept(StateRecord.of(ControlState.SERVICE, e.account(), e.region(), e.kind(), e.key(), withTags));
        }
    }
}
