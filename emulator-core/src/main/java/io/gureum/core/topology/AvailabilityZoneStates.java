package io.gureum.core.topology;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mutable state of each Availability Zone (every zone is {@link ZoneState#AVAILABLE} until
 * changed), for simulating an AZ outage. Thread-safe.
 */
public final class AvailabilityZoneStates {

    private final Topology topology;
    private final Map<String, ZoneState> states = new ConcurrentHashMap<>();

    public AvailabilityZoneStates(Topology topology) {
        this.topology = Objects.requireNonNull(topology, "topology");
    }

    public ZoneState state(String zoneName) {
        return states.getOrDefault(requireZone(zoneName), ZoneState.AVAILABLE);
    }

    public boolean isAvailable(String zoneName) {
        return state(zoneName) == ZoneState.AVAILABLE;
    }

    /**
     * Sets a zone's state and returns the change, or null if it was already in that state.
     *
     * @throws IllegalArgumentException if the topology has no zone of that name
     */
    public synchronized ZoneStateChanged set(String zoneName, ZoneState state) {
        Objects.requireNonNull(state, "state");
        ZoneState before = state(zoneName);
        if (before == state) {
            return null;
        }
        if (state == ZoneState.AVAILABLE) {
            states.remove(zoneName);
        } else {
            states.put(zoneName, state);
        }
        return new ZoneStateChanged(topology.zoneByName(zoneName).orElseThrow().regionName(), zoneName, before, state);
    }

    /** The zones that are not available, by name. */
    public Map<String, ZoneState> unavailable() {
        return Map.copyOf(states);
    }

    /** Every zone back to {@link ZoneState#AVAILABLE}; returns the changes. */
    public synchronized java.util.List<ZoneStateChanged> reset() {
        java.util.List<ZoneStateChanged> changes = new java.util.ArrayList<>();
        for (String zone : java.util.List.copyOf(states.keySet())) {
            changes.add(set(zone, ZoneState.AVAILABLE));
        }
        return changes;
    }

    private String requireZone(String zoneName) {
        if (zoneName == null || topology.zoneByName(zoneName).isEmpty()) {
            throw new IllegalArgumentException("Unknown Availability Zone: " + zoneName);
        }
        return zoneName;
    }
}
