package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

/** Instances consuming On-Demand Capacity Reservations: matching, targeting, release on stop, end and cancel. */
class CapacityReservationUseIT extends Ec2ApiTestBase {
    private static final String ZONE = "ap-northeast-2a";

    private static String ami(Ec2Client ec2) {
        return InstancesIT.al2023(ec2, "x86_64");
    }

    private static CapacityReservation reservation(Ec2Client ec2, String id) {
        return ec2.describeCapacityReservations(b -> b.capacityReservationIds(id)).capacityReservations().get(0);
    }

    private static String create(Ec2Client ec2, String type, int count, String match) {
        return ec2.createCapacityReservation(b -> b.instanceType(type).instancePlatform("Linux/UNIX")
                .availabilityZone(ZONE).instanceCount(count).instanceMatchCriteria(match)).capacityReservation()
                .capacityReservationId();
    }

    private static List<Instance> run(Ec2Client ec2, String type, int count,
            java.util.function.Consumer<software.amazon.awssdk.services.ec2.model.RunInstancesRequest.Builder> more) {
        String ami = ami(ec2);
        return ec2.runInstances(b -> {
            b.imageId(ami).instanceType(type).minCount(1).maxCount(count).placement(p -> p.availabilityZone(ZONE));
            more.accept(b);
        }).instances();
    }

    private static Instance describe(Ec2Client ec2, String id) {
        return InstancesIT.describe(ec2, id);
    }

    @Test
    void openReservationIsUsedByMatchingInstancesAndFreedOnStopAndTerminate() {
        try (Ec2Client ec2 = ec2()) {
            String cr = create(ec2, "m5.large", 2, "open");
            // Another platform, zone or tenancy does not match.
            String other = ec2.runInstances(b -> b.imageId(ami(ec2)).instanceType("m5.large").minCount(1).maxCount(1)
                    .placement(p -> p.availabilityZone("ap-northeast-2b"))).instances().get(0).instanceId();
            assertNull(describe(ec2, other).capacityReservationId());
            assertEquals(2, reservation(ec2, cr).availableInstanceCount());

            List<Instance> three = run(ec2, "m5.large", 3, b -> { });
            assertEquals(3, three.size());
            assertEquals(cr, three.get(0).capacityReservationId());
            assertEquals(cr, three.get(1).capacityReservationId());
            assertNull(three.get(2).capacityReservationId());
            assertEquals("open", three.get(2).capacityReservationSpecification().capacityReservationPreferenceAsString());
            CapacityReservation c = reservation(ec2, cr);
            assertEquals(2, c.totalInstanceCount());
            assertEquals(0, c.availableInstanceCount());
            var usage = ec2.getCapacityReservationUsage(b -> b.capacityReservationId(cr));
            assertEquals(0, usage.availableInstanceCount());
            assertEquals(2, usage.instanceUsages().get(0).usedInstanceCount());
            assertEquals("123456789012", usage.instanceUsages().get(0).accountId());
            assertEquals(2, ec2.describeInstances(b -> b.filters(Filter.builder().name("capacity-reservation-id")
                    .values(cr).build())).reservations().get(0).instances().size());
            fails("InvalidCapacityReservationId.NotFound", 400, () -> ec2.getCapacityReservationUsage(b -> b
                    .capacityReservationId("cr-0123456789abcdef0")));

            String first = three.get(0).instanceId();
            ec2.stopInstances(b -> b.instanceIds(first));
            assertNull(describe(ec2, first).capacityReservationId());
            assertEquals(1, reservation(ec2, cr).availableInstanceCount());
            InstancesIT.advance(Duration.ofMinutes(5));
            ec2.startInstances(b -> b.instanceIds(first));
            assertEquals(cr, describe(ec2, first).capacityReservationId());
            assertEquals(0, reservation(ec2, cr).availableInstanceCount());

            ec2.terminateInstances(b -> b.instanceIds(first, three.get(1).instanceId()));
            assertEquals(2, reservation(ec2, cr).availableInstanceCount());
            assertTrue(ec2.getCapacityReservationUsage(b -> b.capacityReservationId(cr)).instanceUsages().isEmpty());
        }
    }

