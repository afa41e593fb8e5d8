package io.gureum.ec2.fleet;

import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.regional.RegionalState;
import io.gureum.ec2.regional.RegisteredFamily;
import io.gureum.ec2.regional.ShapeCopy;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.ActiveInstance;
import software.amazon.awssdk.services.ec2.model.CreateFleetError;
import software.amazon.awssdk.services.ec2.model.CreateFleetInstance;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.CreateFleetResponse;
import software.amazon.awssdk.services.ec2.model.DeleteFleetError;
import software.amazon.awssdk.services.ec2.model.DeleteFleetErrorItem;
import software.amazon.awssdk.services.ec2.model.DeleteFleetSuccessItem;
import software.amazon.awssdk.services.ec2.model.DeleteFleetsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteFleetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeFleetError;
import software.amazon.awssdk.services.ec2.model.DescribeFleetHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFleetHistoryResponse;
import software.amazon.awssdk.services.ec2.model.DescribeFleetInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFleetInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeFleetsInstances;
import software.amazon.awssdk.services.ec2.model.DescribeFleetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFleetsResponse;
import software.amazon.awssdk.services.ec2.model.EventInformation;
import software.amazon.awssdk.services.ec2.model.FleetData;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateConfig;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateConfigRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverrides;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverridesRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.HistoryRecordEntry;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateAndOverridesResponse;
import software.amazon.awssdk.services.ec2.model.ModifyFleetRequest;
import software.amazon.awssdk.services.ec2.model.ModifyFleetResponse;
import software.amazon.awssdk.services.ec2.model.OnDemandOptions;
import software.amazon.awssdk.services.ec2.model.SpotOptions;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TargetCapacitySpecification;
import software.amazon.awssdk.services.ec2.model.TargetCapacitySpecificationRequest;

/**
 * CreateFleet, DescribeFleets, DescribeFleetInstances, DescribeFleetHistory, ModifyFleet and DeleteFleets
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/manage-ec2-fleet.html). An {@code instant} fleet
 * launches in the call and answers its instances and errors; {@code request} and {@code maintain} fleets
 * launch in the call too and are {@code active} when it answers. A {@code maintain} fleet replaces instances
 * that have gone or stopped and follows ModifyFleet's new target, on the clock ({@link FleetWatch}) and at
 * each describe, modify and delete. Deleted fleets stay visible 48 hours of
 * the core clock.
 */
public final class Ec2Fleets {
    private static final Set<String> TYPES = Set.of("instant", "request", "maintain");
    private static final Set<String> SPOT_STRATEGIES = Set.of("lowest-price", "diversified", "capacity-optimized",
            "capacity-optimized-prioritized", "price-capacity-optimized");
    private static final Set<String> ON_DEMAND_STRATEGIES = Set.of("lowest-price", "prioritized");
    private static final Set<String> EXCESS = Set.of("no-termination", "termination");
    private static final Set<String> CAPACITY_TYPES = Set.of("spot", "on-demand");
    private static final Duration ENDED_VISIBLE = Duration.ofHours(48);
    private static final Map<String, String> EVENT_TYPES = Map.of("fleetRequestChange", "fleetChange",
            "instanceChange", "instanceChange", "error", "serviceError", "information", "fleetChange");

    /** The fleets of one account and region, and the client tokens of their create calls. */
    private static final class Store {
        final Map<String, Fleet> byId = new LinkedHashMap<>();
        final Map<String, String> clientTokens = new HashMap<>();
    }

    private final ServiceContext context;
    private final FleetEngine engine;
    /** Journals the place's records (--data-dir) after a describe changed a fleet: reads are not journaled. */
    private final java.util.function.BiConsumer<String, String> journal;
    private final FleetWatch watch;
    private final RegionalState<Store> stores = new RegionalState<>((account, region) -> new Store());
    private final Ec2Filters<Fleet> filters = new Ec2Filters<Fleet>(f -> f.tagMap())
            .on("activity-status", f -> List.of(f.activity, f.activity.replace('_', '-')))
            .on("excess-capacity-termination-policy", f -> List.of(f.excessPolicy,
                    String.valueOf(f.excessPolicy.equals("termination"))))
            .on("fleet-state", f -> List.of(f.state, f.state.replace('_', '-')))
            .on("replace-unhealthy-instances", f -> String.valueOf(Boolean.TRUE.equals(f.request.replaceUnhealthyInstances())))
            .on("type", f -> f.type);

