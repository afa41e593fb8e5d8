package io.gureum.ec2.capacity;

import io.gureum.ec2.regional.Registered;
import java.time.Instant;

/** One Capacity Reservation. {@code state} is {@code active}, {@code expired} or {@code cancelled}. */
final class CapacityReservation extends Registered {
    final String instanceType;
    final String platform;
    final String zoneName;
    final String zoneId;
    final String tenancy;
    final boolean ebsOptimized;
    final boolean ephemeralStorage;
    int count;
    Instant endDate;
    String endDateType;
    String matchCriteria;
    String state = "active";
    /** The Capacity Reservation Fleet that made it, or null. */
    String fleetId;

    CapacityReservation(String id, String ownerId, String region, Instant created, String instanceType,
            String platform, String zoneName, String zoneId, String tenancy, boolean ebsOptimized,
            boolean ephemeralStorage) {
        super(id, ownerId, region, created);
        this.instanceType = instanceType;
        this.platform = platform;
        this.zoneName = zoneName;
        this.zoneId = zoneId;
        this.tenancy = tenancy;
        this.ebsOptimized = ebsOptimized;
        this.ephemeralStorage = ephemeralStorage;
    }

    @Override
    public String resourceType() {
        return "capacity-reservation";
    }

    /** A limited reservation expires at its end date (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/capacity-reservations-using.html). */
    void settle(Instant now) {
        if (state.equals("active") && "limited".equals(endDateType) && endDate != null && !now.isBefore(endDate)) {
            state = "expired";
        }
    }

    String arn() {
        return "arn:aws:ec2:" + region + ":" + ownerId + ":capacity-reservation/" + id;
    }
}
