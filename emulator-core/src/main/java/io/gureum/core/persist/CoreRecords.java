package io.gureum.core.persist;

import io.gureum.core.events.EventBus;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.AvailabilityZoneStates;
import io.gureum.core.topology.ZoneState;
import io.gureum.core.topology.ZoneStateChanged;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Core's own records: the clock's offset, so that the absolute core-clock times services store (visibility
 * deadlines, TTLs) mean the same after a restart as before, even after {@code POST /_gureum/clock}; and the
 * Availability Zones in an outage ({@code /_gureum/faults/az-outage}), so a restart does not lift one.
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

    /** An Availability Zone's state other than available. */
    public record ZoneOutage(String state) {
    }

    /**
     * Puts the zones recorded in an outage back in it, without announcing the change (what the outage did to
     * each service's resources, such as stopped instances, is in that service's records), then journals every
     * later change of a zone's state.
     */
    public static void restoreZones(List<StateRecord> records, AvailabilityZoneStates zones, EventBus events,
            StateStore state) {
        for (StateRecord r : records) {
            if (r.kind().equals("zone")) {
                try {
                    zones.set(r.key(), ZoneState.valueOf(r.value(ZoneOutage.class).state()));
                } catch (IllegalArgumentException unknownZone) {
                    // a zone of a topology this run does not have: the outage has nothing to apply to
                }
            }
        }
        events.subscribe(ZoneStateChanged.class, c -> {
            if (c.to() == ZoneState.AVAILABLE) {
                state.delete(SERVICE, "", "", "zone", c.zoneName());
            } else {
                state.put(SERVICE, "", "", "zone", c.zoneName(), new ZoneOutage(c.to().name()));
            }
        });
    }

    public static void captureZones(AvailabilityZoneStates zones, Consumer<StateRecord> sink) {
        zones.unavailable().forEach((zone, s) -> sink.accept(StateRecord.of(SERVICE, "", "", "zone", zone,
                new ZoneOutage(s.name()))));
    }

    public static void capture(GureumClock clock, Consumer<StateRecord> sink) {
        if (!clock.offset().isZero()) {
            sink.accept(StateRecord.of(SERVICE, "", "", "clock", "offset", new ClockOffset(clock.offset().toMillis())));
        }
    }
}