    /** @param journal records the place (account, region) after a read changed a fleet; called holding its lock */
    public Ec2Fleets(ServiceContext context, java.util.function.BiConsumer<String, String> journal, FleetWatch watch) {
        this.context = context;
        this.engine = new FleetEngine(context);
        this.journal = journal;
        this.watch = watch;
        watch.add(this::sweep);
    }

    /** This family's records for --data-dir. */
    public PlaceFamily records() {
        return watch.rearming(new RegisteredFamily<>("fleet", Fleet.class, stores, s -> s.byId, f -> f.id, s -> s.clientTokens,
                context.registry()), (account, region) -> {
            Store s = stores.of(account, region);
            synchronized (s) {
                s.byId.values().forEach(this::arm);
            }
        });
    }

    /**
     * Brings the place's fleets holding {@code instanceId} (every fleet for null) up to date: called by the
     * {@link FleetWatch} on the clock, holding the place's compute lock.
     */
    private void sweep(String account, String region, String instanceId) {
        Store s = stores.of(account, region);
        synchronized (s) {
            for (Fleet f : List.copyOf(s.byId.values())) {
                if (instanceId == null || f.members.stream().anyMatch(m -> m.instanceId().equals(instanceId))) {
                    reconcile(f);
                }
            }
        }
    }

    /** Wakes the fleet at its ValidFrom and ValidUntil, when it has them. */
    private void arm(Fleet f) {
        if (f.type.equals("instant") || f.endedAt != null) {
            return;
        }
        if (f.validFrom != null && f.state.equals("submitted")) {
            watch.at(f.validFrom, f.ownerId, f.region);
        }
        if (f.validUntil != null) {
            watch.at(f.validUntil, f.ownerId, f.region);
        }
    }

