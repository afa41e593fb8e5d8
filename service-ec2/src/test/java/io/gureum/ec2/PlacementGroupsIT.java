package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.PlacementGroup;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Placement groups through the SDK (no instance provider here: no group is in use). */
class PlacementGroupsIT extends Ec2ApiTestBase {

    @BeforeAll
    static void warmUp() {
        InProcessWarmUp.ec2(gureum);
    }

    private static String name() {
        return "pg-test-" + UUID.randomUUID();
    }

    @Test
    void eachStrategyWithItsOptions() {
        try (Ec2Client ec2 = ec2()) {
            String cluster = name();
            PlacementGroup c = ec2.createPlacementGroup(b -> b.groupName(cluster).strategy("cluster")).placementGroup();
            assertTrue(c.groupId().matches("pg-[0-9a-f]{17}"), c.groupId());
            assertEquals("available", c.stateAsString());
            assertEquals("arn:aws:ec2:ap-northeast-2:123456789012:placement-group/" + cluster, c.groupArn());
            assertNull(c.partitionCount());

            String spread = name();
            assertEquals("rack", ec2.createPlacementGroup(b -> b.groupName(spread).strategy("spread"))
                    .placementGroup().spreadLevelAsString());
            String host = name();
            assertEquals("host", ec2.createPlacementGroup(b -> b.groupName(host).strategy("spread").spreadLevel("host"))
                    .placementGroup().spreadLevelAsString());
            String partition = name();
            assertEquals(2, ec2.createPlacementGroup(b -> b.groupName(partition).strategy("partition"))
                    .placementGroup().partitionCount());
            String seven = name();
            assertEquals(7, ec2.createPlacementGroup(b -> b.groupName(seven).strategy("partition").partitionCount(7))
                    .placementGroup().partitionCount());

            fails("InvalidParameterValue", 400, () -> ec2.createPlacementGroup(b -> b.groupName(name())
                    .strategy("partition").partitionCount(8)));
            fails("InvalidParameterValue", 400, () -> ec2.createPlacementGroup(b -> b.groupName(name())
                    .strategy("partition").partitionCount(0)));
            fails("InvalidParameterCombination", 400, () -> ec2.createPlacementGroup(b -> b.groupName(name())
                    .strategy("cluster").partitionCount(3)));
            fails("InvalidParameterCombination", 400, () -> ec2.createPlacementGroup(b -> b.groupName(name())
                    .strategy("cluster").spreadLevel("host")));
            fails("InvalidParameterValue", 400, () -> ec2.createPlacementGroup(b -> b.groupName(name())
                    .strategy("scatter")));
            assertEquals("The Placement Group '" + cluster + "' already exists.", fails("InvalidPlacementGroup.Duplicate",
                    400, () -> ec2.createPlacementGroup(b -> b.groupName(cluster).strategy("spread"))));

            List<String> strategies = ec2.describePlacementGroups(b -> b.groupNames(cluster, spread, partition))
                    .placementGroups().stream().map(PlacementGroup::strategyAsString).toList();
            assertEquals(List.of("cluster", "spread", "partition"), strategies);
            assertEquals(List.of(host), ec2.describePlacementGroups(b -> b.filters(f -> f.name("spread-level")
                    .values("host"), f -> f.name("group-name").values(host))).placementGroups().stream()
                    .map(PlacementGroup::groupName).toList());
            assertEquals(cluster, ec2.describePlacementGroups(b -> b.groupIds(c.groupId())).placementGroups().get(0)
                    .groupName());
        }
    }

    @Test
    void deleteAndUnknownGroups() {
        try (Ec2Client ec2 = ec2()) {
            String name = name();
            String id = ec2.createPlacementGroup(b -> b.groupName(name).strategy("cluster")
                    .tagSpecifications(t -> t.resourceType(ResourceType.PLACEMENT_GROUP).tags(x -> x.key("k").value("v"))))
                    .placementGroup().groupId();
            assertEquals("placement-group", ec2.describeTags(b -> b.filters(f -> f.name("resource-id").values(id)))
                    .tags().get(0).resourceTypeAsString());
            fails("DryRunOperation", 412, () -> ec2.deletePlacementGroup(b -> b.groupName(name).dryRun(true)));
            ec2.deletePlacementGroup(b -> b.groupName(name));
            assertEquals("The Placement Group '" + name + "' is unknown.", fails("InvalidPlacementGroup.Unknown", 400,
                    () -> ec2.describePlacementGroups(b -> b.groupNames(name))));
            fails("InvalidPlacementGroup.Unknown", 400, () -> ec2.deletePlacementGroup(b -> b.groupName(name)));
            assertTrue(ec2.describeTags(b -> b.filters(f -> f.name("resource-id").values(id))).tags().isEmpty());
        }
    }
}
