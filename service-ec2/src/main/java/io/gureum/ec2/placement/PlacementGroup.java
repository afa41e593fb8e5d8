package io.gureum.ec2.placement;

import io.gureum.ec2.regional.Registered;
import java.time.Instant;

/** A placement group: its name, strategy and the strategy's options. */
final class PlacementGroup extends Registered {
    final String name;
    final String strategy;
    final Integer partitionCount;
    final String spreadLevel;

    PlacementGroup(String id, String ownerId, String region, Instant created, String name, String strategy,
            Integer partitionCount, String spreadLevel) {
        super(id, ownerId, region, created);
        this.name = name;
        this.strategy = strategy;
        this.partitionCount = partitionCount;
        this.spreadLevel = spreadLevel;
    }

    @Override
    public String resourceType() {
        return "placement-group";
    }

    /** AWS's group ARN names the group by name ({@code placement-group/<name>}), not by ID. */
    String arn() {
        return "arn:aws:ec2:" + region + ":" + ownerId + ":placement-group/" + name;
    }
}