    public CreateFleetResponse createFleet(CreateFleetRequest r) {
        String type = r.typeAsString() == null ? "maintain" : r.typeAsString();
        if (!TYPES.contains(type)) {
            throw Ec2Errors.invalidValue(type, "type", "Valid values are: instant, request, maintain.");
        }
        if (!r.hasLaunchTemplateConfigs() || r.launchTemplateConfigs().isEmpty()) {
            throw Ec2Errors.missing("LaunchTemplateConfigs");
        }
        if (r.launchTemplateConfigs().size() > 50) {
            throw Ec2Errors.invalidParameterValue("A fleet can have at most 50 launch template configurations.");
        }
        refuseUnserved(r);
        TargetCapacitySpecificationRequest target = r.targetCapacitySpecification();
        if (target == null || target.totalTargetCapacity() == null) {
            throw Ec2Errors.missing("TargetCapacitySpecification.TotalTargetCapacity");
        }
        int[] split = split(target);
        String spotStrategy = r.spotOptions() == null || r.spotOptions().allocationStrategyAsString() == null
                ? "lowest-price" : r.spotOptions().allocationStrategyAsString();
        if (!SPOT_STRATEGIES.contains(spotStrategy)) {
            throw Ec2Errors.invalidValue(spotStrategy, "SpotOptions.AllocationStrategy", "Valid values are: "
                    + "lowest-price, diversified, capacity-optimized, capacity-optimized-prioritized, "
                    + "price-capacity-optimized.");
        }
        if (r.spotOptions() != null && r.spotOptions().instancePoolsToUseCount() != null) {
            if (!spotStrategy.equals("lowest-price")) {
                throw Ec2Errors.combination("InstancePoolsToUseCount is valid only when the allocation strategy is "
                        + "lowest-price.");
            }
            if (r.spotOptions().instancePoolsToUseCount() < 1) {
                throw Ec2Errors.invalidValue(String.valueOf(r.spotOptions().instancePoolsToUseCount()),
                        "SpotOptions.InstancePoolsToUseCount", "It must be at least 1.");
            }
        }
        String odStrategy = r.onDemandOptions() == null || r.onDemandOptions().allocationStrategyAsString() == null
                ? "lowest-price" : r.onDemandOptions().allocationStrategyAsString();
        if (!ON_DEMAND_STRATEGIES.contains(odStrategy)) {
            throw Ec2Errors.invalidValue(odStrategy, "OnDemandOptions.AllocationStrategy",
                    "Valid values are: lowest-price, prioritized.");
        }
        String excess = r.excessCapacityTerminationPolicyAsString() == null ? "termination"
                : r.excessCapacityTerminationPolicyAsString();
        if (!EXCESS.contains(excess)) {
            throw Ec2Errors.invalidValue(excess, "ExcessCapacityTerminationPolicy",
                    "Valid values are: no-termination, termination.");
        }
        if (type.equals("instant") && (r.validFrom() != null || r.validUntil() != null)) {
            throw Ec2Errors.combination("ValidFrom and ValidUntil are not supported for fleets of type instant.");
        }
        Instant now = context.clock().now();
        if (r.validUntil() != null && !r.validUntil().isAfter(now)) {
            throw Ec2Errors.invalidValue(r.validUntil().toString(), "ValidUntil", "ValidUntil must be in the future.");
        }
        if (r.validFrom() != null && r.validUntil() != null && !r.validFrom().isBefore(r.validUntil())) {
            throw Ec2Errors.combination("ValidFrom must be earlier than ValidUntil.");
        }
        List<TagSpecification> fleetTags = new ArrayList<>();
        List<TagSpecification> instanceTags = new ArrayList<>();
        for (TagSpecification t : r.hasTagSpecifications() ? r.tagSpecifications() : List.<TagSpecification>of()) {
            // Instant fleets may tag their instances; request and maintain fleets only themselves (CreateFleet's
            // TagSpecifications).
            if ("instance".equals(t.resourceTypeAsString()) && type.equals("instant")) {
                instanceTags.add(t);
            } else {
                fleetTags.add(t);
            }
        }
        TagSpecifications.validate(fleetTags, "fleet");
        TagSpecifications.validate(instanceTags, "instance");
        List<Pool> raw = rawPools(r.launchTemplateConfigs());
        Store s = stores.current();
        synchronized (s) {
            if (r.clientToken() != null && s.clientTokens.containsKey(r.clientToken())) {
                Fleet earlier = s.byId.get(s.clientTokens.get(r.clientToken()));
                if (earlier != null) {
                    return CreateFleetResponse.builder().fleetId(earlier.id).instances(instantInstances(earlier))
                            .errors(createErrors(earlier)).build();
                }
            }
            RequestContext ctx = RequestContext.current();
            List<Pool> pools = engine.resolve(engine.ec2(ctx.accountId(), ctx.region()), ctx.region(), raw);
            Ec2Errors.checkDryRun(r.dryRun());
            Fleet f = new Fleet("fleet-" + context.ids().requestId(), "fleet", ctx.accountId(), ctx.region(), now, type,
                    r.clientToken());
            f.request = r.toBuilder().dryRun(null).clientToken(null).build();
            f.onDemandTarget = split[0];
            f.spotTarget = split[1];
            f.excessPolicy = excess;
            f.validFrom = r.validFrom();
            f.validUntil = r.validUntil();
            f.terminateWithExpiration = Boolean.TRUE.equals(r.terminateInstancesWithExpiration());
            f.tags.putAll(TagSpecifications.tagsOf(fleetTags));
            f.register(context.registry());
            s.byId.put(f.id, f);
            if (r.clientToken() != null) {
                s.clientTokens.put(r.clientToken(), f.id);
            }
            f.event(now, "fleetRequestChange", "submitted", null, null);
            List<FleetEngine.Launch> launches = new ArrayList<>();
            if (r.validFrom() == null || !r.validFrom().isAfter(now)) {
                f.state(now, "active");
                launches.addAll(fill(f, pools, instanceTags));
            }
            f.activity = FleetEngine.activity(f);
            arm(f);
            CreateFleetResponse.Builder out = CreateFleetResponse.builder().fleetId(f.id);
            if (type.equals("instant")) {
                out.instances(instantInstances(f)).errors(createErrors(f));
            }
            return out.build();
        }
    }

