package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ActiveInstance;
import software.amazon.awssdk.services.ec2.model.CreateFleetResponse;
import software.amazon.awssdk.services.ec2.model.FleetData;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateConfigRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverridesRequest;
import software.amazon.awssdk.services.ec2.model.HistoryRecordEntry;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/** EC2 Fleet through the SDK: instant, request and maintain fleets launched by the EC2 API's RunInstances. */
class FleetsIT extends Ec2ApiTestBase {
    static String template;

    @BeforeAll
    static void warmUp() {
        InProcessWarmUp.ec2(gureum);
        Ec2Client ec2 = ec2();
        String image = InstancesIT.al2023(ec2, "x86_64");
        template = ec2.createLaunchTemplate(b -> b.launchTemplateName("fleet-" + UUID.randomUUID())
                .launchTemplateData(d -> d.imageId(image).instanceType("t3.micro"))).launchTemplate()
                .launchTemplateId();
    }

    static FleetLaunchTemplateConfigRequest config(FleetLaunchTemplateOverridesRequest... overrides) {
        return FleetLaunchTemplateConfigRequest.builder()
                .launchTemplateSpecification(s -> s.launchTemplateId(template).version("$Latest"))
                .overrides(overrides).build();
    }

    static FleetLaunchTemplateOverridesRequest type(String type) {
        return FleetLaunchTemplateOverridesRequest.builder().instanceType(type).build();
    }

    static FleetData fleet(Ec2Client ec2, String id) {
        return ec2.describeFleets(b -> b.fleetIds(id)).fleets().get(0);
    }

    static List<ActiveInstance> instances(Ec2Client ec2, String id) {
        return ec2.describeFleetInstances(b -> b.fleetId(id)).activeInstances();
    }

    static Instance instance(Ec2Client ec2, String id) {
        return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    @Test
    void instantFleetOnDemandLowestPriceTakesTheCheapestPoolAndTagsItsInstances() {
        try (Ec2Client ec2 = ec2()) {
            // On-demand per hour: m5.large (2 vCPUs, 8 GiB) costs more than c5.large (2 vCPUs, 4 GiB).
            CreateFleetResponse made = ec2.createFleet(b -> b.type("instant")
                    .launchTemplateConfigs(config(type("m5.large"), type("c5.large")))
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(3).defaultTargetCapacityType("on-demand"))
                    .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE).tags(x -> x.key("team").value("blue")),
                            t -> t.resourceType(ResourceType.FLEET).tags(x -> x.key("name").value("f1"))));
            assertTrue(made.fleetId().matches("fleet-[0-9a-f-]{36}"), made.fleetId());
            assertEquals(List.of(), made.errors());
            assertEquals(1, made.instances().size());
            var group = made.instances().get(0);
            assertEquals("on-demand", group.lifecycleAsString());
            assertEquals("c5.large", group.instanceTypeAsString());
            assertEquals(3, group.instanceIds().size());
            assertEquals("c5.large", group.launchTemplateAndOverrides().overrides().instanceTypeAsString());
            assertEquals(template, group.launchTemplateAndOverrides().launchTemplateSpecification().launchTemplateId());
            Instance i = instance(ec2, group.instanceIds().get(0));
            assertEquals("c5.large", i.instanceTypeAsString());
            assertEquals("blue", i.tags().stream().filter(t -> t.key().equals("team")).findFirst().get().value());

            // An instant fleet is described by its ID only.
            assertTrue(ec2.describeFleets(b -> b.build()).fleets().stream().noneMatch(f -> f.fleetId().equals(made.fleetId())));
            FleetData f = fleet(ec2, made.fleetId());
            assertEquals("instant", f.typeAsString());
            assertEquals("active", f.fleetStateAsString());
            assertEquals("fulfilled", f.activityStatusAsString());
            assertEquals(3.0, f.fulfilledCapacity());
            assertEquals(3.0, f.fulfilledOnDemandCapacity());
            assertEquals(3, f.targetCapacitySpecification().onDemandTargetCapacity());
            assertEquals(0, f.targetCapacitySpecification().spotTargetCapacity());
            assertEquals(3, f.instances().get(0).instanceIds().size());
            assertEquals("f1", f.tags().get(0).value());
            assertEquals("lowest-price", f.onDemandOptions().allocationStrategyAsString());

