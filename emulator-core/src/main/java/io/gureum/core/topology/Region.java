package io.gureum.core.topology;

import java.util.List;
import java.util.Objects;

/**
 * A region, its partition and its Availability Zones in zone-name order. {@code optInRequired} is
 * true for the regions launched after March 2019, which AWS accounts must enable before use
 * (DescribeRegions reports them as {@code opted-in} / {@code not-opted-in}).
 */
public record Region(
        String name, String description, Partition partition, boolean optInRequired, List<AvailabilityZone> zones) {

    public Region {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(partition, "partition");
        zones = List.copyOf(zones);
    }
}
