package io.gureum.core.events;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synchronous in-process pub/sub. An event goes to every subscriber whose type it is an instance
 * of, in subscription order, on the publishing thread. Thread-safe.
 */
public final class EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private record Listener<E>(Class<E> type, Consumer<? super E> consumer) {
        void deliver(Object event) {
            consumer.accept(type.cast(event));
        }
    }

    private static final Listener<?>[] NONE = new Listener<?>[0];

    /**
     * Copied on every change (subscriptions are rare); read without a lock or an iterator, since
     * {@link #hasSubscribers} runs on every request of a service that emits metrics.
     */
    private volatile Listener<?>[] listeners = NONE;

    public <E> Subscription subscribe(Class<E> type, Consumer<? super E> listener) {
        Listener<E> entry =
                new Listener<>(Objects.requireNonNull(type, "type"), Objects.requireNonNull(listener, "listener"));
        synchronized (this) {
            Listener<?>[] next = Arrays.copyOf(listeners, listeners.length + 1);
            next[next.length - 1] = entry;
            listeners = next;
        }
        // Identity removal: two subscriptions of the same consumer are independent.
        return () -> remove(entry);
    }

    private synchronized void remove(Listener<?> entry) {
        listeners = Arrays.stream(listeners).filter(l -> l != entry).toArray(Listener<?>[]::new);
    }

    /**
     * Whether anyone listens for events of {@code type}: an emitter checks it before building an event
     * that costs something to make (a metric per queue every minute), so nobody pays when nobody listens.
     */
    public boolean hasSubscribers(Class<?> type) {
        for (Listener<?> listener : listeners) {
            if (listener.type().isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Delivers {@code event} to the matching subscribers. A subscriber that throws is logged and does
     * not stop delivery to the others.
     */
    public void publish(Object event) {
        Objects.requireNonNull(event, "event");
        for (Listener<?> listener : listeners) {
            if (listener.type().isInstance(event)) {
                try {
                    listener.deliver(event);
                } catch (RuntimeException e) {
                    LOG.warn("Event listener for {} failed on {}", listener.type().getSimpleName(), event, e);
                }
            }
        }
    }
}