    @Test
    void targetedReservationTakesOnlyInstancesThatTargetIt() {
        try (Ec2Client ec2 = ec2()) {
            String cr = create(ec2, "c5.large", 1, "targeted");
            assertNull(run(ec2, "c5.large", 1, b -> { }).get(0).capacityReservationId());
            fails("InsufficientInstanceCapacity", 500, () -> run(ec2, "c5.large", 1, b -> b
                    .capacityReservationSpecification(s -> s.capacityReservationPreference("capacity-reservations-only"))));

            Instance in = run(ec2, "c5.large", 1, b -> b.capacityReservationSpecification(s -> s
                    .capacityReservationTarget(t -> t.capacityReservationId(cr)))).get(0);
            assertEquals(cr, in.capacityReservationId());
            assertEquals(cr, describe(ec2, in.instanceId()).capacityReservationSpecification().capacityReservationTarget()
                    .capacityReservationId());
            assertNull(describe(ec2, in.instanceId()).capacityReservationSpecification()
                    .capacityReservationPreferenceAsString());
            assertTrue(fails("ReservationCapacityExceeded", 400, () -> run(ec2, "c5.large", 1, b -> b
                    .capacityReservationSpecification(s -> s.capacityReservationTarget(t -> t
                            .capacityReservationId(cr))))).contains(cr));
            fails("InvalidParameterCombination", 400, () -> run(ec2, "c5.xlarge", 1, b -> b
                    .capacityReservationSpecification(s -> s.capacityReservationTarget(t -> t.capacityReservationId(cr)))));
            fails("InvalidParameterCombination", 400, () -> run(ec2, "c5.large", 1, b -> b
                    .capacityReservationSpecification(s -> s.capacityReservationPreference("open")
                            .capacityReservationTarget(t -> t.capacityReservationId(cr)))));
            fails("InvalidCapacityReservationId.NotFound", 400, () -> run(ec2, "c5.large", 1, b -> b
                    .capacityReservationSpecification(s -> s.capacityReservationTarget(t -> t
                            .capacityReservationId("cr-0123456789abcdef0")))));
            assertTrue(fails("NotImplemented", 501, () -> run(ec2, "c5.large", 1, b -> b
                    .capacityReservationSpecification(s -> s.capacityReservationTarget(t -> t
                            .capacityReservationResourceGroupArn("arn:aws:resource-groups:ap-northeast-2:123456789012:"
                                    + "group/g"))))).contains("CapacityReservationResourceGroupArn"));

            // An open reservation is not used by an instance whose preference is none.
            String open = create(ec2, "c5.2xlarge", 1, "open");
            Instance none = run(ec2, "c5.2xlarge", 1, b -> b.capacityReservationSpecification(s -> s
                    .capacityReservationPreference("none"))).get(0);
            assertNull(none.capacityReservationId());
            assertEquals(1, reservation(ec2, open).availableInstanceCount());
            Instance only = run(ec2, "c5.2xlarge", 2, b -> b.capacityReservationSpecification(s -> s
                    .capacityReservationPreference("capacity-reservations-only"))).get(0);
            assertEquals(open, only.capacityReservationId());
            assertEquals(1, ec2.describeInstances(b -> b.filters(Filter.builder()
                    .name("capacity-reservation-specification.capacity-reservation-preference")
                    .values("capacity-reservations-only").build())).reservations().get(0).instances().size());
        }
    }

