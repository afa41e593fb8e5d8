package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Host;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceCapacity;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Dedicated Hosts through the SDK, and instances launched onto them by RunInstances. */
class HostsIT extends Ec2ApiTestBase {
    static String image;

    @BeforeAll
    static void warmUp() {
        InProcessWarmUp.ec2(gureum);
        image = InstancesIT.al2023(ec2(), "x86_64");
    }

    private static Host host(Ec2Client ec2, String id) {
        return ec2.describeHosts(b -> b.hostIds(id)).hosts().get(0);
    }

    private static int available(Host h, String type) {
        return h.availableCapacity().availableInstanceCapacity().stream().filter(c -> c.instanceType().equals(type))
                .findFirst().map(InstanceCapacity::availableCapacity).orElse(-1);
    }

    @Test
    void allocateATypeHostAndLaunchOntoItUntilItIsFull() {
        try (Ec2Client ec2 = ec2()) {
            String token = UUID.randomUUID().toString();
            List<String> ids = ec2.allocateHosts(b -> b.instanceType("m5.4xlarge").availabilityZone("ap-northeast-2b")
                    .quantity(1).clientToken(token).tagSpecifications(t -> t.resourceType(ResourceType.DEDICATED_HOST)
                            .tags(x -> x.key("team").value("blue")))).hostIds();
            assertEquals(1, ids.size());
            String id = ids.get(0);
            assertTrue(id.matches("h-[0-9a-f]{17}"), id);
            // The same client token answers the same host.
            assertEquals(ids, ec2.allocateHosts(b -> b.instanceType("m5.4xlarge").availabilityZone("ap-northeast-2b")
                    .quantity(1).clientToken(token)).hostIds());

            Host h = host(ec2, id);
            assertEquals("available", h.stateAsString());
            assertEquals("off", h.autoPlacementAsString());
            assertEquals("off", h.allowsMultipleInstanceTypesAsString());
            assertEquals("ap-northeast-2b", h.availabilityZone());
            assertEquals(96, h.hostProperties().totalVCpus());
            assertEquals(48, h.hostProperties().cores());
            assertEquals("m5.4xlarge", h.hostProperties().instanceType());
            // 96 vCPUs hold six m5.4xlarge (16 vCPUs each).
            assertEquals(6, available(h, "m5.4xlarge"));
            assertEquals(96, h.availableCapacity().availableVCpus());
            assertEquals("blue", h.tags().get(0).value());
            assertEquals(token, h.clientToken());

            fails("DryRunOperation", 412, () -> ec2.runInstances(b -> b.imageId(image).instanceType("m5.4xlarge")
                    .minCount(1).maxCount(1).placement(p -> p.hostId(id)).dryRun(true)));
            ec2.createTags(b -> b.resources(id).tags(software.amazon.awssdk.services.ec2.model.Tag.builder()
                    .key("env").value("dev").build()));
            assertEquals(List.of(id), ec2.describeHosts(b -> b.filter(f -> f.name("tag:env").values("dev"))).hosts()
                    .stream().map(Host::hostId).toList());
            // Launching with HostId puts the instances on the host, in its zone, tenancy host.
            var run = ec2.runInstances(b -> b.imageId(image).instanceType("m5.4xlarge").minCount(4).maxCount(4)
                    .placement(p -> p.hostId(id)));
            Instance i = run.instances().get(0);
            assertEquals(id, i.placement().hostId());
            assertEquals("host", i.placement().tenancyAsString());
            assertEquals("ap-northeast-2b", i.placement().availabilityZone());
            h = host(ec2, id);
            assertEquals(4, h.instances().size());
            assertEquals(2, available(h, "m5.4xlarge"));
            assertEquals(32, h.availableCapacity().availableVCpus());
            assertEquals(4, ec2.describeInstances(b -> b.filters(f -> f.name("host-id").values(id))).reservations()
                    .get(0).instances().size());

            // A MaxCount beyond the room launches what fits; a MinCount beyond it is refused.
            fails("InsufficientCapacityOnHost", 400, () -> ec2.runInstances(b -> b.imageId(image)
                    .instanceType("m5.4xlarge").minCount(3).maxCount(3).placement(p -> p.hostId(id))));
            assertEquals(2, ec2.runInstances(b -> b.imageId(image).instanceType("m5.4xlarge").minCount(1).maxCount(5)
                    .placement(p -> p.hostId(id))).instances().size());
            assertEquals(0, available(host(ec2, id), "m5.4xlarge"));
            // Another type than the host's.
            fails("InvalidParameterCombination", 400, () -> ec2.runInstances(b -> b.imageId(image)
                    .instanceType("m5.large").minCount(1).maxCount(1).placement(p -> p.hostId(id))));

            // An occupied host is not released; after its instances terminate it is.
            var released = ec2.releaseHosts(b -> b.hostIds(id));
            assertEquals(List.of(), released.successful());
            assertEquals("Client.InvalidHost.Occupied", released.unsuccessful().get(0).error().code());
            List<String> onHost = ec2.describeInstances(b -> b.filters(f -> f.name("host-id").values(id)))
                    .reservations().stream().flatMap(x -> x.instances().stream()).map(Instance::instanceId).toList();
            ec2.terminateInstances(b -> b.instanceIds(onHost));
            gureum.context().clock().advance(Duration.ofMinutes(1));
            released = ec2.releaseHosts(b -> b.hostIds(id, "h-0123456789abcdef0"));
            assertEquals(List.of(id), released.successful());
            assertEquals("Client.InvalidHostID.NotFound", released.unsuccessful().get(0).error().code());
            h = host(ec2, id);
            assertEquals("released", h.stateAsString());
            assertTrue(h.releaseTime() != null);
            assertNull(h.availableCapacity());
            // A released host takes no instance and no modification.
            fails("InvalidHostID.NotFound", 400, () -> ec2.runInstances(b -> b.imageId(image)
                    .instanceType("m5.4xlarge").minCount(1).maxCount(1).placement(p -> p.hostId(id))));
            assertEquals("Client.InvalidHostID.NotFound", ec2.modifyHosts(b -> b.hostIds(id).autoPlacement("on"))
                    .unsuccessful().get(0).error().code());
        }
    }

