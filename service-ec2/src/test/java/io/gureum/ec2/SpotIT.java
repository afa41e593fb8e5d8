package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.vpc.VpcService;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

/**
 * Spot prices and requests through the SDK, fulfilled by the EC2 API's real RunInstances. Also a placement
 * group that an instance uses.
 */
class SpotIT {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new VpcService(), new Ec2ComputeService())
            .build();

    @BeforeAll
    static void warmUp() {
        InProcessWarmUp.ec2(aws.gureum());
        Ec2Client ec2 = ec2();
        image = InstancesIT.al2023(ec2, "x86_64");
        ec2.createKeyPair(b -> b.keyName("k"));
        securityGroup = ec2.describeSecurityGroups(b -> b.filters(f -> f.name("group-name").values("default")))
                .securityGroups().get(0).groupId();
    }

    static String image;
    static String securityGroup;

    private static Instance instance(Ec2Client ec2, String id) {
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    private static void terminate(Ec2Client ec2, String id) {
        ec2.terminateInstances(b -> b.instanceIds(id));
        aws.gureum().context().clock().advance(Duration.ofMinutes(1));
    }

    static Ec2Client ec2() {
        return AwsClients.client(Ec2Client.builder(), aws.gureum().endpoint(), "123456789012", "ap-northeast-2");
    }

    static String fails(String code, int status, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode());
        return e.awsErrorDetails().errorMessage();
    }

    private static SpotInstanceRequest describe(Ec2Client ec2, String id) {
        return ec2.describeSpotInstanceRequests(b -> b.spotInstanceRequestIds(id)).spotInstanceRequests().get(0);
    }

    @Test
    void currentPricesPerZoneAndAHistoryOnTheClock() {
        try (Ec2Client ec2 = ec2()) {
            List<SpotPrice> now = ec2.describeSpotPriceHistory(b -> b.instanceTypesWithStrings("m5.large")
                    .productDescriptions("Linux/UNIX")).spotPriceHistory();
            Set<String> zones = ec2.describeAvailabilityZones().availabilityZones().stream().map(z -> z.zoneName())
                    .collect(Collectors.toSet());
            assertEquals(zones, now.stream().map(SpotPrice::availabilityZone).collect(Collectors.toSet()));
            for (SpotPrice p : now) {
                assertEquals("m5.large", p.instanceTypeAsString());
                assertEquals("Linux/UNIX", p.productDescriptionAsString());
                BigDecimal price = new BigDecimal(p.spotPrice());
                assertTrue(price.signum() > 0 && price.compareTo(new BigDecimal("0.096")) < 0, p.spotPrice());
            }
            // The same question gives the same answer.
            assertEquals(now, ec2.describeSpotPriceHistory(b -> b.instanceTypesWithStrings("m5.large")
                    .productDescriptions("Linux/UNIX")).spotPriceHistory());

            Instant end = aws.gureum().context().clock().now();
            Instant start = end.minus(Duration.ofDays(1));
            List<SpotPrice> day = ec2.describeSpotPriceHistory(b -> b.instanceTypesWithStrings("m5.large")
                    .productDescriptions("Linux/UNIX").availabilityZone("ap-northeast-2a").startTime(start).endTime(end))
                    .spotPriceHistory();
            // one change every 4 hours, plus the one in effect at the start
            assertTrue(day.size() == 7 || day.size() == 6, String.valueOf(day.size()));
            assertTrue(day.get(0).timestamp().compareTo(day.get(1).timestamp()) > 0, "newest first");
            assertTrue(!day.get(day.size() - 1).timestamp().isAfter(start));

            var page = ec2.describeSpotPriceHistory(b -> b.instanceTypesWithStrings("m5.large", "c5.large")
                    .maxResults(5));
            assertEquals(5, page.spotPriceHistory().size());
            assertNotNull(page.nextToken());
            assertEquals(1, ec2.describeSpotPriceHistory(b -> b.instanceTypesWithStrings("m5.large")
                    .filters(f -> f.name("availability-zone").values("ap-northeast-2c"),
                            f -> f.name("product-description").values("Windows"))).spotPriceHistory().size());
            fails("InvalidInstanceType", 400, () -> ec2.describeSpotPriceHistory(b -> b.instanceTypesWithStrings("m5.huge")));
        }
    }

    @Test
    void aRequestIsFulfilledByRunInstancesAndCancelled() {
        try (Ec2Client ec2 = ec2()) {
            String tag = UUID.randomUUID().toString();
            var made = ec2.requestSpotInstances(b -> b.instanceCount(2)
                    .launchSpecification(l -> l.imageId(image).instanceType("t3.micro")
                            .keyName("k").securityGroupIds(securityGroup)
                            .placement(p -> p.availabilityZone("ap-northeast-2b")))
                    .tagSpecifications(t -> t.resourceType(ResourceType.SPOT_INSTANCES_REQUEST)
                            .tags(x -> x.key("t").value(tag)))).spotInstanceRequests();
            assertEquals(2, made.size());
            SpotInstanceRequest first = made.get(0);
            assertTrue(first.spotInstanceRequestId().matches("sir-[0-9a-f]{8}"), first.spotInstanceRequestId());
            assertEquals("open", first.stateAsString());
            assertEquals("pending-evaluation", first.status().code());
            assertEquals("one-time", first.typeAsString());
            assertEquals(securityGroup, first.launchSpecification().securityGroups().get(0).groupId());
            assertEquals(first.createTime().plus(Duration.ofDays(7)), first.validUntil());

            SpotInstanceRequest active = describe(ec2, first.spotInstanceRequestId());
            assertEquals("active", active.stateAsString());
            assertEquals("fulfilled", active.status().code());
            assertEquals("ap-northeast-2b", active.launchedAvailabilityZone());
            Instance launched = instance(ec2, active.instanceId());
            assertEquals("t3.micro", launched.instanceTypeAsString());
            assertEquals("ap-northeast-2b", launched.placement().availabilityZone());
            assertEquals("k", launched.keyName());
            assertEquals(image, launched.imageId());
            assertEquals(List.of(securityGroup), launched.securityGroups().stream().map(g -> g.groupId()).toList());
            // One instance per request, launched with the request's ID as its client token.
            assertEquals(List.of(active.instanceId()), ec2.describeInstances(b -> b.filters(f -> f.name("client-token")
                    .values(first.spotInstanceRequestId()))).reservations().stream()
                    .flatMap(x -> x.instances().stream()).map(Instance::instanceId).toList());
            assertEquals(2, ec2.describeSpotInstanceRequests(b -> b.filters(f -> f.name("tag:t").values(tag),
                    f -> f.name("state").values("active"))).spotInstanceRequests().size());
            assertEquals("spot-instances-request", ec2.describeTags(b -> b.filters(f -> f.name("resource-id")
                    .values(first.spotInstanceRequestId()))).tags().get(0).resourceTypeAsString());

            var cancelled = ec2.cancelSpotInstanceRequests(b -> b.spotInstanceRequestIds(first.spotInstanceRequestId()))
                    .cancelledSpotInstanceRequests();
            assertEquals("cancelled", cancelled.get(0).stateAsString());
            SpotInstanceRequest after = describe(ec2, first.spotInstanceRequestId());
            assertEquals("request-canceled-and-instance-running", after.status().code());
            assertEquals(active.instanceId(), after.instanceId());
        }
    }

    @Test
    void tooLowAPriceWaitsAndTheRequestExpires() {
        try (Ec2Client ec2 = ec2()) {
            String id = ec2.requestSpotInstances(b -> b.spotPrice("0.0001").validUntil(aws.gureum().context().clock()
                    .now().plus(Duration.ofHours(1))).launchSpecification(l -> l.imageId(image)
                    .instanceType("m5.large"))).spotInstanceRequests().get(0).spotInstanceRequestId();
            SpotInstanceRequest open = describe(ec2, id);
            assertEquals("open", open.stateAsString());
            assertEquals("price-too-low", open.status().code());
            assertNull(open.instanceId());
            aws.gureum().context().clock().advance(Duration.ofHours(2));
            SpotInstanceRequest closed = describe(ec2, id);
            assertEquals("closed", closed.stateAsString());
            assertEquals("schedule-expired", closed.status().code());
        }
    }

    @Test
    void badParametersFailTheRequestAndAPersistentRequestRelaunches() {
        try (Ec2Client ec2 = ec2()) {
            String bad = ec2.requestSpotInstances(b -> b.launchSpecification(l -> l.imageId("ami-bad")
                    .instanceType("t3.micro"))).spotInstanceRequests().get(0).spotInstanceRequestId();
            SpotInstanceRequest failed = describe(ec2, bad);
            assertEquals("failed", failed.stateAsString());
            assertEquals("bad-parameters", failed.status().code());
            assertEquals("InvalidAMIID.Malformed", failed.fault().code());

            String persistent = ec2.requestSpotInstances(b -> b.type("persistent").launchSpecification(l -> l
                    .imageId(image).instanceType("t3.small"))).spotInstanceRequests().get(0)
                    .spotInstanceRequestId();
            String firstInstance = describe(ec2, persistent).instanceId();
            assertNotNull(firstInstance);
            terminate(ec2, firstInstance);
            SpotInstanceRequest again = describe(ec2, persistent);
            assertEquals("active", again.stateAsString());
            assertNotNull(again.instanceId());
            assertTrue(!again.instanceId().equals(firstInstance));
            assertEquals("t3.small", instance(ec2, again.instanceId()).instanceTypeAsString());

            String oneTime = ec2.requestSpotInstances(b -> b.launchSpecification(l -> l
                    .imageId(image).instanceType("t3.small"))).spotInstanceRequests().get(0)
                    .spotInstanceRequestId();
            terminate(ec2, describe(ec2, oneTime).instanceId());
            SpotInstanceRequest closed = describe(ec2, oneTime);
            assertEquals("closed", closed.stateAsString());
            assertEquals("instance-terminated-by-user", closed.status().code());
        }
    }

    @Test
    void invalidRequestsAreRefused() {
        try (Ec2Client ec2 = ec2()) {
            fails("MissingParameter", 400, () -> ec2.requestSpotInstances(b -> b.instanceCount(1)));
            fails("InvalidParameterValue", 400, () -> ec2.requestSpotInstances(b -> b.spotPrice("cheap")
                    .launchSpecification(l -> l.imageId(image))));
            fails("InvalidParameterCombination", 400, () -> ec2.requestSpotInstances(b -> b
                    .instanceInterruptionBehavior("stop").launchSpecification(l -> l.imageId(image))));
            fails("DryRunOperation", 412, () -> ec2.requestSpotInstances(b -> b.dryRun(true)
                    .launchSpecification(l -> l.imageId(image))));
            fails("InvalidSpotInstanceRequestID.NotFound", 400,
                    () -> ec2.describeSpotInstanceRequests(b -> b.spotInstanceRequestIds("sir-0000abcd")));
            fails("InvalidSpotInstanceRequestID.NotFound", 400,
                    () -> ec2.cancelSpotInstanceRequests(b -> b.spotInstanceRequestIds("sir-0000abcd")));
        }
    }

    @Test
    void aPlacementGroupWithInstancesIsNotDeleted() {
        try (Ec2Client ec2 = ec2()) {
            String busy = "busy-" + UUID.randomUUID();
            ec2.createPlacementGroup(b -> b.groupName(busy).strategy("spread"));
            String id = ec2.runInstances(b -> b.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1)
                    .placement(p -> p.groupName(busy))).instances().get(0).instanceId();
            fails("InvalidPlacementGroup.InUse", 400, () -> ec2.deletePlacementGroup(b -> b.groupName(busy)));
            ec2.stopInstances(b -> b.instanceIds(id));
            aws.gureum().context().clock().advance(Duration.ofMinutes(1));
            fails("InvalidPlacementGroup.InUse", 400, () -> ec2.deletePlacementGroup(b -> b.groupName(busy)));
            terminate(ec2, id);
            ec2.deletePlacementGroup(b -> b.groupName(busy));
            String idle = "idle-" + UUID.randomUUID();
            ec2.createPlacementGroup(b -> b.groupName(idle).strategy("cluster"));
            ec2.deletePlacementGroup(b -> b.groupName(idle));
        }
    }
}
