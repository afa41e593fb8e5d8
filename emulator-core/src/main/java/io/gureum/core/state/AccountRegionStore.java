package io.gureum.core.state;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/** One {@code T} per (account, region), created on first use. Thread-safe. */
public final class AccountRegionStore<T> {

    /** The scope of one store. */
    public record Key(String account, String region) {
        public Key {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(region, "region");
        }
    }

    private final BiFunction<String, String, T> factory;
    private final Map<Key, T> stores = new ConcurrentHashMap<>();

    /** @param factory creates the state of an (account, region) pair */
    public AccountRegionStore(BiFunction<String, String, T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    public T get(String account, String region) {
        return stores.computeIfAbsent(new Key(account, region), k -> factory.apply(k.account(), k.region()));
    }

    /** Visits the stores created so far. */
    public void forEach(BiConsumer<Key, ? super T> action) {
        stores.forEach(action);
    }

    /** Drops every store; the next {@link #get} creates a fresh one. */
    public void clear() {
        stores.clear();
    }
}
