package io.gureum.ec2.instances;

import io.gureum.core.error.AwsException;
import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Errors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.CapacityReservationSpecification;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Which Capacity Reservation an instance runs in, as "Capacity Reservation instance matching criteria" and "Use
 * Capacity Reservations" (EC2 User Guide) describe: an instance whose preference is {@code open} (the default)
 * runs in an active {@code open} reservation of its instance type, platform, Availability Zone and tenancy that
 * has room, else as On-Demand capacity; {@code none} never runs in one; {@code capacity-reservations-only} runs
 * only in such a reservation and fails to launch without room; an instance that targets a reservation by ID
 * runs only in that one ({@code targeted} or {@code open}), whose attributes must match. The reservations are
 * read with DescribeCapacityReservations through the EC2 API in-process, so their available counts are the
 * ones users see.
 */
final class LaunchCapacity {
    private static final Set<String> PREFERENCES = Set.of("open", "none", "capacity-reservations-only");

    /** What an instance asked for: a preference, or the reservation it targets (then the preference is null). */
    record Spec(String preference, String targetId) {
        static final Spec OPEN = new Spec("open", null);

        static Spec of(Instance i) {
            if (i.capacityReservationTargetId != null) {
                return new Spec(null, i.capacityReservationTargetId);
            }
            return new Spec(i.capacityReservationPreference == null ? "open" : i.capacityReservationPreference, null);
        }
    }

    /** The reservation of each instance to launch (null: On-Demand capacity); its size is the count to launch. */
    record Plan(List<String> reservations) {
    }

    private final Compute compute;

    LaunchCapacity(Compute compute) {
        this.compute = compute;
    }

    /**
     * The request's CapacityReservationSpecification, checked: a preference or a target, not both; a target
     * names a reservation ID or a resource group ARN. Capacity Reservation groups belong to AWS Resource
     * Groups, which Gureum does not serve: a group target is answered 501.
     */
    static Spec spec(CapacityReservationSpecification given) {
        if (given == null) {
            return Spec.OPEN;
        }
        String preference = given.capacityReservationPreferenceAsString();
        var target = given.capacityReservationTarget();
        if (preference != null && target != null) {
            throw Ec2Errors.combination("You can specify either CapacityReservationPreference or "
                    + "CapacityReservationTarget, not both.");
        }
        if (target != null) {
            if (target.capacityReservationResourceGroupArn() != null) {
                if (target.capacityReservationId() != null) {
                    throw Ec2Errors.combination("You can specify either CapacityReservationId or "
                            + "CapacityReservationResourceGroupArn, not both.");
                }
                throw new AwsException("NotImplemented", "CapacityReservationTarget.CapacityReservationResourceGroupArn "
                        + "is not implemented by Gureum: Capacity Reservation groups are AWS Resource Groups, which "
                        + "Gureum does not serve.", 501);
            }
            if (target.capacityReservationId() == null) {
                throw Ec2Errors.missing("CapacityReservationTarget.CapacityReservationId");
            }
            return new Spec(null, target.capacityReservationId());
        }
        if (preference == null) {
            return Spec.OPEN;
        }
        if (!PREFERENCES.contains(preference)) {
            throw Ec2Errors.invalidValue(preference, "CapacityReservationPreference",
                    "Valid values are: capacity-reservations-only, open, none.");
        }
        return new Spec(preference, null);
    }

    /** Checks that a targeted reservation exists (DescribeCapacityReservations' errors pass through). */
    void requireTarget(ComputeStore s, Spec spec) {
        if (spec.targetId() != null) {
            compute.network(s).describeCapacityReservations(b -> b.capacityReservationIds(spec.targetId()));
        }
    }

    /**
     * The reservations {@code count} instances (at least {@code min}) run in. A targeted reservation with room
     * for fewer than {@code min} is ReservationCapacityExceeded; {@code capacity-reservations-only} without room
     * for {@code min} is InsufficientInstanceCapacity. The plan holds fewer than {@code count} only then.
     */
    Plan plan(ComputeStore s, Spec spec, String type, String platform, String zone, String tenancy, int min,
            int count) {
        List<String> out = new ArrayList<>();
        if ("none".equals(spec.preference())) {
            for (int n = 0; n < count; n++) {
                out.add(null);
            }
            return new Plan(out);
        }
        if (spec.targetId() != null) {
            CapacityReservation c = compute.network(s).describeCapacityReservations(b -> b.capacityReservationIds(
                    spec.targetId())).capacityReservations().get(0);
            if (!"active".equals(c.stateAsString())) {
                throw Ec2Errors.invalidParameterValue("The Capacity Reservation " + c.capacityReservationId()
                        + " is in state " + c.stateAsString() + "; instances can launch only into an active one.");
            }
            if (!c.instanceType().equals(type) || !c.instancePlatformAsString().equals(platform)
                    || !c.availabilityZone().equals(zone) || !c.tenancyAsString().equals(tenancy)) {
                throw Ec2Errors.combination("The instance's attributes (instance type " + type + ", platform "
                        + platform + ", Availability Zone " + zone + ", tenancy " + tenancy + ") do not match those "
                        + "of the Capacity Reservation " + c.capacityReservationId() + " (" + c.instanceType()
                        + ", " + c.instancePlatformAsString() + ", " + c.availabilityZone() + ", "
                        + c.tenancyAsString() + ").");
            }
            int room = c.availableInstanceCount();
            if (room < min) {
                throw new AwsException("ReservationCapacityExceeded", "The requested number of instances exceeds the "
                        + "available capacity of the Capacity Reservation " + c.capacityReservationId() + " ("
                        + room + " available).", 400);
            }
            for (int n = 0; n < Math.min(count, room); n++) {
                out.add(c.capacityReservationId());
            }
            return new Plan(out);
        }
        List<CapacityReservation> open = compute.network(s).describeCapacityReservations(b -> b.filters(
                Filter.builder().name("state").values("active").build(),
                Filter.builder().name("instance-match-criteria").values("open").build(),
                Filter.builder().name("instance-type").values(type).build(),
                Filter.builder().name("instance-platform").values(platform).build(),
                Filter.builder().name("availability-zone").values(zone).build(),
                Filter.builder().name("tenancy").values(tenancy).build())).capacityReservations();
        for (CapacityReservation c : open) {
            for (int n = 0; n < c.availableInstanceCount() && out.size() < count; n++) {
                out.add(c.capacityReservationId());
            }
        }
        if ("capacity-reservations-only".equals(spec.preference())) {
            if (out.size() < min) {
                throw new AwsException("InsufficientInstanceCapacity", "There is not enough capacity in open "
                        + "Capacity Reservations matching the request (" + type + ", " + platform + ", " + zone
                        + ", tenancy " + tenancy + ") to launch " + min + " instance(s) with the preference "
                        + "capacity-reservations-only.", 500);
            }
            return new Plan(out);
        }
        while (out.size() < count) {
            out.add(null);
        }
        return new Plan(out);
    }
}
