package io.gureum.ec2.capacity;

import io.gureum.ec2.regional.Registered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One Capacity Reservation Fleet ({@code crf-…}): its instance type specifications, target and the reservations
 * it made. States are AWS's: {@code submitted}, {@code modifying}, {@code active}, {@code partially_fulfilled},
 * {@code expiring}, {@code expired}, {@code cancelling}, {@code cancelled}, {@code failed}.
 */
final class CapacityReservationFleet extends Registered {
    /** One instance type specification as given (weight 1 and no priority when not given). */
    record Spec(String instanceType, String platform, double weight, String zoneName, String zoneId,
            boolean ebsOptimized, Integer priority) {
    }

    final List<Spec> specs;
    final String tenancy;
    final String matchCriteria;
    final String allocationStrategy;
    int totalTarget;
    Instant endDate;
    String state = "submitted";
    /** When the current transitional state (submitted, modifying, cancelling) began. */
    Instant stateSince;
    /** The create request as given (without DryRun), to tell a client token reused with other parameters. */
    String request;
    /** Every reservation it made, in order. */
    final List<String> reservationIds = new ArrayList<>();

    CapacityReservationFleet(String id, String ownerId, String region, Instant created, List<Spec> specs,
            String tenancy, String matchCriteria, String allocationStrategy) {
        super(id, ownerId, region, created);
        this.specs = specs;
        this.tenancy = tenancy;
        this.matchCriteria = matchCriteria;
        this.allocationStrategy = allocationStrategy;
        this.stateSince = created;
    }

    @Override
    public String resourceType() {
        return "capacity-reservation-fleet";
    }

    String arn() {
        return "arn:aws:ec2:" + region + ":" + ownerId + ":capacity-reservation-fleet/" + id;
    }

    /** Whether it still keeps its reservations (not cancelled, expired or failed). */
    boolean live() {
        return switch (state) {
            case "submitted", "modifying", "active", "partially_fulfilled" -> true;
            default -> false;
        };
    }
}
