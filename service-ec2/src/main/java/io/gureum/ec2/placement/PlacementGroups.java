package io.gureum.ec2.placement;

import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.regional.RegionalState;
import io.gureum.ec2.regional.RegisteredFamily;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.TagSpecifications;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreatePlacementGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreatePlacementGroupResponse;
import software.amazon.awssdk.services.ec2.model.DeletePlacementGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeletePlacementGroupResponse;
import software.amazon.awssdk.services.ec2.model.DescribePlacementGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribePlacementGroupsResponse;

/**
 * CreatePlacementGroup, DescribePlacementGroups and DeletePlacementGroup
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreatePlacementGroup.html). A group is
 * {@code available} as soon as it is created. Deleting a group that instances still use fails; the
 * instances are asked of DescribeInstances through the EC2 API (no instance provider: none are in use).
 */
public final class PlacementGroups {
    private static final Set<String> STRATEGIES = Set.of("cluster", "spread", "partition");
    private static final Set<String> SPREAD_LEVELS = Set.of("host", "rack");
    private static final int MAX_PARTITIONS = 7;
    private static final int MAX_NAME = 255;

    /** The placement groups of one account and region, by name. */
    private static final class Store {
        final Map<String, PlacementGroup> byName = new LinkedHashMap<>();
    }

    private final ServiceContext context;
    private final RegionalState<Store> stores = new RegionalState<>((account, region) -> new Store());
    private final Ec2Filters<PlacementGroup> filters = new Ec2Filters<PlacementGroup>(g -> g.tagMap())
            .on("group-name", g -> g.name)
            .on("group-arn", PlacementGroup::arn)
            .on("spread-level", g -> g.spreadLevel)
            .on("state", g -> "available")
            .on("strategy", g -> g.strategy);

    /** This family's records for --data-dir. */
    public PlaceFamily records() {
        return new RegisteredFamily<>("placement-group", PlacementGroup.class, stores, s -> s.byName, g -> g.name, null, context.registry());
    }

    public PlacementGroups(ServiceContext context) {
        this.context = context;
    }

    public CreatePlacementGroupResponse createPlacementGroup(CreatePlacementGroupRequest r) {
        String name = r.groupName();
        if (name == null || name.isEmpty()) {
            throw Ec2Errors.missing("groupName");
        }
        if (name.length() > MAX_NAME) {
            throw Ec2Errors.invalidValue(name, "groupName", "Placement group names may have up to 255 characters.");
        }
        String strategy = r.strategyAsString();
        if (strategy == null) {
            throw Ec2Errors.missing("strategy");
        }
        if (!STRATEGIES.contains(strategy)) {
            throw Ec2Errors.invalidValue(strategy, "strategy", "Valid values are: cluster, spread, partition.");
        }
        Integer partitions = r.partitionCount();
        if (partitions != null && !strategy.equals("partition")) {
            throw Ec2Errors.combination("The parameter partitionCount is only valid for the partition strategy.");
        }
        if (strategy.equals("partition")) {
            partitions = partitions == null ? 2 : partitions;
            if (partitions < 1 || partitions > MAX_PARTITIONS) {
                throw Ec2Errors.invalidValue(String.valueOf(partitions), "partitionCount",
                        "Partition count must be between 1 and " + MAX_PARTITIONS + ".");
            }
        }
        String spread = r.spreadLevelAsString();
        if (spread != null && !strategy.equals("spread")) {
            throw Ec2Errors.combination("The parameter spreadLevel is only valid for the spread strategy.");
        }
        if (spread != null && !SPREAD_LEVELS.contains(spread)) {
            throw Ec2Errors.invalidValue(spread, "spreadLevel", "Valid values are: host, rack.");
        }
        if (strategy.equals("spread") && spread == null) {
            spread = "rack";
        }
        TagSpecifications.validate(r.tagSpecifications(), "placement-group");
        Store s = stores.current();
        synchronized (s) {
            if (s.byName.containsKey(name)) {
                throw new AwsException("InvalidPlacementGroup.Duplicate",
                        "The Placement Group '" + name + "' already exists.", 400);
            }
            Ec2Errors.checkDryRun(r.dryRun());
            RequestContext ctx = RequestContext.current();
            PlacementGroup g = new PlacementGroup(context.ids().next("pg"), ctx.accountId(), ctx.region(),
                    context.clock().now(), name, strategy, partitions, spread);
            g.tags.putAll(TagSpecifications.tagsOf(r.tagSpecifications()));
            g.register(context.registry());
            s.byName.put(name, g);
            return CreatePlacementGroupResponse.builder().placementGroup(toSdk(g)).build();
        }
    }

