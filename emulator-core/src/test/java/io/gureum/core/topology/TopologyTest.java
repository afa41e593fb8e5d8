package io.gureum.core.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopologyTest {

    private final Topology topology = Topology.standard();

    private static final Set<String> COMMERCIAL = Set.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-east-2",
            "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
            "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ap-northeast-1",
            "ap-northeast-2", "ap-northeast-3", "ca-central-1", "ca-west-1", "eu-central-1",
            "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1", "eu-south-1",
            "eu-south-2", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1");

    @Test
    void standardIsLoadedOnce() {
        assertSame(Topology.standard(), Topology.standard());
    }

    @Test
    void listsEveryCommercialRegionInTheAwsPartition() {
        Set<String> aws = topology.regions().stream()
                .filter(r -> r.partition().id().equals("aws"))
                .map(Region::name)
                .collect(Collectors.toSet());
        assertEquals(COMMERCIAL, aws);
    }

    @Test
    void chinaAndGovCloudAreInTheirPartitions() {
        assertEquals("aws-cn", topology.region("cn-north-1").orElseThrow().partition().id());
        assertEquals("aws-cn", topology.region("cn-northwest-1").orElseThrow().partition().id());
        assertEquals("amazonaws.com.cn", topology.region("cn-north-1").orElseThrow().partition().dnsSuffix());
        assertEquals("aws-us-gov", topology.region("us-gov-west-1").orElseThrow().partition().id());
        assertEquals("aws-us-gov", topology.region("us-gov-east-1").orElseThrow().partition().id());
        assertEquals(COMMERCIAL.size() + 4, topology.regions().size());
    }

    @Test
    void seoulHasFourZones() {
        Region seoul = topology.region("ap-northeast-2").orElseThrow();
        assertEquals("Asia Pacific (Seoul)", seoul.description());
        assertEquals(
                List.of("ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2d"),
                seoul.zones().stream().map(AvailabilityZone::zoneName).toList());
        assertEquals(
                List.of("apne2-az1", "apne2-az2", "apne2-az3", "apne2-az4"),
                seoul.zones().stream().map(AvailabilityZone::zoneId).toList());
    }

    @Test
    void zoneCountsMatchAws() {
        assertEquals(6, zones("us-east-1").size());
        assertEquals(3, zones("us-east-2").size());
        assertEquals(List.of("us-west-1a", "us-west-1c"), zones("us-west-1"));
        assertEquals(4, zones("us-west-2").size());
        assertEquals(List.of("ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"), zones("ap-northeast-1"));
        assertEquals(List.of("ca-central-1a", "ca-central-1b", "ca-central-1d"), zones("ca-central-1"));
    }

    @Test
    void tokyoZoneIds() {
        assertEquals("apne1-az4", topology.zoneByName("ap-northeast-1a").orElseThrow().zoneId());
        assertEquals("apne1-az1", topology.zoneByName("ap-northeast-1c").orElseThrow().zoneId());
        assertEquals("apne1-az2", topology.zoneByName("ap-northeast-1d").orElseThrow().zoneId());
        assertTrue(topology.zoneByName("ap-northeast-1b").isEmpty());
    }

    @Test
    void everyRegionIsConsistent() {
        Set<String> zoneIds = new HashSet<>();
        for (Region region : topology.regions()) {
            assertTrue(region.zones().size() >= 2, region.name());
            assertTrue(region.partition().matchesRegionName(region.name()), region.name());
            // zone IDs share a prefix per region, e.g. apne2-az1, apne2-az2
            String idPrefix = region.zones().get(0).zoneId().replaceAll("-az\\d+$", "");
            for (AvailabilityZone zone : region.zones()) {
                assertTrue(zone.zoneName().matches(region.name() + "[a-z]"), zone.zoneName());
                assertTrue(zone.zoneId().matches(idPrefix + "-az\\d+"), zone.zoneId());
                assertEquals(region.name(), zone.regionName());
                assertTrue(zoneIds.add(zone.zoneId()), "duplicate zone ID " + zone.zoneId());
                assertEquals(zone, topology.zoneById(zone.zoneId()).orElseThrow());
                assertEquals(zone, topology.zoneByName(zone.zoneName()).orElseThrow());
            }
        }
    }

    @Test
    void lookupsOfUnknownNames() {
        assertFalse(topology.isValidRegion("xx-nowhere-1"));
        assertFalse(topology.isValidRegion(null));
        assertTrue(topology.isValidRegion("eu-central-2"));
        assertTrue(topology.zoneByName("us-east-1g").isEmpty());
        assertTrue(topology.zoneById("use1-az7").isEmpty());
        assertEquals("use1-az6", topology.zoneById("use1-az6").orElseThrow().zoneId());
    }

    @Test
    void partitionOf() {
        assertEquals("aws", topology.partitionOf("ap-northeast-2").id());
        assertEquals("aws-cn", topology.partitionOf("cn-northwest-1").id());
        assertEquals("aws-us-gov", topology.partitionOf("us-gov-west-1").id());
        assertEquals("aws-iso", topology.partitionOf("us-iso-east-1").id());
        assertEquals("aws-iso-b", topology.partitionOf("us-isob-east-1").id());
        assertEquals("aws", topology.partitionOf("somewhere-else").id());
        assertEquals("aws", topology.partitionOf("").id());
        assertEquals("aws", topology.partitionOf(null).id());
    }

    @Test
    void optInRegions() {
        assertFalse(topology.region("us-east-1").orElseThrow().optInRequired());
        assertTrue(topology.region("ap-east-1").orElseThrow().optInRequired());
    }

    private List<String> zones(String region) {
        return topology.region(region).orElseThrow().zones().stream().map(AvailabilityZone::zoneName).toList();
    }
}
