package io.gureum.core.topology;

/**
 * Published on the {@link io.gureum.core.events.EventBus} when an Availability Zone's state changes
 * ({@code /_gureum/faults/az-outage}): services react as AWS does in an outage (EC2 stops the zone's
 * instances and refuses launches into it, NAT gateways in it fail) and recover when it is lifted.
 */
public record ZoneStateChanged(String region, String zoneName, ZoneState from, ZoneState to) {
}
