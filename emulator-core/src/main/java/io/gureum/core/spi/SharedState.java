package io.gureum.core.spi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * State that two APIs of one module share on one server (DynamoDB Streams reads DynamoDB's tables):
 * one object per key class, made on first use. The API that owns the state replaces it when it is
 * reset ({@link #replace}); the other looks it up at each call ({@link #get}) and so always sees the
 * current one. Never a static map: two servers in one JVM share nothing.
 */
public final class SharedState {
    private final Map<Class<?>, Object> states = new ConcurrentHashMap<>();

    /** The current state of {@code type}, made by {@code factory} if there is none yet. */
    public <T> T get(Class<T> type, Supplier<? extends T> factory) {
        return type.cast(states.computeIfAbsent(type, k -> factory.get()));
    }

    /** Makes {@code state} the current state of {@code type} (the owning API's fresh state after a reset). */
    public <T> T replace(Class<T> type, T state) {
        states.put(type, state);
        return state;
    }
}