    public DescribeFleetsResponse describeFleets(DescribeFleetsRequest r) {
        Store s = stores.current();
        synchronized (s) {
            purge(s);
            List<Fleet> found;
            if (r.hasFleetIds() && !r.fleetIds().isEmpty()) {
                found = new ArrayList<>();
                for (String id : new LinkedHashSet<>(r.fleetIds())) {
                    found.add(require(s, id));
                }
            } else {
                // An instant fleet is described only when its ID is asked for (DescribeFleets).
                found = s.byId.values().stream().filter(f -> !f.type.equals("instant")).toList();
            }
            Ec2Errors.checkDryRun(r.dryRun());
            found.forEach(this::reconcile);
            var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                    r.nextToken(), 1, 1000);
            return DescribeFleetsResponse.builder().fleets(page.items().stream().map(this::toSdk).toList())
                    .nextToken(page.nextToken()).build();
        }
    }

    public DescribeFleetInstancesResponse describeFleetInstances(DescribeFleetInstancesRequest r) {
        Store s = stores.current();
        synchronized (s) {
            purge(s);
            Fleet f = require(s, r.fleetId());
            Ec2Errors.checkDryRun(r.dryRun());
            reconcile(f);
            Ec2Filters<Fleet.Member> memberFilters = new Ec2Filters<Fleet.Member>().on("instance-type",
                    Fleet.Member::instanceType);
            var page = Pagination.page(f.members.stream().filter(memberFilters.predicate(r.filters())).toList(),
                    r.maxResults(), r.nextToken(), 1, 1000);
            return DescribeFleetInstancesResponse.builder().fleetId(f.id)
                    .activeInstances(page.items().stream().map(m -> ActiveInstance.builder().instanceId(m.instanceId())
                            .instanceType(m.instanceType()).instanceHealth("healthy").build()).toList())
                    .nextToken(page.nextToken()).build();
        }
    }

    public DescribeFleetHistoryResponse describeFleetHistory(DescribeFleetHistoryRequest r) {
        if (r.startTime() == null) {
            throw Ec2Errors.missing("StartTime");
        }
        String wanted = r.eventTypeAsString();
        if (wanted != null && !EVENT_TYPES.containsValue(wanted)) {
            throw Ec2Errors.invalidValue(wanted, "EventType", "Valid values are: instanceChange, fleetChange, "
                    + "serviceError.");
        }
        Store s = stores.current();
        synchronized (s) {
            purge(s);
            Fleet f = require(s, r.fleetId());
            Ec2Errors.checkDryRun(r.dryRun());
            reconcile(f);
            List<Fleet.Event> events = f.history.stream().filter(e -> !e.time().isBefore(r.startTime()))
                    .filter(e -> wanted == null || EVENT_TYPES.get(e.type()).equals(wanted)).toList();
            var page = Pagination.page(events, r.maxResults(), r.nextToken(), 1, 1000);
            return DescribeFleetHistoryResponse.builder().fleetId(f.id).startTime(r.startTime())
                    .lastEvaluatedTime(context.clock().now()).nextToken(page.nextToken())
                    .historyRecords(page.items().stream().map(e -> HistoryRecordEntry.builder()
                            .eventType(EVENT_TYPES.get(e.type())).timestamp(e.time())
                            .eventInformation(EventInformation.builder().eventSubType(e.subType())
                                    .eventDescription(e.description()).instanceId(e.instanceId()).build())
                            .build()).toList())
                    .build();
        }
    }

    public ModifyFleetResponse modifyFleet(ModifyFleetRequest r) {
        Store s = stores.current();
        synchronized (s) {
            purge(s);
            Fleet f = require(s, r.fleetId());
            if (!f.type.equals("maintain")) {
                throw Ec2Errors.invalidParameterValue("Fleet " + f.id + " is of type " + f.type
                        + ": only fleets of type maintain can be modified.");
            }
            if (!f.running()) {
                throw new AwsException("IncorrectState", "Fleet " + f.id + " is in state " + f.state
                        + " and cannot be modified.", 400);
            }
            if (r.targetCapacitySpecification() == null && r.excessCapacityTerminationPolicyAsString() == null
                    && !r.hasLaunchTemplateConfigs()) {
                throw Ec2Errors.missing("TargetCapacitySpecification");
            }
            String excess = r.excessCapacityTerminationPolicyAsString();
            if (excess != null && !EXCESS.contains(excess)) {
                throw Ec2Errors.invalidValue(excess, "ExcessCapacityTerminationPolicy",
                        "Valid values are: no-termination, termination.");
            }
            int[] split = null;
            TargetCapacitySpecificationRequest target = null;
            if (r.targetCapacitySpecification() != null) {
                var t = r.targetCapacitySpecification();
                if (t.totalTargetCapacity() == null) {
                    throw Ec2Errors.missing("TargetCapacitySpecification.TotalTargetCapacity");
                }
                var before = f.request.targetCapacitySpecification();
                target = t.toBuilder().defaultTargetCapacityType(t.defaultTargetCapacityTypeAsString() == null
                        ? before.defaultTargetCapacityTypeAsString() : t.defaultTargetCapacityTypeAsString()).build();
                split = split(target);
            }
            List<Pool> raw = r.hasLaunchTemplateConfigs() && !r.launchTemplateConfigs().isEmpty()
                    ? rawPools(r.launchTemplateConfigs()) : null;
            if (raw != null) {
                engine.resolve(engine.ec2(f), f.region, raw);
            }
            Ec2Errors.checkDryRun(r.dryRun());
            Instant now = context.clock().now();
            f.event(now, "fleetRequestChange", "modify_in_progress", null, null);
            CreateFleetRequest.Builder changed = f.request.toBuilder();
            if (target != null) {
                changed.targetCapacitySpecification(target);
                f.onDemandTarget = split[0];
                f.spotTarget = split[1];
            }
            if (excess != null) {
                f.excessPolicy = excess;
                changed.excessCapacityTerminationPolicy(excess);
            }
            if (raw != null) {
                changed.launchTemplateConfigs(r.launchTemplateConfigs());
            }
            f.request = changed.build();
            f.event(now, "fleetRequestChange", "modify_succeeded", null, null);
            reconcile(f);
            return ModifyFleetResponse.builder().returnValue(true).build();
        }
    }

    public DeleteFleetsResponse deleteFleets(DeleteFleetsRequest r) {
        if (!r.hasFleetIds() || r.fleetIds().isEmpty()) {
            throw Ec2Errors.missing("FleetId");
        }
        if (r.terminateInstances() == null) {
            throw Ec2Errors.missing("TerminateInstances");
        }
        Store s = stores.current();
        synchronized (s) {
            purge(s);
            List<String> ids = new ArrayList<>(new LinkedHashSet<>(r.fleetIds()));
            long instant = ids.stream().map(s.byId::get).filter(f -> f != null && f.type.equals("instant")).count();
            if (instant > 25 || ids.size() - instant > 100) {
                throw Ec2Errors.invalidParameterValue("You can delete up to 25 instant fleets and up to 100 maintain "
                        + "or request fleets in a single request.");
            }
            if (!r.terminateInstances() && instant > 0) {
                throw Ec2Errors.combination("NoTerminateInstances is not supported for EC2 Fleets of type instant.");
            }
            Ec2Errors.checkDryRun(r.dryRun());
            Instant now = context.clock().now();
            List<DeleteFleetSuccessItem> ok = new ArrayList<>();
            List<DeleteFleetErrorItem> failed = new ArrayList<>();
            for (String id : ids) {
                Fleet f = s.byId.get(id);
                if (!id.matches("fleet-[0-9a-f-]{36}")) {
                    failed.add(deleteError(id, "fleetIdMalformed", "The fleet ID '" + id + "' is malformed"));
                } else if (f == null) {
                    failed.add(deleteError(id, "fleetIdDoesNotExist", "The fleet ID '" + id + "' does not exist"));
                } else if (!f.running() && !f.state.equals("submitted")) {
                    failed.add(deleteError(id, "fleetNotInDeletableState", "The fleet " + id + " is in state "
                            + f.state + " and cannot be deleted."));
                } else {
                    reconcile(f);
                    String before = f.state;
                    engine.end(f, r.terminateInstances(), now);
                    ok.add(DeleteFleetSuccessItem.builder().fleetId(id).previousFleetState(before)
                            .currentFleetState(f.state).build());
                }
            }
            return DeleteFleetsResponse.builder().successfulFleetDeletions(ok).unsuccessfulFleetDeletions(failed)
                    .build();
        }
    }

    /** Brings a request or maintain fleet up to date: gone instances, schedule, targets. */
    private void reconcile(Fleet f) {
        int before = f.history.size();
        engine.reconcile(f, x -> fill(x, engine.resolve(engine.ec2(x), x.region,
                rawPools(x.request.launchTemplateConfigs())), List.of()));
        if (f.history.size() != before) {
            journal.accept(f.ownerId, f.region);
        }
    }

    private List<FleetEngine.Launch> fill(Fleet f, List<Pool> pools, List<TagSpecification> instanceTags) {
        CreateFleetRequest r = f.request;
        List<FleetEngine.Launch> out = new ArrayList<>();
        String od = r.onDemandOptions() == null || r.onDemandOptions().allocationStrategyAsString() == null
                ? "lowest-price" : r.onDemandOptions().allocationStrategyAsString();
        String spot = r.spotOptions() == null || r.spotOptions().allocationStrategyAsString() == null ? "lowest-price"
                : r.spotOptions().allocationStrategyAsString();
        out.addAll(engine.fill(f, pools, FleetEngine.ON_DEMAND, f.onDemandTarget, FleetEngine.Strategy.of(od), null,
                instanceTags));
        out.addAll(engine.fill(f, pools, FleetEngine.SPOT, f.spotTarget, FleetEngine.Strategy.of(spot),
                r.spotOptions() == null ? null : r.spotOptions().instancePoolsToUseCount(), instanceTags));
        return out;
    }

    /**
     * Parameters Gureum does not apply are refused naming them (UnsupportedOperation, as RunInstances does for
     * its own), rather than accepted and ignored.
     */
    private static void refuseUnserved(CreateFleetRequest r) {
        List<String> names = new ArrayList<>();
        if (r.reservedCapacityOptions() != null) {
            names.add("ReservedCapacityOptions");
        }
        var spot = r.spotOptions();
        if (spot != null) {
            add(names, spot.maintenanceStrategies() != null, "SpotOptions.MaintenanceStrategies");
            add(names, spot.minTargetCapacity() != null, "SpotOptions.MinTargetCapacity");
            add(names, spot.maxTotalPrice() != null, "SpotOptions.MaxTotalPrice");
            add(names, Boolean.TRUE.equals(spot.singleInstanceType()), "SpotOptions.SingleInstanceType");
            add(names, Boolean.TRUE.equals(spot.singleAvailabilityZone()), "SpotOptions.SingleAvailabilityZone");
        }
        var od = r.onDemandOptions();
        if (od != null) {
            add(names, od.capacityReservationOptions() != null, "OnDemandOptions.CapacityReservationOptions");
            add(names, od.minTargetCapacity() != null, "OnDemandOptions.MinTargetCapacity");
            add(names, od.maxTotalPrice() != null, "OnDemandOptions.MaxTotalPrice");
            add(names, Boolean.TRUE.equals(od.singleInstanceType()), "OnDemandOptions.SingleInstanceType");
            add(names, Boolean.TRUE.equals(od.singleAvailabilityZone()), "OnDemandOptions.SingleAvailabilityZone");
        }
        var t = r.targetCapacitySpecification();
        add(names, t != null && t.targetCapacityUnitTypeAsString() != null
                && !t.targetCapacityUnitTypeAsString().equals("units"), "TargetCapacitySpecification.TargetCapacityUnitType");
        for (FleetLaunchTemplateConfigRequest c : r.hasLaunchTemplateConfigs() ? r.launchTemplateConfigs()
                : List.<FleetLaunchTemplateConfigRequest>of()) {
            for (FleetLaunchTemplateOverridesRequest o : c.hasOverrides() ? c.overrides()
                    : List.<FleetLaunchTemplateOverridesRequest>of()) {
                add(names, o.instanceRequirements() != null, "Overrides.InstanceRequirements");
                add(names, o.placement() != null, "Overrides.Placement");
                add(names, o.keyName() != null, "Overrides.KeyName");
                add(names, o.hasBlockDeviceMappings(), "Overrides.BlockDeviceMappings");
                add(names, o.iamInstanceProfile() != null, "Overrides.IamInstanceProfile");
                add(names, o.metadataOptions() != null, "Overrides.MetadataOptions");
                add(names, o.availabilityZoneId() != null, "Overrides.AvailabilityZoneId");
            }
        }
        if (!names.isEmpty()) {
            throw io.gureum.ec2common.Ec2Error.UNSUPPORTED_OPERATION.withMessage("Gureum does not emulate the EC2 "
                    + "Fleet parameters " + new LinkedHashSet<>(names) + "; see docs/services/ec2.md.");
        }
    }

    static void add(List<String> names, boolean given, String name) {
        if (given) {
            names.add(name);
        }
    }

    /** On-Demand and Spot targets: what is given of each, the rest of the total to the default type. */
    private static int[] split(TargetCapacitySpecificationRequest t) {
        int total = t.totalTargetCapacity();
        if (total < 0) {
            throw Ec2Errors.invalidValue(String.valueOf(total), "TotalTargetCapacity", "It must not be negative.");
        }
        int od = t.onDemandTargetCapacity() == null ? 0 : t.onDemandTargetCapacity();
        int spot = t.spotTargetCapacity() == null ? 0 : t.spotTargetCapacity();
        if (od < 0 || spot < 0) {
            throw Ec2Errors.invalidParameterValue("Target capacities must not be negative.");
        }
        if (od + spot > total) {
            throw Ec2Errors.combination("The sum of OnDemandTargetCapacity and SpotTargetCapacity must not exceed "
                    + "TotalTargetCapacity.");
        }
        String def = t.defaultTargetCapacityTypeAsString();
        if (def != null && !CAPACITY_TYPES.contains(def)) {
            throw Ec2Errors.invalidValue(def, "DefaultTargetCapacityType", "Valid values are: spot, on-demand.");
        }
        int rest = total - od - spot;
        if (rest > 0 && def == null) {
            throw Ec2Errors.missing("TargetCapacitySpecification.DefaultTargetCapacityType");
        }
        if ("on-demand".equals(def)) {
            od += rest;
        } else {
            spot += rest;
        }
        return new int[] {od, spot};
    }

    private static List<Pool> rawPools(List<FleetLaunchTemplateConfigRequest> configs) {
        List<Pool> out = new ArrayList<>();
        for (int c = 0; c < configs.size(); c++) {
            var spec = configs.get(c).launchTemplateSpecification();
            if (spec == null || (spec.launchTemplateId() == null && spec.launchTemplateName() == null)) {
                throw Ec2Errors.missing("LaunchTemplateSpecification.LaunchTemplateId");
            }
            if (spec.launchTemplateId() != null && spec.launchTemplateName() != null) {
                throw Ec2Errors.combination("Specify either LaunchTemplateId or LaunchTemplateName, not both.");
            }
            String version = spec.version() == null ? "$Default" : spec.version();
            List<FleetLaunchTemplateOverridesRequest> overrides = configs.get(c).hasOverrides()
                    ? configs.get(c).overrides() : List.of();
            if (overrides.isEmpty()) {
                out.add(new Pool(out.size(), c, -1, spec.launchTemplateId(), spec.launchTemplateName(), version, null,
                        null, null, null, null, 1, null, null, null));
            }
            for (int o = 0; o < overrides.size(); o++) {
                var x = overrides.get(o);
                double weight = x.weightedCapacity() == null ? 1 : x.weightedCapacity();
                if (weight <= 0) {
                    throw Ec2Errors.invalidValue(String.valueOf(weight), "WeightedCapacity", "It must be positive.");
                }
                if (x.priority() != null && x.priority() < 0) {
                    throw Ec2Errors.invalidValue(String.valueOf(x.priority()), "Priority", "It must not be negative.");
                }
                if (x.maxPrice() != null) {
                    positive(x.maxPrice(), "MaxPrice");
                }
                out.add(new Pool(out.size(), c, o, spec.launchTemplateId(), spec.launchTemplateName(), version, null,
                        x.instanceTypeAsString(), x.subnetId(), x.availabilityZone(), x.imageId(), weight, x.priority(),
                        x.maxPrice(), null));
            }
        }
        return out;
    }

    static void positive(String price, String parameter) {
        try {
            if (new java.math.BigDecimal(price).signum() > 0) {
                return;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw Ec2Errors.invalidValue(price, parameter, "The price must be a positive number.");
    }

    private void purge(Store s) {
        Instant now = context.clock().now();
        s.byId.values().removeIf(f -> f.endedAt != null && !now.isBefore(f.endedAt.plus(ENDED_VISIBLE)));
    }

    private static Fleet require(Store s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("FleetId");
        }
        if (!id.matches("fleet-[0-9a-f-]{36}")) {
            throw new AwsException("InvalidFleetId.Malformed", "The fleet ID '" + id + "' is malformed", 400);
        }
        Fleet f = s.byId.get(id);
        if (f == null) {
            throw new AwsException("InvalidFleetId.NotFound", "The fleet ID '" + id + "' does not exist", 400);
        }
        return f;
    }

    private static DeleteFleetErrorItem deleteError(String id, String code, String message) {
        return DeleteFleetErrorItem.builder().fleetId(id).error(DeleteFleetError.builder().code(code).message(message)
                .build()).build();
    }

    private static LaunchTemplateAndOverridesResponse poolShape(Fleet f, int index) {
        List<Pool> pools = rawPools(f.request.launchTemplateConfigs());
        if (index < 0 || index >= pools.size()) {
            return null;
        }
        Pool p = pools.get(index);
        var config = f.request.launchTemplateConfigs().get(p.config());
        FleetLaunchTemplateOverrides overrides = p.override() < 0 ? null
                : (FleetLaunchTemplateOverrides) ShapeCopy.copy(config.overrides().get(p.override()),
                        (SdkPojo) FleetLaunchTemplateOverrides.builder());
        return LaunchTemplateAndOverridesResponse.builder().launchTemplateSpecification(
                FleetLaunchTemplateSpecification.builder().launchTemplateId(p.templateId())
                        .launchTemplateName(p.templateName()).version(p.version()).build())
                .overrides(overrides).build();
    }

    /** CreateFleet's and DescribeFleets' Instances: the instances grouped by pool and lifecycle. */
    private static List<CreateFleetInstance> instantInstances(Fleet f) {
        Map<String, List<Fleet.Member>> groups = new LinkedHashMap<>();
        for (Fleet.Member m : f.members) {
            groups.computeIfAbsent(m.pool() + "|" + m.lifecycle() + "|" + m.instanceType(), k -> new ArrayList<>())
                    .add(m);
        }
        List<CreateFleetInstance> out = new ArrayList<>();
        for (List<Fleet.Member> g : groups.values()) {
            Fleet.Member first = g.get(0);
            out.add(CreateFleetInstance.builder().launchTemplateAndOverrides(poolShape(f, first.pool()))
                    .lifecycle(first.lifecycle()).instanceType(first.instanceType())
                    .instanceIds(g.stream().map(Fleet.Member::instanceId).toList()).build());
        }
        return out;
    }

    private static List<CreateFleetError> createErrors(Fleet f) {
        return f.failures.stream().map(x -> CreateFleetError.builder().launchTemplateAndOverrides(poolShape(f, x.pool()))
                .lifecycle(x.lifecycle()).errorCode(x.code()).errorMessage(x.message()).build()).toList();
    }

    private FleetData toSdk(Fleet f) {
        CreateFleetRequest r = f.request;
        var t = r.targetCapacitySpecification();
        FleetData.Builder b = FleetData.builder().fleetId(f.id).fleetState(f.state).activityStatus(f.activity)
                .createTime(f.created).clientToken(f.clientToken).type(f.type).excessCapacityTerminationPolicy(f.excessPolicy)
                .fulfilledCapacity(f.fulfilled(null)).fulfilledOnDemandCapacity(f.fulfilled(FleetEngine.ON_DEMAND))
                .launchTemplateConfigs(r.launchTemplateConfigs().stream().map(c -> (FleetLaunchTemplateConfig) ShapeCopy
                        .copy(c, (SdkPojo) FleetLaunchTemplateConfig.builder())).toList())
                .targetCapacitySpecification(TargetCapacitySpecification.builder()
                        .totalTargetCapacity(f.totalTarget()).onDemandTargetCapacity(f.onDemandTarget)
                        .spotTargetCapacity(f.spotTarget).defaultTargetCapacityType(t.defaultTargetCapacityTypeAsString())
                        .targetCapacityUnitType(t.targetCapacityUnitTypeAsString()).build())
                .terminateInstancesWithExpiration(f.terminateWithExpiration).validFrom(f.validFrom)
                .validUntil(f.validUntil).replaceUnhealthyInstances(Boolean.TRUE.equals(r.replaceUnhealthyInstances()))
                .spotOptions(r.spotOptions() == null ? SpotOptions.builder().allocationStrategy("lowest-price").build()
                        : ((SpotOptions) ShapeCopy.copy(r.spotOptions(), (SdkPojo) SpotOptions.builder())).toBuilder()
                                .allocationStrategy(r.spotOptions().allocationStrategyAsString() == null
                                        ? "lowest-price" : r.spotOptions().allocationStrategyAsString()).build())
                .onDemandOptions(r.onDemandOptions() == null ? OnDemandOptions.builder()
                        .allocationStrategy("lowest-price").build()
                        : ((OnDemandOptions) ShapeCopy.copy(r.onDemandOptions(), (SdkPojo) OnDemandOptions.builder()))
                                .toBuilder().allocationStrategy(r.onDemandOptions().allocationStrategyAsString() == null
                                        ? "lowest-price" : r.onDemandOptions().allocationStrategyAsString()).build())
                .context(r.context()).tags(f.sdkTags());
        if (f.type.equals("instant")) {
            b.instances(instantInstances(f).stream().map(i -> (DescribeFleetsInstances) ShapeCopy.copy(i,
                    (SdkPojo) DescribeFleetsInstances.builder())).toList());
            b.errors(createErrors(f).stream().map(e -> (DescribeFleetError) ShapeCopy.copy(e,
                    (SdkPojo) DescribeFleetError.builder())).toList());
        }
        return b.build();
    }
}
