package io.gureum.core.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Partitions, regions and Availability Zones, looked up by name. Immutable and thread-safe. */
public final class Topology {

    private static final String AWS = "aws";

    private final List<Partition> partitions;
    private final Map<String, Region> regions = new LinkedHashMap<>();
    private final Map<String, AvailabilityZone> zonesByName = new LinkedHashMap<>();
    private final Map<String, AvailabilityZone> zonesById = new LinkedHashMap<>();

    public Topology(List<Partition> partitions, List<Region> regions) {
        this.partitions = List.copyOf(partitions);
        if (this.partitions.stream().noneMatch(p -> p.id().equals(AWS))) {
            throw new IllegalArgumentException("A topology needs the 'aws' partition");
        }
        for (Region region : regions) {
            this.regions.put(region.name(), region);
            for (AvailabilityZone zone : region.zones()) {
                zonesByName.put(zone.zoneName(), zone);
                zonesById.put(zone.zoneId(), zone);
            }
        }
    }

    /** Every AWS region of the aws, aws-cn and aws-us-gov partitions, read once from regions.json. */
    public static Topology standard() {
        return Standard.INSTANCE;
    }

    public Optional<Region> region(String name) {
        return Optional.ofNullable(name == null ? null : regions.get(name));
    }

    public boolean isValidRegion(String name) {
        return region(name).isPresent();
    }

    public List<Region> regions() {
        return Collections.unmodifiableList(new ArrayList<>(regions.values()));
    }

    public List<Partition> partitions() {
        return partitions;
    }

    public Optional<AvailabilityZone> zoneByName(String zoneName) {
        return Optional.ofNullable(zoneName == null ? null : zonesByName.get(zoneName));
    }

    public Optional<AvailabilityZone> zoneById(String zoneId) {
        return Optional.ofNullable(zoneId == null ? null : zonesById.get(zoneId));
    }

    /**
     * The partition of a known region, else of the first non-aws partition whose region-name pattern
     * matches ({@code cn-*}, {@code us-gov-*}, {@code us-iso-*} …), else {@code aws}.
     */
    public Partition partitionOf(String regionName) {
        Region region = regions.get(regionName);
        if (region != null) {
            return region.partition();
        }
        Partition aws = null;
        for (Partition p : partitions) {
            if (p.id().equals(AWS)) {
                aws = p;
            } else if (regionName != null && p.matchesRegionName(regionName)) {
                return p;
            }
        }
        return aws;
    }

    private static final class Standard {
        static final Topology INSTANCE = TopologyLoader.load("regions.json");
    }
}
