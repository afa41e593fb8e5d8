package io.gureum.ec2.capacity;

import java.time.Instant;

/**
 * A stretch of time an instance ran (pending or running) as one kind of capacity: in a Capacity Reservation, as
 * unreserved On-Demand capacity, or as Spot. {@code end} is null while it lasts.
 */
final class UsageSegment {
    public String instanceId;
    public String instanceType;
    public String zoneId;
    public String platform;
    public String tenancy;
    public boolean spot;
    /** The Capacity Reservation it ran in, or null. */
    public String reservationId;
    public Instant start;
    public Instant end;

    UsageSegment() {
    }

    boolean open() {
        return end == null;
    }
}
