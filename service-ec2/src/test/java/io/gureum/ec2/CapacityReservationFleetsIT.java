package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.CapacityReservationFleet;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationFleetResponse;
import software.amazon.awssdk.services.ec2.model.FleetCapacityReservation;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.ReservationFleetInstanceSpecification;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Capacity Reservation Fleets through the SDK: reservations made by priority and weight, states on the clock. */
class CapacityReservationFleetsIT extends Ec2ApiTestBase {
    @org.junit.jupiter.api.BeforeAll
    static void warmUp() {
        InProcessWarmUp.ec2(gureum);
    }

    static ReservationFleetInstanceSpecification spec(String type, double weight, Integer priority, String zone) {
        return ReservationFleetInstanceSpecification.builder().instanceType(type).instancePlatform("Linux/UNIX")
                .weight(weight).priority(priority).availabilityZone(zone).build();
    }

    static CapacityReservationFleet fleetIn(Ec2Client ec2, String id) {
        return fleet(ec2, id);
    }

    static CapacityReservationFleet fleet(Ec2Client ec2, String id) {
        return ec2.describeCapacityReservationFleets(b -> b.capacityReservationFleetIds(id)).capacityReservationFleets()
                .get(0);
    }

    static CapacityReservation reservation(Ec2Client ec2, String id) {
        return ec2.describeCapacityReservations(b -> b.capacityReservationIds(id)).capacityReservations().get(0);
    }

    static void tick(Duration d) {
        gureum.context().clock().advance(d);
    }

