package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.iam.IamService;
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
import software.amazon.awssdk.services.ec2.model.ActiveInstance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SpotFleetLaunchSpecification;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfig;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfigData;
import software.amazon.awssdk.services.iam.IamClient;

/** Spot Fleet requests through the SDK, their IamFleetRole read from the in-process IAM. */
class SpotFleetsIT {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new VpcService(), new Ec2ComputeService(), new IamService()).build();
    static Gureum gureum;
    static String image;
    static String role;
    static String template;

    @BeforeAll
    static void warmUp() {
        gureum = aws.gureum();
        InProcessWarmUp.ec2(gureum);
        IamClient iam = AwsClients.client(IamClient.builder(), gureum.endpoint(), "123456789012", "us-east-1");
        role = iam.createRole(b -> b.roleName("fleet-role").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"spotfleet.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
        Ec2Client ec2 = ec2();
        image = InstancesIT.al2023(ec2, "x86_64");
        template = ec2.createLaunchTemplate(b -> b.launchTemplateName("sf-" + UUID.randomUUID())
                .launchTemplateData(d -> d.imageId(image).instanceType("t3.small"))).launchTemplate().launchTemplateId();
    }

    static Ec2Client ec2() {
        return AwsClients.client(Ec2Client.builder(), gureum.endpoint(), "123456789012", "ap-northeast-2");
    }

    static String fails(String code, int status, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
        return e.awsErrorDetails().errorMessage();
    }

    static SpotFleetLaunchSpecification spec(String type) {
        return SpotFleetLaunchSpecification.builder().imageId(image).instanceType(type).build();
    }

    static SpotFleetRequestConfig describe(Ec2Client ec2, String id) {
        return ec2.describeSpotFleetRequests(b -> b.spotFleetRequestIds(id)).spotFleetRequestConfigs().get(0);
    }

    static List<ActiveInstance> instances(Ec2Client ec2, String id) {
        return ec2.describeSpotFleetInstances(b -> b.spotFleetRequestId(id)).activeInstances();
    }

    static BigDecimal spotPrice(Ec2Client ec2, String type, String zone) {
        return new BigDecimal(ec2.describeSpotPriceHistory(b -> b.instanceTypesWithStrings(type)
                .availabilityZone(zone).productDescriptions("Linux/UNIX")).spotPriceHistory().get(0).spotPrice());
    }

    @Test
    void lowestPriceMaintainFleetReplacesModifiesAndCancels() {
        try (Ec2Client ec2 = ec2()) {
            Instant start = gureum.context().clock().now();
            String token = UUID.randomUUID().toString();
            SpotFleetRequestConfigData config = SpotFleetRequestConfigData.builder().iamFleetRole(role).targetCapacity(2)
                    .clientToken(token).launchSpecifications(spec("m5.large"), spec("c5.large"))
                    .tagSpecifications(t -> t.resourceType(ResourceType.SPOT_FLEET_REQUEST)
                            .tags(x -> x.key("team").value("blue")))
                    .build();
            String id = ec2.requestSpotFleet(b -> b.spotFleetRequestConfig(config)).spotFleetRequestId();
            assertTrue(id.matches("sfr-[0-9a-f-]{36}"), id);
            assertEquals(id, ec2.requestSpotFleet(b -> b.spotFleetRequestConfig(config)).spotFleetRequestId());

            SpotFleetRequestConfig d = describe(ec2, id);
            assertEquals("active", d.spotFleetRequestStateAsString());
            assertEquals("fulfilled", d.activityStatusAsString());
            assertEquals("maintain", d.spotFleetRequestConfig().typeAsString());
            assertEquals("lowestPrice", d.spotFleetRequestConfig().allocationStrategyAsString());
            assertEquals(2.0, d.spotFleetRequestConfig().fulfilledCapacity());
            assertEquals("blue", d.tags().get(0).value());
            // Both pools launch in the region's first zone (the default subnet's): the cheaper Spot price wins.
            String zone = "ap-northeast-2a";
            String cheaper = spotPrice(ec2, "m5.large", zone).compareTo(spotPrice(ec2, "c5.large", zone)) <= 0
                    ? "m5.large" : "c5.large";
            List<ActiveInstance> first = instances(ec2, id);
            assertEquals(2, first.size());
            fails("DryRunOperation", 412, () -> ec2.describeSpotFleetInstances(b -> b.spotFleetRequestId(id)
                    .dryRun(true)));
            fails("DryRunOperation", 412, () -> ec2.describeSpotFleetRequestHistory(b -> b.spotFleetRequestId(id)
                    .startTime(start).dryRun(true)));
            fails("DryRunOperation", 412, () -> ec2.cancelSpotFleetRequests(b -> b.spotFleetRequestIds(id)
                    .terminateInstances(true).dryRun(true)));
            ec2.createTags(b -> b.resources(id).tags(software.amazon.awssdk.services.ec2.model.Tag.builder()
                    .key("env").value("dev").build()));
            assertEquals("dev", describe(ec2, id).tags().stream().filter(t -> t.key().equals("env")).findFirst()
                    .get().value());
            assertTrue(first.stream().allMatch(a -> a.instanceType().equals(cheaper)), first.toString());

            // Maintain: a terminated instance is replaced.
            ec2.terminateInstances(b -> b.instanceIds(first.get(0).instanceId()));
            gureum.context().clock().advance(Duration.ofSeconds(10));
            assertEquals(2, instances(ec2, id).size());

            ec2.modifySpotFleetRequest(b -> b.spotFleetRequestId(id).targetCapacity(4));
            assertEquals(4, instances(ec2, id).size());
            assertEquals(4, describe(ec2, id).spotFleetRequestConfig().targetCapacity());
            ec2.modifySpotFleetRequest(b -> b.spotFleetRequestId(id).targetCapacity(1));
            assertEquals(1, instances(ec2, id).size());

            var history = ec2.describeSpotFleetRequestHistory(b -> b.spotFleetRequestId(id).startTime(start));
            assertTrue(history.historyRecords().stream().anyMatch(h -> h.eventTypeAsString().equals("fleetRequestChange")
                    && h.eventInformation().eventSubType().equals("active")));
            assertEquals(4, history.historyRecords().stream().filter(h -> h.eventTypeAsString().equals("instanceChange")
                    && h.eventInformation().eventSubType().equals("terminated")).count());
            assertTrue(ec2.describeSpotFleetRequestHistory(b -> b.spotFleetRequestId(id).startTime(start)
                    .eventType("instanceChange")).historyRecords().stream()
                    .allMatch(h -> h.eventTypeAsString().equals("instanceChange")));

            String remaining = instances(ec2, id).get(0).instanceId();
            var cancelled = ec2.cancelSpotFleetRequests(b -> b.spotFleetRequestIds(id,
                    "sfr-00000000-0000-4000-8000-000000000000").terminateInstances(true));
            assertEquals("cancelled_terminating", cancelled.successfulFleetRequests().get(0)
                    .currentSpotFleetRequestStateAsString());
            assertEquals("active", cancelled.successfulFleetRequests().get(0).previousSpotFleetRequestStateAsString());
            assertEquals("fleetRequestIdDoesNotExist", cancelled.unsuccessfulFleetRequests().get(0).error()
                    .codeAsString());
            gureum.context().clock().advance(Duration.ofSeconds(10));
            assertEquals("cancelled", describe(ec2, id).spotFleetRequestStateAsString());
            assertEquals("terminated", ec2.describeInstances(b -> b.instanceIds(remaining)).reservations().get(0)
                    .instances().get(0).state().nameAsString());
            assertEquals("fleetRequestNotInCancellableState", ec2.cancelSpotFleetRequests(b -> b
                    .spotFleetRequestIds(id).terminateInstances(true)).unsuccessfulFleetRequests().get(0).error()
                    .codeAsString());
        }
    }

    @Test
    void launchTemplatesWithOnDemandAndDiversifiedSpot() {
        try (Ec2Client ec2 = ec2()) {
            String id = ec2.requestSpotFleet(b -> b.spotFleetRequestConfig(c -> c.iamFleetRole(role).targetCapacity(4)
                    .onDemandTargetCapacity(1).type("request").allocationStrategy("diversified")
                    .launchTemplateConfigs(l -> l.launchTemplateSpecification(s -> s.launchTemplateId(template)
                            .version("$Latest")).overrides(o -> o.instanceType("m5.large"),
                                    o -> o.instanceType("c5.large"), o -> o.instanceType("r5.large")))))
                    .spotFleetRequestId();
            SpotFleetRequestConfig d = describe(ec2, id);
            assertEquals(4.0, d.spotFleetRequestConfig().fulfilledCapacity());
            assertEquals(1.0, d.spotFleetRequestConfig().onDemandFulfilledCapacity());
            Set<String> types = instances(ec2, id).stream().map(ActiveInstance::instanceType).collect(Collectors.toSet());
            assertEquals(Set.of("m5.large", "c5.large", "r5.large"), types);
            // A request fleet is not modified.
            fails("InvalidParameterValue", 400, () -> ec2.modifySpotFleetRequest(b -> b.spotFleetRequestId(id)
                    .targetCapacity(1)));
            // Cancelled without terminating, its instances keep running.
            String kept = instances(ec2, id).get(0).instanceId();
            assertEquals("cancelled_running", ec2.cancelSpotFleetRequests(b -> b.spotFleetRequestIds(id)
                    .terminateInstances(false)).successfulFleetRequests().get(0).currentSpotFleetRequestStateAsString());
            gureum.context().clock().advance(Duration.ofSeconds(10));
            assertEquals("running", ec2.describeInstances(b -> b.instanceIds(kept)).reservations().get(0).instances()
                    .get(0).state().nameAsString());
        }
    }

    @Test
    void errorsAndDryRun() {
        try (Ec2Client ec2 = ec2()) {
            fails("DryRunOperation", 412, () -> ec2.requestSpotFleet(b -> b.dryRun(true).spotFleetRequestConfig(c -> c
                    .iamFleetRole(role).targetCapacity(1).launchSpecifications(spec("m5.large")))));
            fails("DryRunOperation", 412, () -> ec2.describeSpotFleetRequests(b -> b.dryRun(true)));
            // The role must be a role ARN, and exist.
            fails("InvalidSpotFleetRequestConfig", 400, () -> ec2.requestSpotFleet(b -> b.spotFleetRequestConfig(c -> c
                    .iamFleetRole("fleet-role").targetCapacity(1).launchSpecifications(spec("m5.large")))));
            fails("InvalidSpotFleetRequestConfig", 400, () -> ec2.requestSpotFleet(b -> b.spotFleetRequestConfig(c -> c
                    .iamFleetRole("arn:aws:iam::123456789012:role/nobody").targetCapacity(1)
                    .launchSpecifications(spec("m5.large")))));
            fails("MissingParameter", 400, () -> ec2.requestSpotFleet(b -> b.spotFleetRequestConfig(c -> c
                    .targetCapacity(1).launchSpecifications(spec("m5.large")))));
            fails("InvalidSpotFleetRequestConfig", 400, () -> ec2.requestSpotFleet(b -> b.spotFleetRequestConfig(c -> c
                    .iamFleetRole(role).targetCapacity(1))));
            fails("InvalidSpotFleetRequestConfig", 400, () -> ec2.requestSpotFleet(b -> b.spotFleetRequestConfig(c -> c
                    .iamFleetRole(role).targetCapacity(1).allocationStrategy("cheapest")
                    .launchSpecifications(spec("m5.large")))));
            fails("InvalidSpotFleetRequestConfig", 400, () -> ec2.requestSpotFleet(b -> b.spotFleetRequestConfig(c -> c
                    .iamFleetRole(role).targetCapacity(1).onDemandTargetCapacity(2)
                    .launchSpecifications(spec("m5.large")))));
            fails("InvalidParameterValue", 400, () -> ec2.requestSpotFleet(b -> b.spotFleetRequestConfig(c -> c
                    .iamFleetRole(role).targetCapacity(1).launchSpecifications(spec("m5.large"))
                    .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE).tags(x -> x.key("a").value("b"))))));
            String refused = fails("UnsupportedOperation", 400, () -> ec2.requestSpotFleet(b -> b
                    .spotFleetRequestConfig(c -> c.iamFleetRole(role).targetCapacity(1).spotMaxTotalPrice("2")
                            .launchSpecifications(spec("m5.large")))));
            assertTrue(refused.contains("SpotMaxTotalPrice"), refused);
            fails("InvalidSpotFleetRequestId.Malformed", 400, () -> ec2.describeSpotFleetRequests(b -> b
                    .spotFleetRequestIds("sfr-1")));
            fails("InvalidSpotFleetRequestId.NotFound", 400, () -> ec2.describeSpotFleetInstances(b -> b
                    .spotFleetRequestId("sfr-00000000-0000-4000-8000-000000000000")));
            fails("InvalidSpotFleetRequestId.NotFound", 400, () -> ec2.modifySpotFleetRequest(b -> b
                    .spotFleetRequestId("sfr-00000000-0000-4000-8000-000000000000").targetCapacity(1)));
            fails("MissingParameter", 400, () -> ec2.describeSpotFleetRequestHistory(b -> b
                    .spotFleetRequestId("sfr-00000000-0000-4000-8000-000000000000")));
            fails("MissingParameter", 400, () -> ec2.cancelSpotFleetRequests(b -> b
                    .spotFleetRequestIds("sfr-00000000-0000-4000-8000-000000000000")));
            assertEquals("fleetRequestIdMalformed", ec2.cancelSpotFleetRequests(b -> b.spotFleetRequestIds("x")
                    .terminateInstances(true)).unsuccessfulFleetRequests().get(0).error().codeAsString());
            // A launch that fails (an unknown AMI) is an error event and leaves the request unfulfilled.
            String id = ec2.requestSpotFleet(b -> b.spotFleetRequestConfig(c -> c.iamFleetRole(role).targetCapacity(1)
                    .launchSpecifications(SpotFleetLaunchSpecification.builder().imageId("ami-0123456789abcdef0")
                            .instanceType("m5.large").build()))).spotFleetRequestId();
            SpotFleetRequestConfig d = describe(ec2, id);
            assertEquals("error", d.activityStatusAsString());
            assertTrue(ec2.describeSpotFleetRequestHistory(b -> b.spotFleetRequestId(id)
                    .startTime(Instant.EPOCH).eventType("error")).historyRecords().stream()
                    .anyMatch(h -> h.eventInformation().eventSubType().equals("InvalidAMIID.NotFound")));
        }
    }

    @Test
    void maintainSpotFleetReplacesATerminatedInstanceOnTheClock() throws Exception {
        try (Ec2Client ec2 = ec2()) {
            java.time.Instant start = gureum.context().clock().now();
            String id = ec2.requestSpotFleet(b -> b.spotFleetRequestConfig(c -> c.iamFleetRole(role).targetCapacity(2)
                    .launchSpecifications(x -> x.imageId(image).instanceType("m5a.2xlarge")))).spotFleetRequestId();
            java.util.Set<String> first = FleetsIT.live(ec2, "m5a.2xlarge");
            assertEquals(2, first.size());
            String gone = first.iterator().next();
            ec2.terminateInstances(b -> b.instanceIds(gone));
            gureum.context().clock().advance(java.time.Duration.ofSeconds(10));
            // Only DescribeInstances until the replacement is seen: the request acts on its own.
            java.util.Set<String> now = FleetsIT.live(ec2, "m5a.2xlarge");
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (now.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                now = FleetsIT.live(ec2, "m5a.2xlarge");
            }
            assertEquals(2, now.size(), now.toString());
            assertTrue(!now.contains(gone));
            assertEquals(3, ec2.describeSpotFleetRequestHistory(b -> b.spotFleetRequestId(id).startTime(start))
                    .historyRecords().stream().filter(h -> h.eventTypeAsString().equals("instanceChange")
                            && "launched".equals(h.eventInformation().eventSubType())).count());
            ec2.cancelSpotFleetRequests(b -> b.spotFleetRequestIds(id).terminateInstances(true));
        }
    }
}
