package io.gureum.ec2.regional;

import io.gureum.core.state.ResourceRegistry;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.compute.PlaceRecords;
import io.gureum.ec2common.persist.FieldJson;
import io.gureum.ec2common.persist.RecordSink;
import io.gureum.ec2common.persist.ResourceRecord;
import java.util.Map;
import java.util.function.Function;

/**
 * The records of a family of {@link Registered} resources kept in a {@link RegionalState}: one per resource
 * (kind = its resource type) and, when the family remembers client tokens for idempotency, one of kind
 * {@code <type>-tokens}. Each place's store is read and rebuilt holding its monitor, as the operations do.
 *
 * @param <S> the family's store of one place
 * @param <T> the resource
 */
public final class RegisteredFamily<S, T extends Registered> implements PlaceFamily {
    private final String kind;
    private final Class<T> type;
    private final RegionalState<S> stores;
    private final Function<S, Map<String, T>> resources;
    private final Function<T, String> mapKey;
    private final Function<S, Map<String, ?>> tokens;
    private final ResourceRegistry registry;

    /**
     * @param resources the store's map of resources
     * @param mapKey    the key a resource has in that map (its ID or its name)
     * @param tokens    the store's client tokens, or null when it keeps none
     */
    public RegisteredFamily(String kind, Class<T> type, RegionalState<S> stores, Function<S, Map<String, T>> resources,
            Function<T, String> mapKey, Function<S, Map<String, ?>> tokens, ResourceRegistry registry) {
        this.kind = kind;
        this.type = type;
        this.stores = stores;
        this.resources = resources;
        this.mapKey = mapKey;
        this.tokens = tokens;
        this.registry = registry;
    }

    @Override
    public void each(String account, String region, RecordSink sink) {
        S s = stores.of(account, region);
        synchronized (s) {
            for (T t : resources.apply(s).values()) {
                sink.accept(kind, t.id, ResourceRecord.of(t, t.tags));
            }
            if (tokens != null && !tokens.apply(s).isEmpty()) {
                sink.accept(kind + "-tokens", "tokens", tokens.apply(s));
            }
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void restore(String account, String region, PlaceRecords in) {
        S s = stores.of(account, region);
        synchronized (s) {
            for (var json : in.inOrder(kind, "created")) {
                T t = ResourceRecord.resource(json, type);
                resources.apply(s).put(mapKey.apply(t), t);
                if (ResourceRecord.registered(json)) {
                    t.register(registry);
                }
            }
            var kept = in.of(kind + "-tokens").get("tokens");
            if (tokens != null && kept != null) {
                ((Map) tokens.apply(s)).putAll(FieldJson.read(kept, Map.class));
            }
        }
    }
}
