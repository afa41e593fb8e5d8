package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.vpc.VpcService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ActiveInstance;

/** Dedicated Hosts, EC2 Fleets and Spot Fleet requests after a restart on the same --data-dir. */
class FleetsAndHostsRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build(),
                List.of(new VpcService(), new Ec2ComputeService()));
        InProcessWarmUp.ec2(g);
        return g;
    }

    private static Ec2Client ec2(Gureum g) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), "123456789012", "ap-northeast-2");
    }

    @Test
    void hostsFleetsAndSpotFleetsSurviveARestart() {
        String host;
        String onHost;
        String fleet;
        List<String> fleetInstances;
        String spotFleet;
        Instant start;
        List<String> replaced;
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            start = g.context().clock().now();
            String ami = InstancesIT.al2023(ec2, "x86_64");
            host = ec2.allocateHosts(b -> b.instanceType("m5.large").availabilityZone("ap-northeast-2a")
                    .clientToken("host-token").autoPlacement("on")).hostIds().get(0);
            onHost = ec2.runInstances(b -> b.imageId(ami).instanceType("m5.large").minCount(1).maxCount(1)
                    .placement(p -> p.tenancy("host"))).instances().get(0).instanceId();
            String template = ec2.createLaunchTemplate(b -> b.launchTemplateName("fleet")
                    .launchTemplateData(d -> d.imageId(ami).instanceType("t3.micro"))).launchTemplate()
                    .launchTemplateId();
            fleet = ec2.createFleet(b -> b.clientToken("fleet-token").launchTemplateConfigs(c -> c
                    .launchTemplateSpecification(s -> s.launchTemplateId(template).version("$Latest")))
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(2).defaultTargetCapacityType("on-demand")))
                    .fleetId();
            fleetInstances = ec2.describeFleetInstances(b -> b.fleetId(fleet)).activeInstances().stream()
                    .map(ActiveInstance::instanceId).toList();
            spotFleet = ec2.requestSpotFleet(b -> b.spotFleetRequestConfig(c -> c
                    .iamFleetRole("arn:aws:iam::123456789012:role/fleet").targetCapacity(1)
                    .launchSpecifications(s -> s.imageId(ami).instanceType("c5.large")))).spotFleetRequestId();
        }
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            var h = ec2.describeHosts(b -> b.hostIds(host)).hosts().get(0);
            assertEquals("on", h.autoPlacementAsString());
            assertEquals(onHost, h.instances().get(0).instanceId());
            assertEquals(List.of(host), ec2.allocateHosts(b -> b.instanceType("m5.large")
                    .availabilityZone("ap-northeast-2a").clientToken("host-token")).hostIds());

            assertEquals(fleet, ec2.createFleet(b -> b.clientToken("fleet-token").launchTemplateConfigs(c -> c
                    .launchTemplateSpecification(s -> s.launchTemplateName("fleet").version("$Latest")))
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(2).defaultTargetCapacityType("on-demand")))
                    .fleetId());
            assertEquals(fleetInstances, ec2.describeFleetInstances(b -> b.fleetId(fleet)).activeInstances().stream()
                    .map(ActiveInstance::instanceId).toList());
            // The maintain fleet still replaces what goes, with launch tokens that do not replay old launches.
            ec2.terminateInstances(b -> b.instanceIds(fleetInstances.get(0)));
            g.context().clock().advance(Duration.ofSeconds(10));
            List<String> now = ec2.describeFleetInstances(b -> b.fleetId(fleet)).activeInstances().stream()
                    .map(ActiveInstance::instanceId).toList();
            assertEquals(2, now.size());
            assertTrue(!now.contains(fleetInstances.get(0)));
            replaced = now;
            assertTrue(ec2.describeFleetHistory(b -> b.fleetId(fleet).startTime(start)).historyRecords().size() >= 5);

            var sf = ec2.describeSpotFleetRequests(b -> b.spotFleetRequestIds(spotFleet)).spotFleetRequestConfigs()
                    .get(0);
            assertEquals("active", sf.spotFleetRequestStateAsString());
            assertEquals(1.0, sf.spotFleetRequestConfig().fulfilledCapacity());
            assertEquals("c5.large", ec2.describeSpotFleetInstances(b -> b.spotFleetRequestId(spotFleet))
                    .activeInstances().get(0).instanceType());
        }
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            // The replacement launched by a describe was journaled with it: no second replacement.
            assertEquals(replaced, ec2.describeFleetInstances(b -> b.fleetId(fleet)).activeInstances().stream()
                    .map(ActiveInstance::instanceId).toList());
            assertEquals(4, ec2.describeInstances(b -> b.filters(f -> f.name("instance-state-name")
                    .values("pending", "running"))).reservations().stream().mapToLong(x -> x.instances().size()).sum());
        }
    }

    @Test
    void aMaintainFleetCatchesUpAfterARestartWithoutBeingDescribed() throws Exception {
        String fleet;
        List<String> first;
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            String ami = InstancesIT.al2023(ec2, "x86_64");
            String template = ec2.createLaunchTemplate(b -> b.launchTemplateName("watched")
                    .launchTemplateData(d -> d.imageId(ami).instanceType("m5a.large"))).launchTemplate()
                    .launchTemplateId();
            fleet = ec2.createFleet(b -> b.launchTemplateConfigs(c -> c
                    .launchTemplateSpecification(s -> s.launchTemplateId(template).version("$Latest")))
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(2).defaultTargetCapacityType("on-demand")))
                    .fleetId();
            first = FleetsIT.live(ec2, "m5a.large").stream().sorted().toList();
            assertEquals(2, first.size());
            // Stopped while the server goes down: the fleet has not seen it yet.
            ec2.stopInstances(b -> b.instanceIds(first.get(0)));
        }
        List<String> replaced;
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            g.context().clock().advance(Duration.ofSeconds(10));
            java.util.Set<String> live = FleetsIT.live(ec2, "m5a.large");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (live.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                live = FleetsIT.live(ec2, "m5a.large");
            }
            assertEquals(2, live.size(), live.toString());
            assertTrue(live.contains(first.get(1)) && !live.contains(first.get(0)));
            replaced = live.stream().sorted().toList();
        }
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            // The replacement was journaled: nothing is launched twice.
            assertEquals(replaced, ec2.describeFleetInstances(b -> b.fleetId(fleet)).activeInstances().stream()
                    .map(ActiveInstance::instanceId).sorted().toList());
            assertEquals(replaced, FleetsIT.live(ec2, "m5a.large").stream().sorted().toList());
        }
    }

    @Test
    void capacityReservationFleetsSurviveARestart() {
        String fleet;
        List<String> reservations;
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            fleet = ec2.createCapacityReservationFleet(b -> b.clientToken("crf-token").totalTargetCapacity(6)
                    .instanceTypeSpecifications(CapacityReservationFleetsIT.spec("c5.large", 2, 1, "ap-northeast-2a"))
                    .tagSpecifications(t -> t.resourceType("capacity-reservation-fleet").tags(x -> x.key("k").value("v"))))
                    .capacityReservationFleetId();
        }
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            assertEquals("submitted", CapacityReservationFleetsIT.fleetIn(ec2, fleet).stateAsString());
            g.context().clock().advance(Duration.ofSeconds(6));
            var f = CapacityReservationFleetsIT.fleetIn(ec2, fleet);
            assertEquals("active", f.stateAsString());
            reservations = f.instanceTypeSpecifications().stream().map(x -> x.capacityReservationId()).toList();
            assertEquals(1, reservations.size());
        }
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            // The reservations a describe made were journaled with it: the same ones, made once.
            var f = CapacityReservationFleetsIT.fleetIn(ec2, fleet);
            assertEquals("active", f.stateAsString());
            assertEquals("v", f.tags().get(0).value());
            assertEquals(reservations, f.instanceTypeSpecifications().stream().map(x -> x.capacityReservationId())
                    .toList());
            assertEquals(fleet, ec2.describeCapacityReservations(b -> b.capacityReservationIds(reservations.get(0)))
                    .capacityReservations().get(0).capacityReservationFleetId());
            // The client token still replays the same request (and tells another one apart).
            assertEquals(fleet, ec2.createCapacityReservationFleet(b -> b.clientToken("crf-token").totalTargetCapacity(6)
                    .instanceTypeSpecifications(CapacityReservationFleetsIT.spec("c5.large", 2, 1, "ap-northeast-2a"))
                    .tagSpecifications(t -> t.resourceType("capacity-reservation-fleet").tags(x -> x.key("k").value("v"))))
                    .capacityReservationFleetId());
            assertEquals("IdempotentParameterMismatch", org.junit.jupiter.api.Assertions.assertThrows(
                    software.amazon.awssdk.awscore.exception.AwsServiceException.class,
                    () -> ec2.createCapacityReservationFleet(b -> b.clientToken("crf-token").totalTargetCapacity(6)
                            .instanceTypeSpecifications(CapacityReservationFleetsIT.spec("c5.large", 2, 1,
                                    "ap-northeast-2a")))).awsErrorDetails().errorCode());
            assertEquals(1, ec2.describeCapacityReservationFleets(b -> { }).capacityReservationFleets().size());
        }
    }
}