    @Test
    void aFamilyHostTakesMixedSizesAndAutoPlacementFindsIt() {
        try (Ec2Client ec2 = ec2("eu-west-1")) {
            String image = InstancesIT.al2023(ec2, "x86_64");
            String id = ec2.allocateHosts(b -> b.instanceFamily("c5").availabilityZone("eu-west-1a")
                    .autoPlacement("on")).hostIds().get(0);
            Host h = host(ec2, id);
            assertEquals("on", h.allowsMultipleInstanceTypesAsString());
            assertEquals("c5", h.hostProperties().instanceFamily());
            int total = h.hostProperties().totalVCpus();
            // Tenancy host without a HostId: auto-placement puts the instance on a host with room.
            Instance big = ec2.runInstances(b -> b.imageId(image).instanceType("c5.9xlarge").minCount(1).maxCount(1)
                    .placement(p -> p.tenancy("host").availabilityZone("eu-west-1a"))).instances().get(0);
            assertEquals(id, big.placement().hostId());
            Instance small = ec2.runInstances(b -> b.imageId(image).instanceType("c5.large").minCount(1).maxCount(1)
                    .placement(p -> p.tenancy("host").availabilityZone("eu-west-1a"))).instances().get(0);
            assertEquals(id, small.placement().hostId());
            h = host(ec2, id);
            assertEquals(total - 36 - 2, h.availableCapacity().availableVCpus());
            assertEquals((total - 38) / 2, available(h, "c5.large"));
            // A type the host's family does not hold finds no host.
            fails("InsufficientHostCapacity", 400, () -> ec2.runInstances(b -> b.imageId(image)
                    .instanceType("m5.large").minCount(1).maxCount(1)
                    .placement(p -> p.tenancy("host").availabilityZone("eu-west-1a"))));

            // ModifyHosts: auto-placement off takes it out of auto-placement; the family cannot change while occupied.
            var modified = ec2.modifyHosts(b -> b.hostIds(id).autoPlacement("off").hostRecovery("on"));
            assertEquals(List.of(id), modified.successful());
            assertEquals("off", host(ec2, id).autoPlacementAsString());
            assertEquals("on", host(ec2, id).hostRecoveryAsString());
            fails("InsufficientHostCapacity", 400, () -> ec2.runInstances(b -> b.imageId(image)
                    .instanceType("c5.large").minCount(1).maxCount(1)
                    .placement(p -> p.tenancy("host").availabilityZone("eu-west-1a"))));
            assertEquals("Client.HostHasInstances", ec2.modifyHosts(b -> b.hostIds(id).instanceFamily("m5"))
                    .unsuccessful().get(0).error().code());

            // Filters and paging.
            assertEquals(List.of(id), ec2.describeHosts(b -> b.filter(f -> f.name("auto-placement").values("off"),
                    f -> f.name("availability-zone").values("eu-west-1a"))).hosts().stream().map(Host::hostId).toList());
            assertEquals(List.of(), ec2.describeHosts(b -> b.filter(f -> f.name("state").values("released")))
                    .hosts());
        }
    }