    @Test
    void cancelledAndExpiredReservationsReleaseTheirInstancesToOnDemand() {
        try (Ec2Client ec2 = ec2()) {
            Instant end = gureum.context().clock().now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
            String limited = ec2.createCapacityReservation(b -> b.instanceType("r5.large").instancePlatform("Linux/UNIX")
                    .availabilityZone(ZONE).instanceCount(1).endDateType("limited").endDate(end)).capacityReservation()
                    .capacityReservationId();
            String cancelled = create(ec2, "r5.xlarge", 1, "open");
            String a = run(ec2, "r5.large", 1, b -> { }).get(0).instanceId();
            String b2 = run(ec2, "r5.xlarge", 1, b -> { }).get(0).instanceId();
            assertEquals(limited, describe(ec2, a).capacityReservationId());
            assertEquals(cancelled, describe(ec2, b2).capacityReservationId());

            ec2.cancelCapacityReservation(b -> b.capacityReservationId(cancelled));
            assertNull(describe(ec2, b2).capacityReservationId());
            assertTrue(List.of("pending", "running").contains(describe(ec2, b2).state().nameAsString()));
            assertEquals(0, reservation(ec2, cancelled).availableInstanceCount());

            InstancesIT.advance(Duration.ofHours(3));
            assertEquals("expired", reservation(ec2, limited).stateAsString());
            assertNull(describe(ec2, a).capacityReservationId());
            assertEquals("running", describe(ec2, a).state().nameAsString());
        }
    }

    @Test
    void modifyInstanceCapacityReservationAttributesAppliesAtTheNextStart() {
        try (Ec2Client ec2 = ec2()) {
            String cr = create(ec2, "m5.xlarge", 1, "targeted");
            String id = run(ec2, "m5.xlarge", 1, b -> { }).get(0).instanceId();
            assertNull(describe(ec2, id).capacityReservationId());
            fails("IncorrectInstanceState", 400, () -> ec2.modifyInstanceCapacityReservationAttributes(b -> b
                    .instanceId(id).capacityReservationSpecification(s -> s.capacityReservationTarget(t -> t
                            .capacityReservationId(cr)))));
            ec2.stopInstances(b -> b.instanceIds(id));
            InstancesIT.advance(Duration.ofMinutes(5));
            fails("MissingParameter", 400, () -> ec2.modifyInstanceCapacityReservationAttributes(b -> b.instanceId(id)));
            fails("InvalidCapacityReservationId.NotFound", 400, () -> ec2.modifyInstanceCapacityReservationAttributes(
                    b -> b.instanceId(id).capacityReservationSpecification(s -> s.capacityReservationTarget(t -> t
                            .capacityReservationId("cr-0123456789abcdef0")))));
            fails("InvalidInstanceID.NotFound", 400, () -> ec2.modifyInstanceCapacityReservationAttributes(b -> b
                    .instanceId("i-0123456789abcdef0").capacityReservationSpecification(s -> s
                            .capacityReservationPreference("none"))));
            fails("DryRunOperation", 412, () -> ec2.modifyInstanceCapacityReservationAttributes(b -> b.instanceId(id)
                    .dryRun(true).capacityReservationSpecification(s -> s.capacityReservationTarget(t -> t
                            .capacityReservationId(cr)))));
            assertTrue(ec2.modifyInstanceCapacityReservationAttributes(b -> b.instanceId(id)
                    .capacityReservationSpecification(s -> s.capacityReservationTarget(t -> t.capacityReservationId(cr))))
                    .returnValue());
            ec2.startInstances(b -> b.instanceIds(id));
            assertEquals(cr, describe(ec2, id).capacityReservationId());
            assertEquals(0, reservation(ec2, cr).availableInstanceCount());
        }
    }

    @Test
    void aLaunchTemplatesCapacityReservationSpecificationIsUsed() {
        try (Ec2Client ec2 = ec2()) {
            String cr = create(ec2, "r5.2xlarge", 1, "targeted");
            String template = ec2.createLaunchTemplate(b -> b.launchTemplateName("cr-target").launchTemplateData(d -> d
                    .imageId(ami(ec2)).instanceType("r5.2xlarge").placement(p -> p.availabilityZone(ZONE))
                    .capacityReservationSpecification(s -> s.capacityReservationTarget(t -> t
                            .capacityReservationId(cr))))).launchTemplate().launchTemplateId();
            Instance i = ec2.runInstances(b -> b.minCount(1).maxCount(1).launchTemplate(t -> t
                    .launchTemplateId(template))).instances().get(0);
            assertEquals(cr, i.capacityReservationId());
        }
    }
}