            // Deleting an instant fleet terminates its instances; it cannot keep them.
            fails("InvalidParameterCombination", 400, () -> ec2.deleteFleets(b -> b.fleetIds(made.fleetId())
                    .terminateInstances(false)));
            var deleted = ec2.deleteFleets(b -> b.fleetIds(made.fleetId()).terminateInstances(true));
            assertEquals("deleted_terminating", deleted.successfulFleetDeletions().get(0).currentFleetStateAsString());
            assertEquals("active", deleted.successfulFleetDeletions().get(0).previousFleetStateAsString());
            assertEquals("shutting-down", instance(ec2, group.instanceIds().get(0)).state().nameAsString());
        }
    }

    @Test
    void prioritizedWeightedDiversifiedAndMaxPrice() {
        try (Ec2Client ec2 = ec2()) {
            // Prioritized: the lowest priority number first, whatever the price.
            var prioritized = ec2.createFleet(b -> b.type("instant")
                    .launchTemplateConfigs(config(type("c5.large").toBuilder().priority(2.0).build(),
                            type("m5.large").toBuilder().priority(1.0).build()))
                    .onDemandOptions(o -> o.allocationStrategy("prioritized"))
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType("on-demand")));
            assertEquals("m5.large", prioritized.instances().get(0).instanceTypeAsString());

            // Weighted: 5 units from a pool of weight 2 are three instances, 6 units.
            var weighted = ec2.createFleet(b -> b.type("instant")
                    .launchTemplateConfigs(config(type("m5.xlarge").toBuilder().weightedCapacity(2.0).build()))
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(5).defaultTargetCapacityType("on-demand")));
            assertEquals(3, weighted.instances().get(0).instanceIds().size());
            assertEquals(6.0, fleet(ec2, weighted.fleetId()).fulfilledCapacity());

            // Diversified Spot: every pool in turn.
            var diversified = ec2.createFleet(b -> b.type("instant")
                    .launchTemplateConfigs(config(type("m5.large"), type("c5.large"), type("r5.large")))
                    .spotOptions(o -> o.allocationStrategy("diversified"))
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(3).defaultTargetCapacityType("spot")));
            assertEquals(Set.of("m5.large", "c5.large", "r5.large"), diversified.instances().stream()
                    .map(i -> i.instanceTypeAsString()).collect(Collectors.toSet()));
            assertTrue(diversified.instances().stream().allMatch(i -> i.lifecycleAsString().equals("spot")));

            // On-Demand and Spot together: each its own target.
            var mixed = ec2.createFleet(b -> b.type("instant").launchTemplateConfigs(config(type("m5.large")))
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(3).onDemandTargetCapacity(1)
                            .defaultTargetCapacityType("spot")));
            FleetData m = fleet(ec2, mixed.fleetId());
            assertEquals(3.0, m.fulfilledCapacity());
            assertEquals(1.0, m.fulfilledOnDemandCapacity());

            // A maximum price below the Spot price: no instance, an error naming it.
            var tooLow = ec2.createFleet(b -> b.type("instant")
                    .launchTemplateConfigs(config(type("m5.large").toBuilder().maxPrice("0.0001").build()))
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType("spot")));
            assertEquals(List.of(), tooLow.instances());
            assertEquals("SpotMaxPriceTooLow", tooLow.errors().get(0).errorCode());
            assertEquals("spot", tooLow.errors().get(0).lifecycleAsString());
            assertEquals("error", fleet(ec2, tooLow.fleetId()).activityStatusAsString());

            // A pool whose launch fails (unknown instance type) is an error; the next pool is used.
            var fallback = ec2.createFleet(b -> b.type("instant")
                    .launchTemplateConfigs(config(type("m5.large").toBuilder().priority(2.0).build(),
                            FleetLaunchTemplateOverridesRequest.builder().instanceType("x9.mega").priority(1.0).build()))
                    .onDemandOptions(o -> o.allocationStrategy("prioritized"))
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType("on-demand")));
            assertEquals("InvalidParameterValue", fallback.errors().get(0).errorCode());
            assertEquals("m5.large", fallback.instances().get(0).instanceTypeAsString());
        }
    }

    @Test
    void maintainFleetReplacesInstancesFollowsModifyAndDeletes() {
        try (Ec2Client ec2 = ec2()) {
            Instant start = gureum.context().clock().now();
            String token = UUID.randomUUID().toString();
            String id = ec2.createFleet(b -> b.clientToken(token).launchTemplateConfigs(config())
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(2).defaultTargetCapacityType("on-demand")))
                    .fleetId();
            assertEquals(id, ec2.createFleet(b -> b.clientToken(token).launchTemplateConfigs(config())
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(2).defaultTargetCapacityType("on-demand")))
                    .fleetId());
            FleetData f = fleet(ec2, id);
            assertEquals("maintain", f.typeAsString());
            assertEquals("active", f.fleetStateAsString());
            assertEquals("fulfilled", f.activityStatusAsString());
            assertEquals(token, f.clientToken());
            List<ActiveInstance> first = instances(ec2, id);
            assertEquals(2, first.size());
            // DryRun on each operation that has it, once the fleet is known.
            fails("DryRunOperation", 412, () -> ec2.describeFleetInstances(b -> b.fleetId(id).dryRun(true)));
            fails("DryRunOperation", 412, () -> ec2.describeFleetHistory(b -> b.fleetId(id).startTime(start)
                    .dryRun(true)));
            fails("DryRunOperation", 412, () -> ec2.modifyFleet(b -> b.fleetId(id).dryRun(true)
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(5))));
            fails("DryRunOperation", 412, () -> ec2.deleteFleets(b -> b.fleetIds(id).terminateInstances(true)
                    .dryRun(true)));
            assertEquals(2, instances(ec2, id).size());
            // The fleet is a tagged resource of the EC2 API like the others.
            ec2.createTags(b -> b.resources(id).tags(Tag.builder().key("env").value("dev").build()));
            assertEquals("dev", fleet(ec2, id).tags().get(0).value());
            assertEquals(List.of(id), ec2.describeTags(b -> b.filters(x -> x.name("resource-type").values("fleet"),
                    x -> x.name("key").values("env"))).tags().stream().map(t -> t.resourceId()).toList());
            assertEquals("t3.micro", first.get(0).instanceType());
            assertTrue(ec2.describeFleets(b -> b.filters(x -> x.name("type").values("maintain"))).fleets().stream()
                    .anyMatch(x -> x.fleetId().equals(id)));

            // A terminated instance is replaced at the next look.
            ec2.terminateInstances(b -> b.instanceIds(first.get(0).instanceId()));
            gureum.context().clock().advance(Duration.ofSeconds(10));
            List<ActiveInstance> now = instances(ec2, id);
            assertEquals(2, now.size());
            assertTrue(now.stream().noneMatch(a -> a.instanceId().equals(first.get(0).instanceId())));

            // Up to 3, down to 1 (terminating the newest), with the history of it all.
            ec2.modifyFleet(b -> b.fleetId(id).targetCapacitySpecification(t -> t.totalTargetCapacity(3)));
            assertEquals(3, instances(ec2, id).size());
            assertEquals(3, fleet(ec2, id).targetCapacitySpecification().totalTargetCapacity());
            ec2.modifyFleet(b -> b.fleetId(id).targetCapacitySpecification(t -> t.totalTargetCapacity(1)));
            List<ActiveInstance> one = instances(ec2, id);
            assertEquals(1, one.size());
            assertEquals(first.get(1).instanceId(), one.get(0).instanceId());
            List<HistoryRecordEntry> history = ec2.describeFleetHistory(b -> b.fleetId(id).startTime(start))
                    .historyRecords();
            // Launched: 2, 1 replacement, 1 more for 3; terminated: the one by the user, 2 for 1.
            assertEquals(4, history.stream().filter(h -> h.eventTypeAsString().equals("instanceChange")
                    && h.eventInformation().eventSubType().equals("launched")).count());
            assertEquals(3, history.stream().filter(h -> h.eventTypeAsString().equals("instanceChange")
                    && h.eventInformation().eventSubType().equals("terminated")).count());
            assertTrue(history.stream().anyMatch(h -> h.eventTypeAsString().equals("fleetChange")
                    && h.eventInformation().eventSubType().equals("modify_succeeded")));
            var fleetChanges = ec2.describeFleetHistory(b -> b.fleetId(id).startTime(start).eventType("fleetChange"));
            assertTrue(fleetChanges.historyRecords().stream().allMatch(h -> h.eventTypeAsString().equals("fleetChange")));
            assertNotNull(fleetChanges.lastEvaluatedTime());
            var page = ec2.describeFleetHistory(b -> b.fleetId(id).startTime(start).maxResults(2));
            assertEquals(2, page.historyRecords().size());
            assertNotNull(page.nextToken());

            // No-termination keeps the instances above a lowered target.
            ec2.modifyFleet(b -> b.fleetId(id).excessCapacityTerminationPolicy("no-termination")
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(2)));
            ec2.modifyFleet(b -> b.fleetId(id).targetCapacitySpecification(t -> t.totalTargetCapacity(0)));
            assertEquals(2, instances(ec2, id).size());

            var deleted = ec2.deleteFleets(b -> b.fleetIds(id, "fleet-00000000-0000-4000-8000-000000000000", "f-1")
                    .terminateInstances(true));
            assertEquals("deleted_terminating", deleted.successfulFleetDeletions().get(0).currentFleetStateAsString());
            assertEquals(List.of("fleetIdDoesNotExist", "fleetIdMalformed"), deleted.unsuccessfulFleetDeletions()
                    .stream().map(e -> e.error().codeAsString()).toList());
            gureum.context().clock().advance(Duration.ofSeconds(10));
            assertEquals("deleted", fleet(ec2, id).fleetStateAsString());
            assertEquals("fleetNotInDeletableState", ec2.deleteFleets(b -> b.fleetIds(id).terminateInstances(true))
                    .unsuccessfulFleetDeletions().get(0).error().codeAsString());
            fails("IncorrectState", 400, () -> ec2.modifyFleet(b -> b.fleetId(id)
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(1))));
            // Visible for 48 hours, then gone.
            gureum.context().clock().advance(Duration.ofHours(49));
            fails("InvalidFleetId.NotFound", 400, () -> fleet(ec2, id));
        }
    }

    /** The fleet's instances of a type that are pending or running, by DescribeInstances only. */
    static Set<String> live(Ec2Client ec2, String type) {
        return ec2.describeInstances(b -> b.filters(x -> x.name("instance-type").values(type),
                x -> x.name("instance-state-name").values("pending", "running"))).reservations().stream()
                .flatMap(r -> r.instances().stream()).map(Instance::instanceId).collect(Collectors.toSet());
    }

    @Test
    void maintainFleetReplacesTerminatedAndStoppedInstancesOnTheClockWithoutBeingDescribed() throws Exception {
        try (Ec2Client ec2 = ec2()) {
            Instant start = gureum.context().clock().now();
            String id = ec2.createFleet(b -> b.launchTemplateConfigs(config(type("m5a.large")))
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(3).defaultTargetCapacityType("on-demand")))
                    .fleetId();
            Set<String> first = live(ec2, "m5a.large");
            assertEquals(3, first.size());
            List<String> ids = List.copyOf(first);
            ec2.terminateInstances(b -> b.instanceIds(ids.get(0)));
            ec2.stopInstances(b -> b.instanceIds(ids.get(1)));
            // Shutting down and stopping settle after 5 s of the clock; the fleet then replaces both on its own:
            // from here on only DescribeInstances is called until the replacements are seen.
            gureum.context().clock().advance(Duration.ofSeconds(10));
            Set<String> now = live(ec2, "m5a.large");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (now.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                now = live(ec2, "m5a.large");
            }
            assertEquals(3, now.size(), now.toString());
            assertTrue(now.contains(ids.get(2)));
            assertTrue(!now.contains(ids.get(0)) && !now.contains(ids.get(1)));
            assertEquals("stopped", instance(ec2, ids.get(1)).state().nameAsString());

            List<HistoryRecordEntry> history = ec2.describeFleetHistory(b -> b.fleetId(id).startTime(start))
                    .historyRecords();
            assertEquals(5, history.stream().filter(h -> h.eventTypeAsString().equals("instanceChange")
                    && h.eventInformation().eventSubType().equals("launched")).count());
            assertEquals(List.of(ids.get(0)), history.stream().filter(h -> h.eventTypeAsString().equals(
                    "instanceChange") && h.eventInformation().eventSubType().equals("terminated"))
                    .map(h -> h.eventInformation().instanceId()).toList());
            assertTrue(history.stream().anyMatch(h -> ids.get(1).equals(h.eventInformation().instanceId())
                    && h.eventTypeAsString().equals("fleetChange")
                    && h.eventInformation().eventDescription().contains("stopped")), history.toString());
            // The stopped instance is no longer the fleet's: starting it again does not shrink the fleet.
            assertEquals(3, instances(ec2, id).size());
            assertTrue(instances(ec2, id).stream().noneMatch(a -> a.instanceId().equals(ids.get(1))));
            ec2.deleteFleets(b -> b.fleetIds(id).terminateInstances(true));
            ec2.terminateInstances(b -> b.instanceIds(ids.get(1)));
        }
    }

    @Test
    void fleetStartsAtValidFromAndEndsAtValidUntilOnTheClock() throws Exception {
        try (Ec2Client ec2 = ec2()) {
            Instant now = gureum.context().clock().now();
            String id = ec2.createFleet(b -> b.type("request").launchTemplateConfigs(config(type("m5a.xlarge")))
                    .validFrom(now.plusSeconds(3600)).validUntil(now.plusSeconds(7200))
                    .terminateInstancesWithExpiration(true)
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType("on-demand")))
                    .fleetId();
            assertEquals(Set.of(), live(ec2, "m5a.xlarge"));
            gureum.context().clock().advance(Duration.ofSeconds(3601));
            Set<String> started = live(ec2, "m5a.xlarge");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (started.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                started = live(ec2, "m5a.xlarge");
            }
            assertEquals(1, started.size());
            gureum.context().clock().advance(Duration.ofSeconds(3600));
            Set<String> left = live(ec2, "m5a.xlarge");
            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                left = live(ec2, "m5a.xlarge");
            }
            assertEquals(Set.of(), left);
            assertTrue(fleet(ec2, id).fleetStateAsString().startsWith("deleted"));
        }
    }

    @Test
    void requestFleetKeepsRunningInstancesWhenDeletedSo() {
        try (Ec2Client ec2 = ec2()) {
            String id = ec2.createFleet(b -> b.type("request").launchTemplateConfigs(config(type("m5.large")))
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType("spot")))
                    .fleetId();
            String instanceId = instances(ec2, id).get(0).instanceId();
            fails("InvalidParameterValue", 400, () -> ec2.modifyFleet(b -> b.fleetId(id)
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(2))));
            // A request fleet does not replace what goes.
            ec2.terminateInstances(b -> b.instanceIds(instanceId));
            gureum.context().clock().advance(Duration.ofSeconds(10));
            assertEquals(List.of(), instances(ec2, id));
            assertEquals("pending_fulfillment", fleet(ec2, id).activityStatusAsString());

            String kept = ec2.createFleet(b -> b.type("request").launchTemplateConfigs(config())
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType("on-demand")))
                    .fleetId();
            String keptInstance = instances(ec2, kept).get(0).instanceId();
            var deleted = ec2.deleteFleets(b -> b.fleetIds(kept).terminateInstances(false));
            assertEquals("deleted_running", deleted.successfulFleetDeletions().get(0).currentFleetStateAsString());
            gureum.context().clock().advance(Duration.ofSeconds(10));
            assertEquals("running", instance(ec2, keptInstance).state().nameAsString());
            assertEquals("deleted_running", fleet(ec2, kept).fleetStateAsString());
            assertTrue(ec2.describeFleets(b -> b.filters(x -> x.name("fleet-state").values("deleted-running")))
                    .fleets().stream().anyMatch(x -> x.fleetId().equals(kept)));
        }
    }

    @Test
    void errorsAndDryRun() {
        try (Ec2Client ec2 = ec2()) {
            fails("DryRunOperation", 412, () -> ec2.createFleet(b -> b.dryRun(true).type("instant")
                    .launchTemplateConfigs(config()).targetCapacitySpecification(t -> t.totalTargetCapacity(1)
                            .defaultTargetCapacityType("on-demand"))));
            fails("DryRunOperation", 412, () -> ec2.describeFleets(b -> b.dryRun(true)));
            fails("MissingParameter", 400, () -> ec2.createFleet(b -> b.launchTemplateConfigs(config())));
            fails("MissingParameter", 400, () -> ec2.createFleet(b -> b.targetCapacitySpecification(
                    t -> t.totalTargetCapacity(1).defaultTargetCapacityType("spot"))));
            fails("MissingParameter", 400, () -> ec2.createFleet(b -> b.launchTemplateConfigs(config())
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(2))));
            fails("InvalidParameterCombination", 400, () -> ec2.createFleet(b -> b.launchTemplateConfigs(config())
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(2).onDemandTargetCapacity(2)
                            .spotTargetCapacity(1))));
            fails("InvalidParameterValue", 400, () -> ec2.createFleet(b -> b.launchTemplateConfigs(config())
                    .spotOptions(o -> o.allocationStrategy("cheapest"))
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType("spot"))));
            fails("InvalidParameterCombination", 400, () -> ec2.createFleet(b -> b.launchTemplateConfigs(config())
                    .spotOptions(o -> o.allocationStrategy("diversified").instancePoolsToUseCount(2))
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType("spot"))));
            // Only an instant fleet may tag its instances.
            fails("InvalidParameterValue", 400, () -> ec2.createFleet(b -> b.launchTemplateConfigs(config())
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType("spot"))
                    .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE).tags(x -> x.key("a").value("b")))));
            fails("InvalidLaunchTemplateId.NotFound", 400, () -> ec2.createFleet(b -> b
                    .launchTemplateConfigs(c -> c.launchTemplateSpecification(s -> s.launchTemplateId(
                            "lt-0123456789abcdef0").version("1")))
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType("spot"))));
            // What Gureum does not apply is refused naming it, not ignored.
            String refused = fails("UnsupportedOperation", 400, () -> ec2.createFleet(b -> b
                    .launchTemplateConfigs(config(type("m5.large").toBuilder().keyName("k").build()))
                    .spotOptions(o -> o.maxTotalPrice("1.5"))
                    .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType("spot"))));
            assertTrue(refused.contains("SpotOptions.MaxTotalPrice") && refused.contains("Overrides.KeyName"), refused);
            fails("InvalidFleetId.Malformed", 400, () -> ec2.describeFleets(b -> b.fleetIds("fleet-1")));
            fails("InvalidFleetId.NotFound", 400, () -> ec2.describeFleets(b -> b.fleetIds(
                    "fleet-00000000-0000-4000-8000-000000000000")));
            fails("InvalidFleetId.NotFound", 400, () -> ec2.describeFleetInstances(b -> b.fleetId(
                    "fleet-00000000-0000-4000-8000-000000000000")));
            fails("MissingParameter", 400, () -> ec2.describeFleetHistory(b -> b.fleetId(
                    "fleet-00000000-0000-4000-8000-000000000000")));
            fails("MissingParameter", 400, () -> ec2.deleteFleets(b -> b.fleetIds(
                    "fleet-00000000-0000-4000-8000-000000000000")));
            fails("InvalidParameterValue", 400, () -> ec2.describeFleets(b -> b.filters(x -> x.name("colour")
                    .values("x"))));
        }
    }
}