    @Test
    void createReservesByPriorityAndWeightModifiesMaintainsAndCancels() {
        try (Ec2Client ec2 = ec2()) {
            String token = UUID.randomUUID().toString();
            CreateCapacityReservationFleetResponse made = ec2.createCapacityReservationFleet(b -> b
                    .clientToken(token).totalTargetCapacity(20)
                    .instanceTypeSpecifications(spec("m5.xlarge", 4, 2, "ap-northeast-2a"),
                            spec("m5.2xlarge", 8, 1, "ap-northeast-2a"))
                    .tagSpecifications(t -> t.resourceType(ResourceType.CAPACITY_RESERVATION_FLEET)
                            .tags(x -> x.key("team").value("blue"))));
            String id = made.capacityReservationFleetId();
            assertTrue(id.matches("crf-[0-9a-f]{17}"), id);
            assertEquals("submitted", made.stateAsString());
            assertEquals(0.0, made.totalFulfilledCapacity());
            assertEquals(20, made.totalTargetCapacity());
            assertEquals("prioritized", made.allocationStrategy());
            assertEquals("open", made.instanceMatchCriteriaAsString());
            assertEquals("default", made.tenancyAsString());
            assertEquals(List.of(), made.fleetCapacityReservations());
            assertEquals("blue", made.tags().get(0).value());
            // The same client token answers the same fleet.
            assertEquals(id, ec2.createCapacityReservationFleet(b -> b.clientToken(token).totalTargetCapacity(20)
                    .instanceTypeSpecifications(spec("m5.xlarge", 4, 2, "ap-northeast-2a"),
                            spec("m5.2xlarge", 8, 1, "ap-northeast-2a"))
                    .tagSpecifications(t -> t.resourceType(ResourceType.CAPACITY_RESERVATION_FLEET)
                            .tags(x -> x.key("team").value("blue")))).capacityReservationFleetId());
            fails("IdempotentParameterMismatch", 400, () -> ec2.createCapacityReservationFleet(b -> b.clientToken(token)
                    .totalTargetCapacity(21).instanceTypeSpecifications(spec("m5.xlarge", 4, 2, "ap-northeast-2a"))));
            assertEquals("submitted", fleet(ec2, id).stateAsString());

            // Priority 1 first: 2 × m5.2xlarge (16 units), then 1 × m5.xlarge for the remaining 4.
            tick(Duration.ofSeconds(6));
            CapacityReservationFleet f = fleet(ec2, id);
            assertEquals("active", f.stateAsString());
            assertEquals(20.0, f.totalFulfilledCapacity());
            assertEquals("arn:aws:ec2:ap-northeast-2:123456789012:capacity-reservation-fleet/" + id,
                    f.capacityReservationFleetArn());
            FleetCapacityReservation big = byType(f, "m5.2xlarge");
            assertEquals(2, big.totalInstanceCount());
            assertEquals(16.0, big.fulfilledCapacity());
            assertEquals(1, big.priority());
            assertEquals(8.0, big.weight());
            assertEquals(1, byType(f, "m5.xlarge").totalInstanceCount());
            // They are ordinary Capacity Reservations carrying the fleet's ID, matching and tags.
            CapacityReservation r = reservation(ec2, big.capacityReservationId());
            assertEquals(id, r.capacityReservationFleetId());
            assertEquals("active", r.stateAsString());
            assertEquals("open", r.instanceMatchCriteriaAsString());
            assertEquals("unlimited", r.endDateTypeAsString());
            assertEquals("blue", r.tags().get(0).value());
            assertEquals("ap-northeast-2a", r.availabilityZone());

            // Up to 40: 5 × m5.2xlarge, and the m5.xlarge reservation is no longer needed.
            assertTrue(ec2.modifyCapacityReservationFleet(b -> b.capacityReservationFleetId(id).totalTargetCapacity(40))
                    .returnValue());
            f = fleet(ec2, id);
            assertEquals("modifying", f.stateAsString());
            assertEquals(40, f.totalTargetCapacity());
            assertEquals(5, byType(f, "m5.2xlarge").totalInstanceCount());
            assertEquals(List.of("m5.2xlarge"), types(f));
            fails("IncorrectState", 400, () -> ec2.modifyCapacityReservationFleet(b -> b
                    .capacityReservationFleetId(id).totalTargetCapacity(8)));
            tick(Duration.ofSeconds(6));
            assertEquals("active", fleet(ec2, id).stateAsString());
            assertEquals(40.0, fleet(ec2, id).totalFulfilledCapacity());

            // A reservation of the fleet cancelled on its own is made again: the fleet maintains its capacity.
            String first = byType(fleet(ec2, id), "m5.2xlarge").capacityReservationId();
            ec2.cancelCapacityReservation(b -> b.capacityReservationId(first));
            f = fleet(ec2, id);
            assertEquals("active", f.stateAsString());
            assertTrue(!byType(f, "m5.2xlarge").capacityReservationId().equals(first));
            assertEquals(40.0, f.totalFulfilledCapacity());

            // An end date reaches its reservations; removing it makes them unlimited again.
            Instant end = gureum.context().clock().now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS);
            ec2.modifyCapacityReservationFleet(b -> b.capacityReservationFleetId(id).endDate(end));
            CapacityReservation limited = reservation(ec2, byType(fleet(ec2, id), "m5.2xlarge").capacityReservationId());
            assertEquals("limited", limited.endDateTypeAsString());
            assertEquals(end, limited.endDate());
            tick(Duration.ofSeconds(6));
            ec2.modifyCapacityReservationFleet(b -> b.capacityReservationFleetId(id).removeEndDate(true));
            assertNull(fleet(ec2, id).endDate());
            assertEquals("unlimited", reservation(ec2, limited.capacityReservationId()).endDateTypeAsString());
            tick(Duration.ofSeconds(6));

            var cancelled = ec2.cancelCapacityReservationFleets(b -> b.capacityReservationFleetIds(id, "crf-1",
                    "crf-0123456789abcdef0"));
            assertEquals("cancelling", cancelled.successfulFleetCancellations().get(0).currentFleetStateAsString());
            assertEquals("active", cancelled.successfulFleetCancellations().get(0).previousFleetStateAsString());
            assertEquals(List.of("InvalidCapacityReservationFleetId.Malformed",
                    "InvalidCapacityReservationFleetId.NotFound"), cancelled.failedFleetCancellations().stream()
                    .map(x -> x.cancelCapacityReservationFleetError().code()).toList());
            assertEquals("cancelled", reservation(ec2, limited.capacityReservationId()).stateAsString());
            tick(Duration.ofSeconds(6));
            f = fleet(ec2, id);
            assertEquals("cancelled", f.stateAsString());
            assertEquals(0.0, f.totalFulfilledCapacity());
            assertEquals("IncorrectState", ec2.cancelCapacityReservationFleets(b -> b.capacityReservationFleetIds(id))
                    .failedFleetCancellations().get(0).cancelCapacityReservationFleetError().code());
            fails("IncorrectState", 400, () -> ec2.modifyCapacityReservationFleet(b -> b
                    .capacityReservationFleetId(id).totalTargetCapacity(8)));
        }
    }

    @Test
    void partiallyFulfilledFailedAndExpiredOnTheClock() {
        try (Ec2Client ec2 = ec2()) {
            Instant end = gureum.context().clock().now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS);
            // 10 units of weight 4: 2 instances, 8 units, never above the target.
            String partial = ec2.createCapacityReservationFleet(b -> b.totalTargetCapacity(10).endDate(end)
                    .instanceTypeSpecifications(spec("c5.large", 4, null, "ap-northeast-2a")))
                    .capacityReservationFleetId();
            // A type not offered in the zone is insufficient capacity for it.
            String unoffered = typeNotOfferedIn(ec2, "ap-northeast-2c");
            String failed = ec2.createCapacityReservationFleet(b -> b.totalTargetCapacity(2)
                    .instanceTypeSpecifications(spec(unoffered, 1, 0, "ap-northeast-2c")))
                    .capacityReservationFleetId();
            tick(Duration.ofSeconds(6));
            CapacityReservationFleet p = fleet(ec2, partial);
            assertEquals("partially_fulfilled", p.stateAsString());
            assertEquals(8.0, p.totalFulfilledCapacity());
            assertEquals(2, p.instanceTypeSpecifications().get(0).totalInstanceCount());
            assertEquals("failed", fleet(ec2, failed).stateAsString());
            assertEquals(Set.of(partial), ec2.describeCapacityReservationFleets(b -> b.capacityReservationFleetIds(
                    partial, failed).filters(x -> x.name("state").values("partially_fulfilled")))
                    .capacityReservationFleets().stream().map(CapacityReservationFleet::capacityReservationFleetId)
                    .collect(Collectors.toSet()));
            var page = ec2.describeCapacityReservationFleets(b -> b.maxResults(1));
            assertEquals(1, page.capacityReservationFleets().size());
            assertNotNull(page.nextToken());

            String reservationId = p.instanceTypeSpecifications().get(0).capacityReservationId();
            assertEquals(end, reservation(ec2, reservationId).endDate());
            tick(Duration.between(gureum.context().clock().now(), end));
            String expiring = fleet(ec2, partial).stateAsString();
            if (gureum.context().clock().now().isBefore(end.plusSeconds(5))) {
                assertEquals("expiring", expiring);
            }
            assertEquals("expired", reservation(ec2, reservationId).stateAsString());
            tick(Duration.ofSeconds(6));
            assertEquals("expired", fleet(ec2, partial).stateAsString());
            assertEquals("IncorrectState", ec2.cancelCapacityReservationFleets(b -> b.capacityReservationFleetIds(
                    partial)).failedFleetCancellations().get(0).cancelCapacityReservationFleetError().code());
        }
    }

    @Test
    void errorsAndDryRun() {
        try (Ec2Client ec2 = ec2()) {
            var a = spec("m5.large", 1, 1, "ap-northeast-2a");
            fails("MissingParameter", 400, () -> ec2.createCapacityReservationFleet(b -> b.totalTargetCapacity(1)));
            fails("InvalidParameterValue", 400, () -> ec2.createCapacityReservationFleet(b -> b.totalTargetCapacity(0)
                    .instanceTypeSpecifications(a)));
            fails("InvalidParameterValue", 400, () -> ec2.createCapacityReservationFleet(b -> b.totalTargetCapacity(1)
                    .instanceTypeSpecifications(spec("m5.huge", 1, 1, "ap-northeast-2a"))));
            fails("InvalidParameterValue", 400, () -> ec2.createCapacityReservationFleet(b -> b.totalTargetCapacity(1)
                    .instanceTypeSpecifications(spec("m5.large", 100, 1, "ap-northeast-2a"))));
            fails("InvalidParameterCombination", 400, () -> ec2.createCapacityReservationFleet(b -> b
                    .totalTargetCapacity(1).instanceTypeSpecifications(a, spec("c5.large", 1, 2, "ap-northeast-2b"))));
            fails("InvalidParameterValue", 400, () -> ec2.createCapacityReservationFleet(b -> b.totalTargetCapacity(1)
                    .instanceTypeSpecifications(a, a)));
            fails("InvalidParameterValue", 400, () -> ec2.createCapacityReservationFleet(b -> b.totalTargetCapacity(1)
                    .allocationStrategy("lowest-price").instanceTypeSpecifications(a)));
            fails("InvalidParameterValue", 400, () -> ec2.createCapacityReservationFleet(b -> b.totalTargetCapacity(1)
                    .endDate(gureum.context().clock().now().minusSeconds(1)).instanceTypeSpecifications(a)));
            fails("InvalidParameterValue", 400, () -> ec2.createCapacityReservationFleet(b -> b.totalTargetCapacity(1)
                    .instanceTypeSpecifications(a).tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE)
                            .tags(x -> x.key("k").value("v")))));
            fails("DryRunOperation", 412, () -> ec2.createCapacityReservationFleet(b -> b.totalTargetCapacity(1)
                    .instanceTypeSpecifications(a).dryRun(true)));
            fails("DryRunOperation", 412, () -> ec2.describeCapacityReservationFleets(b -> b.dryRun(true)));
            fails("InvalidCapacityReservationFleetId.NotFound", 400, () -> fleet(ec2, "crf-0123456789abcdef0"));
            fails("InvalidCapacityReservationFleetId.Malformed", 400, () -> fleet(ec2, "fleet-1"));
            String id = ec2.createCapacityReservationFleet(b -> b.totalTargetCapacity(1).instanceTypeSpecifications(a))
                    .capacityReservationFleetId();
            tick(Duration.ofSeconds(6));
            fails("DryRunOperation", 412, () -> ec2.modifyCapacityReservationFleet(b -> b.capacityReservationFleetId(id)
                    .totalTargetCapacity(2).dryRun(true)));
            fails("InvalidParameterCombination", 400, () -> ec2.modifyCapacityReservationFleet(b -> b
                    .capacityReservationFleetId(id).removeEndDate(true)
                    .endDate(gureum.context().clock().now().plusSeconds(7200))));
            fails("MissingParameter", 400, () -> ec2.modifyCapacityReservationFleet(b -> b
                    .capacityReservationFleetId(id)));
            fails("InvalidCapacityReservationFleetId.NotFound", 400, () -> ec2.modifyCapacityReservationFleet(b -> b
                    .capacityReservationFleetId("crf-0123456789abcdef0").totalTargetCapacity(2)));
            fails("DryRunOperation", 412, () -> ec2.cancelCapacityReservationFleets(b -> b
                    .capacityReservationFleetIds(id).dryRun(true)));
            fails("MissingParameter", 400, () -> ec2.cancelCapacityReservationFleets(b -> { }));
            assertEquals("active", fleet(ec2, id).stateAsString());
            ec2.cancelCapacityReservationFleets(b -> b.capacityReservationFleetIds(id));
        }
    }

    private static FleetCapacityReservation byType(CapacityReservationFleet f, String type) {
        return f.instanceTypeSpecifications().stream().filter(x -> x.instanceTypeAsString().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError(type + " in " + f));
    }

    private static List<String> types(CapacityReservationFleet f) {
        return f.instanceTypeSpecifications().stream().map(FleetCapacityReservation::instanceTypeAsString).toList();
    }

    /** A bare-metal type (offered in the region's first zone, not in every other) that the zone does not offer. */
    static String typeNotOfferedIn(Ec2Client ec2, String zone) {
        List<String> candidates = List.of("m5.metal", "c5.metal", "r5.metal", "m5d.metal", "c5d.metal", "r5d.metal",
                "m6i.metal", "c6i.metal", "r6i.metal", "i3.metal", "z1d.metal", "m5zn.metal");
        Set<String> here = ec2.describeInstanceTypeOfferings(b -> b.locationType("availability-zone")
                .filters(x -> x.name("location").values(zone), x -> x.name("instance-type").values(candidates)))
                .instanceTypeOfferings().stream().map(InstanceTypeOffering::instanceTypeAsString)
                .collect(Collectors.toSet());
        return candidates.stream().filter(t -> !here.contains(t)).findFirst().orElseThrow();
    }
}
