package io.gureum.core.state;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** One {@code T} per account, created on first use, for global services such as IAM. Thread-safe. */
public final class AccountStore<T> {

    private final Function<String, T> factory;
    private final Map<String, T> stores = new ConcurrentHashMap<>();

    /** @param factory creates the state of an account */
    public AccountStore(Function<String, T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    public T get(String account) {
        return stores.computeIfAbsent(Objects.requireNonNull(account, "account"), factory);
    }

    /** Visits the stores created so far. */
    public void forEach(BiConsumer<String, ? super T> action) {
        stores.forEach(action);
    }

    /** Drops every store; the next {@link #get} creates a fresh one. */
    public void clear() {
        stores.clear();
    }
}
