package io.gureum.core.events;

/** A subscription to an {@link EventBus}; closing it stops delivery. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
