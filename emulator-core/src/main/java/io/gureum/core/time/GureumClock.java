package io.gureum.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base time plus an offset that only grows. Thread-safe.
 *
 * <p>Services read {@link #now()} for every timestamp and register {@link #onAdvance(Runnable)}
 * listeners to process whatever came due (TTL expiry, message visibility, state transitions) right
 * after the clock is moved forward.
 */
public final class GureumClock {

    private static final Logger LOG = LoggerFactory.getLogger(GureumClock.class);

    private final Clock base;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Duration offset = Duration.ZERO;

    /** A clock on the system time in UTC. */
    public GureumClock() {
        this(Clock.systemUTC());
    }

    public GureumClock(Clock base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    public Instant now() {
        return base.instant().plus(offset);
    }

    /** How far the clock is ahead of its base. */
    public Duration offset() {
        return offset;
    }

    /** Whole seconds the clock is ahead of its base. */
    public long offsetSeconds() {
        return offset.getSeconds();
    }

    /**
     * Moves the clock forward by {@code d}, then runs every listener. A listener that throws is logged
     * and does not stop the others.
     *
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public void advance(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isNegative()) {
            throw new IllegalArgumentException("The clock only moves forward; cannot advance by " + d);
        }
        synchronized (this) {
            offset = offset.plus(d);
        }
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("Clock listener {} failed", listener, e);
            }
        }
    }

    /** Back to the base time (offset 0). Listeners are not called. */
    public synchronized void reset() {
        offset = Duration.ZERO;
    }

    /**
     * Registers a listener run after each {@link #advance(Duration)}; closing the subscription removes
     * it (a service's handler does so when a reset replaces it).
     */
    public io.gureum.core.events.Subscription onAdvance(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** A {@link Clock} view of this clock (UTC), for APIs that take a {@code java.time.Clock}. */
    public Clock asClock() {
        return new View(this, ZoneOffset.UTC);
    }

    private static final class View extends Clock {
        private final GureumClock clock;
        private final ZoneId zone;

        View(GureumClock clock, ZoneId zone) {
            this.clock = clock;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new View(clock, newZone);
        }

        @Override
        public Instant instant() {
            return clock.now();
        }
    }
}
