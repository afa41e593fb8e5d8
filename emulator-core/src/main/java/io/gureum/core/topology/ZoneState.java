package io.gureum.core.topology;

import java.util.Locale;

/** The state of an Availability Zone, as DescribeAvailabilityZones reports it. */
public enum ZoneState {
    AVAILABLE,
    IMPAIRED,
    UNAVAILABLE;

    /** The value on the wire: {@code available}, {@code impaired}, {@code unavailable}. */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
