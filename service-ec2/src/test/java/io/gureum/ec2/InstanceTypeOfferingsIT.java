package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.LocationType;

class InstanceTypeOfferingsIT extends Ec2ApiTestBase {

    private static List<InstanceTypeOffering> all(Ec2Client ec2, LocationType type) {
        return ec2.describeInstanceTypeOfferingsPaginator(b -> b.locationType(type).maxResults(1000))
                .instanceTypeOfferings().stream().toList();
    }

    @Test
    void regionOfferingsListEveryTypeOnceWithTheRegionAsLocation() {
        try (Ec2Client ec2 = ec2("eu-west-1")) {
            List<InstanceTypeOffering> offerings = all(ec2, LocationType.REGION);
            assertTrue(offerings.stream().allMatch(o -> o.location().equals("eu-west-1")
                    && o.locationType() == LocationType.REGION));
            Set<String> types = offerings.stream().map(InstanceTypeOffering::instanceTypeAsString).collect(Collectors.toSet());
            assertEquals(offerings.size(), types.size());
            assertTrue(types.contains("m5.large") && types.contains("c7g.medium"));
            // No LocationType means region.
            assertEquals(offerings.size(), ec2.describeInstanceTypeOfferingsPaginator(b -> b.maxResults(1000))
                    .instanceTypeOfferings().stream().count());
        }
    }

    @Test
    void zoneOfferingsNameTheCallersZonesByNameOrId() {
        try (Ec2Client ec2 = ec2()) {
            List<AvailabilityZone> zones = ec2.describeAvailabilityZones().availabilityZones();
            Set<String> names = zones.stream().map(AvailabilityZone::zoneName).collect(Collectors.toSet());
            Set<String> ids = zones.stream().map(AvailabilityZone::zoneId).collect(Collectors.toSet());

            List<InstanceTypeOffering> byName = all(ec2, LocationType.AVAILABILITY_ZONE);
            assertEquals(names, byName.stream().map(InstanceTypeOffering::location).collect(Collectors.toSet()));
            List<InstanceTypeOffering> byId = all(ec2, LocationType.AVAILABILITY_ZONE_ID);
            assertEquals(ids, byId.stream().map(InstanceTypeOffering::location).collect(Collectors.toSet()));
            assertEquals(byName.size(), byId.size());

            // A general purpose type is in every zone; the whole catalogue is in no zone of every region.
            assertEquals(names.size(), byName.stream().filter(o -> o.instanceTypeAsString().equals("m5.large")).count());
            int regionCount = all(ec2, LocationType.REGION).size();
            assertTrue(byName.size() < regionCount * names.size(), "some types are missing from some zones");
        }
    }

    @Test
    void filtersOnLocationAndInstanceType() {
        try (Ec2Client ec2 = ec2()) {
            String zone = ec2.describeAvailabilityZones().availabilityZones().get(0).zoneName();
            var found = ec2.describeInstanceTypeOfferings(b -> b.locationType(LocationType.AVAILABILITY_ZONE)
                    .filters(f -> f.name("location").values(zone), f -> f.name("instance-type").values("t3.*")))
                    .instanceTypeOfferings();
            assertEquals(7, found.size(), found.toString());
            assertTrue(found.stream().allMatch(o -> o.location().equals(zone)));
            fails("InvalidParameterValue", 400, () -> ec2.describeInstanceTypeOfferings(
                    b -> b.filters(f -> f.name("instance-family").values("t3"))));
        }
    }

    @Test
    void pagination() {
        try (Ec2Client ec2 = ec2()) {
            var first = ec2.describeInstanceTypeOfferings(b -> b.maxResults(5));
            assertEquals(5, first.instanceTypeOfferings().size());
            assertNotNull(first.nextToken());
            var second = ec2.describeInstanceTypeOfferings(b -> b.maxResults(5).nextToken(first.nextToken()));
            Set<String> both = new HashSet<>();
            first.instanceTypeOfferings().forEach(o -> both.add(o.instanceTypeAsString()));
            second.instanceTypeOfferings().forEach(o -> both.add(o.instanceTypeAsString()));
            assertEquals(10, both.size());
            fails("InvalidParameterValue", 400, () -> ec2.describeInstanceTypeOfferings(b -> b.maxResults(1001)));
        }
    }

    @Test
    void anOutpostLocationListsNothingAndAnUnknownLocationTypeIsRefused() {
        try (Ec2Client ec2 = ec2()) {
            assertTrue(ec2.describeInstanceTypeOfferings(b -> b.locationType(LocationType.OUTPOST))
                    .instanceTypeOfferings().isEmpty());
            fails("InvalidParameterValue", 400, () -> ec2.describeInstanceTypeOfferings(b -> b.locationType("galaxy")));
            fails("DryRunOperation", 412, () -> ec2.describeInstanceTypeOfferings(b -> b.dryRun(true)));
        }
    }
}
