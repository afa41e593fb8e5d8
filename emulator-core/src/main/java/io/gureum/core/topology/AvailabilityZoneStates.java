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
     * @throws IllegalArgumentException if the topology has no zone of that name
     */
    public void set(String zoneName, ZoneState state) {
        Objects.requireNonNull(state, "state");
        if (state == ZoneState.AVAILABLE) {
            states.remove(requireZone(zoneName));
        } else {
            states.put(requireZone(zoneName), state);
        }
    }

    /** Every zone back to {@link ZoneState#AVAILABLE}. */
    public void reset() {
        states.clear();
    }

    private String requireZone(String zoneName) {
        if (zoneName == null || topology.zoneByName(zoneName).isEmpty()) {
            throw new IllegalArgumentException("Unknown Availability Zone: " + zoneName);
        }
        return zoneName;
    }
}
