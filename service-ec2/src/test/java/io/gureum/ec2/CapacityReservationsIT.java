package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** On-Demand Capacity Reservations through the SDK, their end dates on the emulator's clock. */
class CapacityReservationsIT extends Ec2ApiTestBase {

    private static CapacityReservation describe(Ec2Client ec2, String id) {
        return ec2.describeCapacityReservations(b -> b.capacityReservationIds(id)).capacityReservations().get(0);
    }

    @Test
    void createDescribeModifyCancel() {
        try (Ec2Client ec2 = ec2()) {
            String tag = UUID.randomUUID().toString();
            CapacityReservation c = ec2.createCapacityReservation(b -> b.instanceType("t3.micro")
                    .instancePlatform("Linux/UNIX").availabilityZone("ap-northeast-2a").instanceCount(2)
                    .tagSpecifications(t -> t.resourceType(ResourceType.CAPACITY_RESERVATION)
                            .tags(x -> x.key("t").value(tag)))).capacityReservation();
            assertTrue(c.capacityReservationId().matches("cr-[0-9a-f]{17}"), c.capacityReservationId());
            assertEquals("active", c.stateAsString());
            assertEquals("unlimited", c.endDateTypeAsString());
            assertEquals("open", c.instanceMatchCriteriaAsString());
            assertEquals("default", c.tenancyAsString());
            assertEquals(2, c.totalInstanceCount());
            assertEquals(2, c.availableInstanceCount());
            assertEquals("arn:aws:ec2:ap-northeast-2:123456789012:capacity-reservation/" + c.capacityReservationId(),
                    c.capacityReservationArn());
            assertEquals(c.capacityReservationId(), ec2.describeCapacityReservations(b -> b.filters(
                    f -> f.name("tag:t").values(tag), f -> f.name("instance-type").values("t3.micro")))
                    .capacityReservations().get(0).capacityReservationId());
            assertEquals("capacity-reservation", ec2.describeTags(b -> b.filters(f -> f.name("resource-id")
                    .values(c.capacityReservationId()))).tags().get(0).resourceTypeAsString());

            assertTrue(ec2.modifyCapacityReservation(b -> b.capacityReservationId(c.capacityReservationId())
                    .instanceCount(5)).returnValue());
            assertEquals(5, describe(ec2, c.capacityReservationId()).totalInstanceCount());

            assertTrue(ec2.cancelCapacityReservation(b -> b.capacityReservationId(c.capacityReservationId()))
                    .returnValue());
            assertEquals("cancelled", describe(ec2, c.capacityReservationId()).stateAsString());
            fails("IncorrectState", 400, () -> ec2.modifyCapacityReservation(b -> b
                    .capacityReservationId(c.capacityReservationId()).instanceCount(1)));
        }
    }

    @Test
    void aLimitedReservationExpiresOnTheClock() {
        try (Ec2Client ec2 = ec2()) {
            Instant end = gureum.context().clock().now().plus(Duration.ofHours(2));
            String id = ec2.createCapacityReservation(b -> b.instanceType("m5.large").instancePlatform("Linux/UNIX")
                    .availabilityZone("ap-northeast-2b").instanceCount(1).endDateType("limited").endDate(end))
                    .capacityReservation().capacityReservationId();
            CapacityReservation c = describe(ec2, id);
            assertEquals("limited", c.endDateTypeAsString());
            assertEquals("active", c.stateAsString());
            gureum.context().clock().advance(Duration.ofHours(3));
            assertEquals("expired", describe(ec2, id).stateAsString());
            fails("IncorrectState", 400, () -> ec2.cancelCapacityReservation(b -> b.capacityReservationId(id)));
        }
    }

    @Test
    void invalidRequestsAreRefused() {
        try (Ec2Client ec2 = ec2()) {
            fails("InvalidParameterValue", 400, () -> ec2.createCapacityReservation(b -> b.instanceType("t3.gigantic")
                    .instancePlatform("Linux/UNIX").availabilityZone("ap-northeast-2a").instanceCount(1)));
            fails("InvalidParameterValue", 400, () -> ec2.createCapacityReservation(b -> b.instanceType("t3.micro")
                    .instancePlatform("Linux/UNIX").availabilityZone("us-east-1a").instanceCount(1)));
            fails("MissingParameter", 400, () -> ec2.createCapacityReservation(b -> b.instanceType("t3.micro")
                    .instancePlatform("Linux/UNIX").availabilityZone("ap-northeast-2a").instanceCount(1)
                    .endDateType("limited")));
            fails("InvalidParameterValue", 400, () -> ec2.createCapacityReservation(b -> b.instanceType("t3.micro")
                    .instancePlatform("Linux/UNIX").availabilityZone("ap-northeast-2a").instanceCount(1)
                    .endDateType("limited").endDate(Instant.parse("2001-01-01T00:00:00Z"))));
            fails("InvalidParameterValue", 400, () -> ec2.createCapacityReservation(b -> b.instanceType("t3.micro")
                    .instancePlatform("Linux/UNIX").availabilityZone("ap-northeast-2a").instanceCount(0)));
            fails("MissingParameter", 400, () -> ec2.createCapacityReservation(b -> b.instanceType("t3.micro")
                    .instancePlatform("Linux/UNIX")));
            fails("DryRunOperation", 412, () -> ec2.createCapacityReservation(b -> b.instanceType("t3.micro")
                    .instancePlatform("Linux/UNIX").availabilityZone("ap-northeast-2a").instanceCount(1).dryRun(true)));
            fails("InvalidCapacityReservationId.NotFound", 400, () -> ec2.describeCapacityReservations(b -> b
                    .capacityReservationIds("cr-0123456789abcdef0")));
            fails("InvalidCapacityReservationId.Malformed", 400, () -> ec2.cancelCapacityReservation(b -> b
                    .capacityReservationId("cr-1")));
            var page = ec2.describeCapacityReservations(b -> b.maxResults(1000));
            assertNull(page.nextToken());
        }
    }
}