    public DescribePlacementGroupsResponse describePlacementGroups(DescribePlacementGroupsRequest r) {
        Store s = stores.current();
        synchronized (s) {
            List<PlacementGroup> found = new ArrayList<>(s.byName.values());
            if (r.hasGroupNames() && !r.groupNames().isEmpty()) {
                for (String name : new LinkedHashSet<>(r.groupNames())) {
                    if (!s.byName.containsKey(name)) {
                        throw unknown(name);
                    }
                }
                found.removeIf(g -> !r.groupNames().contains(g.name));
            }
            if (r.hasGroupIds() && !r.groupIds().isEmpty()) {
                for (String id : new LinkedHashSet<>(r.groupIds())) {
                    if (s.byName.values().stream().noneMatch(g -> g.id.equals(id))) {
                        throw new AwsException("InvalidPlacementGroupId.NotFound",
                                "The placement group ID '" + id + "' does not exist", 400);
                    }
                }
                found.removeIf(g -> !r.groupIds().contains(g.id));
            }
            var keep = filters.predicate(r.filters());
            Ec2Errors.checkDryRun(r.dryRun());
            return DescribePlacementGroupsResponse.builder()
                    .placementGroups(found.stream().filter(keep).map(PlacementGroups::toSdk).toList()).build();
        }
    }

    public DeletePlacementGroupResponse deletePlacementGroup(DeletePlacementGroupRequest r) {
        if (r.groupName() == null) {
            throw Ec2Errors.missing("groupName");
        }
        boolean inUse = inUse(r.groupName());
        Store s = stores.current();
        synchronized (s) {
            PlacementGroup g = s.byName.get(r.groupName());
            if (g == null) {
                throw unknown(r.groupName());
            }
            if (inUse) {
                throw new AwsException("InvalidPlacementGroup.InUse",
                        "The placement group '" + g.name + "' is in use and may not be deleted.", 400);
            }
            Ec2Errors.checkDryRun(r.dryRun());
            s.byName.remove(g.name);
            g.forget();
            return DeletePlacementGroupResponse.builder().build();
        }
    }

    /** Whether an instance that is not terminated runs in the group (asked of the EC2 API itself). */
    private boolean inUse(String name) {
        RequestContext ctx = RequestContext.current();
        Ec2Client ec2 = context.clients().client(Ec2Client.class,
                Caller.service("ec2.amazonaws.com", ctx.accountId(), ctx.region(), null));
        return ec2.describeInstances(b -> b.filters(f -> f.name("placement-group-name").values(name),
                f -> f.name("instance-state-name").values("pending", "running", "shutting-down", "stopping",
                        "stopped"))).reservations().stream().anyMatch(x -> x.hasInstances() && !x.instances().isEmpty());
    }

    private static AwsException unknown(String name) {
        return new AwsException("InvalidPlacementGroup.Unknown", "The Placement Group '" + name + "' is unknown.", 400);
    }

    private static software.amazon.awssdk.services.ec2.model.PlacementGroup toSdk(PlacementGroup g) {
        return software.amazon.awssdk.services.ec2.model.PlacementGroup.builder().groupName(g.name).groupId(g.id)
                .groupArn(g.arn()).state("available").strategy(g.strategy).partitionCount(g.partitionCount)
                .spreadLevel(g.spreadLevel).tags(g.sdkTags()).build();
    }
}
