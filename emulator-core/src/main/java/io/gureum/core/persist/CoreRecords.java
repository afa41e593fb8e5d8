package io.gureum.core.persist;

import io.gureum.core.time.GureumClock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Core's own records: the clock's offset, so that the absolute core-clock times services store (visibility
 * deadlines, TTLs) mean the same after a restart as before, even after {@code POST /_gureum/clock}.
 */
public final class CoreRecords {
    /** The API name of core's records. */
    public static final String SERVICE = "_core";

    private CoreRecords() {
    }

    /** How far the clock was ahead of the system time. */
    public record ClockOffset(long offsetMillis) {
    }

    /** Moves {@code clock} to the offset recorded, then journals every later advance. */
    public static void restoreClock(List<StateRecord> records, GureumClock clock, StateStore state) {
        for (StateRecord r : records) {
            if (r.kind().equals("clock")) {
                long millis = r.value(ClockOffset.class).offsetMillis();
                if (millis > 0) {
                    clock.advance(Duration.ofMillis(millis));
                }
            }
        }
        clock.onAdvance(() -> state.put(SERVICE, "", "", "clock", "offset",
                new ClockOffset(clock.offset().toMillis())));
    }

    public static void capture(GureumClock clock, Consumer<StateRecord> sink) {
        if (!clock.offset().isZero()) {
            sink.accept(StateRecord.of(SERVICE, "", "", "clock", "offset", new ClockOffset(clock.offset().toMillis())));
        }
    }
}