    @Test
    void errors() {
        try (Ec2Client ec2 = ec2("us-west-2")) {
            fails("MissingParameter", 400, () -> ec2.allocateHosts(b -> b.availabilityZone("us-west-2a")));
            fails("InvalidParameterCombination", 400, () -> ec2.allocateHosts(b -> b.availabilityZone("us-west-2a")
                    .instanceType("m5.large").instanceFamily("m5")));
            fails("InvalidParameterValue", 400, () -> ec2.allocateHosts(b -> b.availabilityZone("us-west-2a")
                    .instanceType("m5.huge")));
            fails("InvalidParameterValue", 400, () -> ec2.allocateHosts(b -> b.availabilityZone("us-west-2z")
                    .instanceType("m5.large")));
            fails("InvalidParameterValue", 400, () -> ec2.allocateHosts(b -> b.availabilityZone("us-west-2a")
                    .instanceType("m5.large").autoPlacement("maybe")));
            fails("InvalidParameterValue", 400, () -> ec2.allocateHosts(b -> b.availabilityZone("us-west-2a")
                    .instanceType("m5.large").tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE)
                            .tags(x -> x.key("a").value("b")))));
            fails("InvalidHostID.Malformed", 400, () -> ec2.describeHosts(b -> b.hostIds("host-1")));
            fails("InvalidHostID.NotFound", 400, () -> ec2.describeHosts(b -> b.hostIds("h-0123456789abcdef0")));
            fails("InvalidParameterCombination", 400, () -> ec2.describeHosts(b -> b.hostIds("h-0123456789abcdef0")
                    .maxResults(5)));
            fails("InvalidParameterValue", 400, () -> ec2.describeHosts(b -> b.filter(f -> f.name("colour")
                    .values("x"))));
            fails("MissingParameter", 400, () -> ec2.modifyHosts(b -> b.hostIds("h-0123456789abcdef0")));
            fails("MissingParameter", 400, () -> ec2.releaseHosts(b -> b.hostIds(List.of())));
            String image = InstancesIT.al2023(ec2, "x86_64");
            fails("InvalidHostID.NotFound", 400, () -> ec2.runInstances(b -> b.imageId(image).instanceType("m5.large")
                    .minCount(1).maxCount(1).placement(p -> p.hostId("h-0123456789abcdef0"))));
            String id = ec2.allocateHosts(b -> b.instanceType("m5.large").availabilityZone("us-west-2a")).hostIds()
                    .get(0);
            fails("InvalidParameterCombination", 400, () -> ec2.runInstances(b -> b.imageId(image)
                    .instanceType("m5.large").minCount(1).maxCount(1).placement(p -> p.hostId(id).tenancy("dedicated"))));
            fails("InvalidParameterValue", 400, () -> ec2.runInstances(b -> b.imageId(image).instanceType("m5.large")
                    .minCount(1).maxCount(1).placement(p -> p.hostId(id).availabilityZone("us-west-2b"))));
            // Paging: five hosts, pages of five then the rest.
            ec2.allocateHosts(b -> b.instanceType("m5.large").availabilityZone("us-west-2a").quantity(5));
            var first = ec2.describeHosts(b -> b.maxResults(5));
            assertEquals(5, first.hosts().size());
            assertEquals(1, ec2.describeHosts(b -> b.maxResults(5).nextToken(first.nextToken())).hosts().size());
            fails("InvalidParameterValue", 400, () -> ec2.describeHosts(b -> b.maxResults(501)));
        }
    }
}
