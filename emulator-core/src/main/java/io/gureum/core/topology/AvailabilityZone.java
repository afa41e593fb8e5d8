package io.gureum.core.topology;

import java.util.Objects;

/**
 * An Availability Zone: its name ({@code ap-northeast-2a}), its account-independent ID
 * ({@code apne2-az1}) and its region. Immutable; the zone's state is kept by
 * {@link AvailabilityZoneStates}.
 */
public record AvailabilityZone(String zoneName, String zoneId, String regionName) {

    public AvailabilityZone {
        Objects.requireNonNull(zoneName, "zoneName");
        Objects.requireNonNull(zoneId, "zoneId");
        Objects.requireNonNull(regionName, "regionName");
    }
}
