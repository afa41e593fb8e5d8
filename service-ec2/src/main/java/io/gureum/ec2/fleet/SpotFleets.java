package io.gureum.ec2.fleet;

import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.regional.RegionalState;
import io.gureum.ec2.regional.RegisteredFamily;
import io.gureum.ec2.regional.ShapeCopy;
import io.gureum.ec2common.Ec2Errors;
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
import software.amazon.awssdk.services.ec2.model.CancelSpotFleetRequestsError;
import software.amazon.awssdk.services.ec2.model.CancelSpotFleetRequestsErrorItem;
import software.amazon.awssdk.services.ec2.model.CancelSpotFleetRequestsRequest;
import software.amazon.awssdk.services.ec2.model.CancelSpotFleetRequestsResponse;
import software.amazon.awssdk.services.ec2.model.CancelSpotFleetRequestsSuccessItem;
import software.amazon.awssdk.services.ec2.model.DescribeSpotFleetInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotFleetInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSpotFleetRequestHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotFleetRequestHistoryResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSpotFleetRequestsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotFleetRequestsResponse;
import software.amazon.awssdk.services.ec2.model.EventInformation;
import software.amazon.awssdk.services.ec2.model.HistoryRecord;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateConfig;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.ec2.model.ModifySpotFleetRequestRequest;
import software.amazon.awssdk.services.ec2.model.ModifySpotFleetRequestResponse;
import software.amazon.awssdk.services.ec2.model.RequestSpotFleetRequest;
import software.amazon.awssdk.services.ec2.model.RequestSpotFleetResponse;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.SpotFleetLaunchSpecification;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfig;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfigData;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * RequestSpotFleet, DescribeSpotFleetRequests, DescribeSpotFleetInstances, DescribeSpotFleetRequestHistory,
 * ModifySpotFleetRequest and CancelSpotFleetRequests (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-fleet.html).
 * The IamFleetRole is read with IAM's GetRole in-process when IAM is served (else only its ARN's form is
 * checked). The fleet launches in the call, is {@code active} when it answers, and a {@code maintain} fleet
 * (the default) replaces instances that have gone at each describe, modify and cancel. Cancelled requests
 * stay visible 48 hours of the core clock.
 */
public final class SpotFleets {
    private static final Set<String> TYPES = Set.of("request", "maintain");
    private static final Set<String> SPOT_STRATEGIES = Set.of("lowestPrice", "diversified", "capacityOptimized",
            "capacityOptimizedPrioritized", "priceCapacityOptimized");
    private static final Set<String> ON_DEMAND_STRATEGIES = Set.of("lowestPrice", "prioritized");
    private static final Set<String> EXCESS = Set.of("noTermination", "default");
    private static final Set<String> EVENT_TYPES = Set.of("instanceChange", "fleetRequestChange", "error",
            "information");
    private static final Duration ENDED_VISIBLE = Duration.ofHours(48);

    /** The Spot Fleet requests of one account and region, and the client tokens of their create calls. */
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

    /** @param journal records the place (account, region) after a read changed a fleet; called holding its lock */
    public SpotFleets(ServiceContext context, java.util.function.BiConsumer<String, String> journal, FleetWatch watch) {
        this.context = context;
        this.engine = new FleetEngine(context);
        this.journal = journal;
        this.watch = watch;
        watch.add(this::sweep);
    }

    /** This family's records for --data-dir. */
    public PlaceFamily records() {
        return watch.rearming(new RegisteredFamily<>("spot-fleet-request", Fleet.class, stores, s -> s.byId, f -> f.id,
                s -> s.clientTokens, context.registry()), (account, region) -> {
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

    private static AwsException invalidConfig(String message) {
        return new AwsException("InvalidSpotFleetRequestConfig", message, 400);
    }

    public RequestSpotFleetResponse requestSpotFleet(RequestSpotFleetRequest r) {
        SpotFleetRequestConfigData c = r.spotFleetRequestConfig();
        if (c == null) {
            throw Ec2Errors.missing("SpotFleetRequestConfig");
        }
        if (c.iamFleetRole() == null) {
            throw Ec2Errors.missing("SpotFleetRequestConfig.IamFleetRole");
        }
        if (c.targetCapacity() == null) {
            throw Ec2Errors.missing("SpotFleetRequestConfig.TargetCapacity");
        }
        refuseUnserved(c);
        int total = c.targetCapacity();
        int od = c.onDemandTargetCapacity() == null ? 0 : c.onDemandTargetCapacity();
        if (total < 0 || od < 0 || od > total) {
            throw invalidConfig("Parameter: SpotFleetRequestConfig.TargetCapacity is invalid.");
        }
        String type = c.typeAsString() == null ? "maintain" : c.typeAsString();
        if (!TYPES.contains(type)) {
            throw invalidConfig("Parameter: SpotFleetRequestConfig.Type is invalid.");
        }
        String strategy = c.allocationStrategyAsString() == null ? "lowestPrice" : c.allocationStrategyAsString();
        if (!SPOT_STRATEGIES.contains(strategy)) {
            throw invalidConfig("Parameter: SpotFleetRequestConfig.AllocationStrategy is invalid.");
        }
        String odStrategy = c.onDemandAllocationStrategyAsString() == null ? "lowestPrice"
                : c.onDemandAllocationStrategyAsString();
        if (!ON_DEMAND_STRATEGIES.contains(odStrategy)) {
            throw invalidConfig("Parameter: SpotFleetRequestConfig.OnDemandAllocationStrategy is invalid.");
        }
        if (c.instancePoolsToUseCount() != null && (!strategy.equals("lowestPrice") || c.instancePoolsToUseCount() < 1)) {
            throw invalidConfig("Parameter: SpotFleetRequestConfig.InstancePoolsToUseCount is invalid: it is valid "
                    + "only with the allocation strategy lowestPrice, and at least 1.");
        }
        String excess = c.excessCapacityTerminationPolicyAsString() == null ? "default"
                : c.excessCapacityTerminationPolicyAsString();
        if (!EXCESS.contains(excess)) {
            throw invalidConfig("Parameter: SpotFleetRequestConfig.ExcessCapacityTerminationPolicy is invalid.");
        }
        boolean specs = c.hasLaunchSpecifications() && !c.launchSpecifications().isEmpty();
        boolean templates = c.hasLaunchTemplateConfigs() && !c.launchTemplateConfigs().isEmpty();
        if (specs == templates) {
            throw invalidConfig("Specify either LaunchSpecifications or LaunchTemplateConfigs, exactly one of them.");
        }
        if (od > 0 && specs) {
            throw invalidConfig("On-Demand capacity requires LaunchTemplateConfigs.");
        }
        if (c.spotPrice() != null) {
            Ec2Fleets.positive(c.spotPrice(), "SpotFleetRequestConfig.SpotPrice");
        }
        Instant now = context.clock().now();
        if (c.validUntil() != null && !c.validUntil().isAfter(now)) {
            throw invalidConfig("Parameter: SpotFleetRequestConfig.ValidUntil must be in the future.");
        }
        if (c.validFrom() != null && c.validUntil() != null && !c.validFrom().isBefore(c.validUntil())) {
            throw invalidConfig("Parameter: SpotFleetRequestConfig.ValidFrom must be earlier than ValidUntil.");
        }
        List<TagSpecification> tags = c.hasTagSpecifications() ? c.tagSpecifications() : List.of();
        TagSpecifications.validate(tags, "spot-fleet-request");
        List<Pool> raw = rawPools(c);
        RequestContext ctx = RequestContext.current();
        checkRole(c.iamFleetRole(), ctx.accountId(), ctx.region());
        Store s = stores.current();
        synchronized (s) {
            if (c.clientToken() != null && s.clientTokens.containsKey(c.clientToken())) {
                return RequestSpotFleetResponse.builder().spotFleetRequestId(s.clientTokens.get(c.clientToken()))
                        .build();
            }
            Fleet f = new Fleet("sfr-" + context.ids().requestId(), "spot-fleet-request", ctx.accountId(),
                    ctx.region(), now, type, c.clientToken());
            List<Pool> pools = engine.resolve(engine.ec2(f), ctx.region(), raw);
            Ec2Errors.checkDryRun(r.dryRun());
            f.config = c.toBuilder().type(type).allocationStrategy(strategy).excessCapacityTerminationPolicy(excess)
                    .build();
            f.onDemandTarget = od;
            f.spotTarget = total - od;
            f.excessPolicy = excess;
            f.validFrom = c.validFrom();
            f.validUntil = c.validUntil();
            f.terminateWithExpiration = Boolean.TRUE.equals(c.terminateInstancesWithExpiration());
            f.tags.putAll(TagSpecifications.tagsOf(tags));
            f.register(context.registry());
            s.byId.put(f.id, f);
            if (c.clientToken() != null) {
                s.clientTokens.put(c.clientToken(), f.id);
            }
            f.event(now, "fleetRequestChange", "submitted", null, null);
            if (c.validFrom() == null || !c.validFrom().isAfter(now)) {
                f.state(now, "active");
                fill(f, pools);
            }
            f.activity = FleetEngine.activity(f);
            arm(f);
            return RequestSpotFleetResponse.builder().spotFleetRequestId(f.id).build();
        }
    }

    public DescribeSpotFleetRequestsResponse describeSpotFleetRequests(DescribeSpotFleetRequestsRequest r) {
        Store s = stores.current();
        synchronized (s) {
            purge(s);
            List<Fleet> found;
            if (r.hasSpotFleetRequestIds() && !r.spotFleetRequestIds().isEmpty()) {
                found = new ArrayList<>();
                for (String id : new LinkedHashSet<>(r.spotFleetRequestIds())) {
                    found.add(require(s, id));
                }
            } else {
                found = new ArrayList<>(s.byId.values());
            }
            Ec2Errors.checkDryRun(r.dryRun());
            found.forEach(this::reconcile);
            var page = Pagination.page(found, r.maxResults(), r.nextToken(), 1, 1000);
            return DescribeSpotFleetRequestsResponse.builder()
                    .spotFleetRequestConfigs(page.items().stream().map(SpotFleets::toSdk).toList())
                    .nextToken(page.nextToken()).build();
        }
    }

    public DescribeSpotFleetInstancesResponse describeSpotFleetInstances(DescribeSpotFleetInstancesRequest r) {
        Store s = stores.current();
        synchronized (s) {
            purge(s);
            Fleet f = require(s, r.spotFleetRequestId());
            Ec2Errors.checkDryRun(r.dryRun());
            reconcile(f);
            var page = Pagination.page(f.members, r.maxResults(), r.nextToken(), 1, 1000);
            return DescribeSpotFleetInstancesResponse.builder().spotFleetRequestId(f.id)
                    .activeInstances(page.items().stream().map(m -> ActiveInstance.builder().instanceId(m.instanceId())
                            .instanceType(m.instanceType()).instanceHealth("healthy").build()).toList())
                    .nextToken(page.nextToken()).build();
        }
    }

    public DescribeSpotFleetRequestHistoryResponse describeSpotFleetRequestHistory(
            DescribeSpotFleetRequestHistoryRequest r) {
        if (r.startTime() == null) {
            throw Ec2Errors.missing("StartTime");
        }
        String wanted = r.eventTypeAsString();
        if (wanted != null && !EVENT_TYPES.contains(wanted)) {
            throw Ec2Errors.invalidValue(wanted, "EventType",
                    "Valid values are: instanceChange, fleetRequestChange, error, information.");
        }
        Store s = stores.current();
        synchronized (s) {
            purge(s);
            Fleet f = require(s, r.spotFleetRequestId());
            Ec2Errors.checkDryRun(r.dryRun());
            reconcile(f);
            List<Fleet.Event> events = f.history.stream().filter(e -> !e.time().isBefore(r.startTime()))
                    .filter(e -> wanted == null || e.type().equals(wanted)).toList();
            var page = Pagination.page(events, r.maxResults(), r.nextToken(), 1, 1000);
            return DescribeSpotFleetRequestHistoryResponse.builder().spotFleetRequestId(f.id).startTime(r.startTime())
                    .lastEvaluatedTime(context.clock().now()).nextToken(page.nextToken())
                    .historyRecords(page.items().stream().map(e -> HistoryRecord.builder().eventType(e.type())
                            .timestamp(e.time()).eventInformation(EventInformation.builder().eventSubType(e.subType())
                                    .eventDescription(e.description()).instanceId(e.instanceId()).build())
                            .build()).toList())
                    .build();
        }
    }

    public ModifySpotFleetRequestResponse modifySpotFleetRequest(ModifySpotFleetRequestRequest r) {
        Store s = stores.current();
        synchronized (s) {
            purge(s);
            Fleet f = require(s, r.spotFleetRequestId());
            if (!f.type.equals("maintain")) {
                throw Ec2Errors.invalidParameterValue("Spot Fleet request " + f.id + " is of type " + f.type
                        + ": only requests of type maintain can be modified.");
            }
            if (!f.running()) {
                throw new AwsException("IncorrectState", "Spot Fleet request " + f.id + " is in state " + f.state
                        + " and cannot be modified.", 400);
            }
            String excess = r.excessCapacityTerminationPolicyAsString();
            if (excess != null && !EXCESS.contains(excess)) {
                throw Ec2Errors.invalidValue(excess, "ExcessCapacityTerminationPolicy",
                        "Valid values are: noTermination, default.");
            }
            int total = r.targetCapacity() == null ? f.totalTarget() : r.targetCapacity();
            int od = r.onDemandTargetCapacity() == null ? f.onDemandTarget : r.onDemandTargetCapacity();
            if (total < 0 || od < 0 || od > total) {
                throw Ec2Errors.invalidParameterValue("The target capacity must not be negative, and On-Demand "
                        + "target capacity must not exceed it.");
            }
            SpotFleetRequestConfigData.Builder changed = f.config.toBuilder().targetCapacity(total)
                    .onDemandTargetCapacity(od);
            if (r.hasLaunchTemplateConfigs() && !r.launchTemplateConfigs().isEmpty()) {
                if (f.config.hasLaunchSpecifications() && !f.config.launchSpecifications().isEmpty()) {
                    throw invalidConfig("LaunchTemplateConfigs cannot be given to a request made with "
                            + "LaunchSpecifications.");
                }
                changed.launchTemplateConfigs(r.launchTemplateConfigs());
                engine.resolve(engine.ec2(f), f.region, rawPools(changed.build()));
            }
            Instant now = context.clock().now();
            f.event(now, "fleetRequestChange", "modify_in_progress", null, null);
            if (excess != null) {
                f.excessPolicy = excess;
                changed.excessCapacityTerminationPolicy(excess);
            }
            f.config = changed.build();
            f.onDemandTarget = od;
            f.spotTarget = total - od;
            f.event(now, "fleetRequestChange", "modify_succeeded", null, null);
            reconcile(f);
            return ModifySpotFleetRequestResponse.builder().returnValue(true).build();
        }
    }

    public CancelSpotFleetRequestsResponse cancelSpotFleetRequests(CancelSpotFleetRequestsRequest r) {
        if (!r.hasSpotFleetRequestIds() || r.spotFleetRequestIds().isEmpty()) {
            throw Ec2Errors.missing("SpotFleetRequestId");
        }
        if (r.terminateInstances() == null) {
            throw Ec2Errors.missing("TerminateInstances");
        }
        if (new LinkedHashSet<>(r.spotFleetRequestIds()).size() > 100) {
            throw Ec2Errors.invalidParameterValue("You can cancel up to 100 Spot Fleet requests in a single request.");
        }
        Store s = stores.current();
        synchronized (s) {
            purge(s);
            Ec2Errors.checkDryRun(r.dryRun());
            Instant now = context.clock().now();
            List<CancelSpotFleetRequestsSuccessItem> ok = new ArrayList<>();
            List<CancelSpotFleetRequestsErrorItem> failed = new ArrayList<>();
            for (String id : new LinkedHashSet<>(r.spotFleetRequestIds())) {
                Fleet f = s.byId.get(id);
                if (!id.matches("sfr-[0-9a-f-]{36}")) {
                    failed.add(cancelError(id, "fleetRequestIdMalformed", "The Spot Fleet request ID '" + id
                            + "' is malformed"));
                } else if (f == null) {
                    failed.add(cancelError(id, "fleetRequestIdDoesNotExist", "The Spot Fleet request ID '" + id
                            + "' does not exist"));
                } else if (!f.running() && !f.state.equals("submitted")) {
                    failed.add(cancelError(id, "fleetRequestNotInCancellableState", "The Spot Fleet request " + id
                            + " is in state " + f.state + " and cannot be cancelled."));
                } else {
                    reconcile(f);
                    String before = f.state;
                    engine.end(f, r.terminateInstances(), now);
                    ok.add(CancelSpotFleetRequestsSuccessItem.builder().spotFleetRequestId(id)
                            .previousSpotFleetRequestState(before).currentSpotFleetRequestState(f.state).build());
                }
            }
            return CancelSpotFleetRequestsResponse.builder().successfulFleetRequests(ok).unsuccessfulFleetRequests(failed)
                    .build();
        }
    }

    private void reconcile(Fleet f) {
        int before = f.history.size();
        engine.reconcile(f, x -> fill(x, engine.resolve(engine.ec2(x), x.region, rawPools(x.config))));
        if (f.history.size() != before) {
            journal.accept(f.ownerId, f.region);
        }
    }

    private void fill(Fleet f, List<Pool> pools) {
        SpotFleetRequestConfigData c = f.config;
        String od = c.onDemandAllocationStrategyAsString() == null ? "lowestPrice"
                : c.onDemandAllocationStrategyAsString();
        engine.fill(f, pools, FleetEngine.ON_DEMAND, f.onDemandTarget, FleetEngine.Strategy.of(od), null, null);
        engine.fill(f, pools, FleetEngine.SPOT, f.spotTarget, FleetEngine.Strategy.of(c.allocationStrategyAsString()),
                c.instancePoolsToUseCount(), null);
    }

    /**
     * The IamFleetRole must be a role ARN, and the role must exist when IAM is served (GetRole in-process);
     * AWS answers InvalidSpotFleetRequestConfig for either.
     */
    private void checkRole(String arn, String account, String region) {
        AwsException invalid = invalidConfig("Parameter: SpotFleetRequestConfig.IamFleetRole is invalid.");
        if (!arn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
            throw invalid;
        }
        if (!context.clients().serves(IamClient.class)) {
            return;
        }
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        IamClient iam = context.clients().client(IamClient.class, Caller.service("spotfleet.amazonaws.com", account,
                region, null));
        try {
            String found = iam.getRole(b -> b.roleName(name)).role().arn();
            if (!found.equals(arn)) {
                throw invalid;
            }
        } catch (NoSuchEntityException e) {
            throw invalid;
        }
    }

    /** The pools: each launch specification per subnet and zone it lists, or each template configuration's overrides. */
    private static List<Pool> rawPools(SpotFleetRequestConfigData c) {
        List<Pool> out = new ArrayList<>();
        if (c.hasLaunchSpecifications() && !c.launchSpecifications().isEmpty()) {
            for (int i = 0; i < c.launchSpecifications().size(); i++) {
                SpotFleetLaunchSpecification spec = c.launchSpecifications().get(i);
                if (spec.imageId() == null) {
                    throw invalidConfig("Parameter: SpotFleetRequestConfig.LaunchSpecifications.ImageId is missing.");
                }
                double weight = spec.weightedCapacity() == null ? 1 : spec.weightedCapacity();
                if (weight <= 0) {
                    throw invalidConfig("Parameter: WeightedCapacity must be positive.");
                }
                if (spec.spotPrice() != null) {
                    Ec2Fleets.positive(spec.spotPrice(), "SpotPrice");
                }
                RunInstancesRequest run = runRequest(spec);
                List<String> subnets = split(spec.subnetId());
                List<String> zones = split(spec.placement() == null ? null : spec.placement().availabilityZone());
                for (String subnet : subnets) {
                    for (String zone : subnet == null ? zones : java.util.Collections.<String>singletonList(null)) {
                        out.add(new Pool(out.size(), i, -1, null, null, null, run, spec.instanceTypeAsString(), subnet,
                                zone, null, weight, null, spec.spotPrice() != null ? spec.spotPrice() : c.spotPrice(),
                                null));
                    }
                }
            }
            return out;
        }
        for (int i = 0; i < c.launchTemplateConfigs().size(); i++) {
            LaunchTemplateConfig config = c.launchTemplateConfigs().get(i);
            var spec = config.launchTemplateSpecification();
            if (spec == null || (spec.launchTemplateId() == null && spec.launchTemplateName() == null)) {
                throw invalidConfig("Parameter: LaunchTemplateSpecification must name a launch template.");
            }
            if (spec.version() == null) {
                throw invalidConfig("Parameter: LaunchTemplateSpecification.Version is missing.");
            }
            List<LaunchTemplateOverrides> overrides = config.hasOverrides() ? config.overrides() : List.of();
            if (overrides.isEmpty()) {
                out.add(new Pool(out.size(), i, -1, spec.launchTemplateId(), spec.launchTemplateName(), spec.version(),
                        null, null, null, null, null, 1, null, c.spotPrice(), null));
            }
            for (int o = 0; o < overrides.size(); o++) {
                LaunchTemplateOverrides x = overrides.get(o);
                double weight = x.weightedCapacity() == null ? 1 : x.weightedCapacity();
                if (weight <= 0) {
                    throw invalidConfig("Parameter: WeightedCapacity must be positive.");
                }
                if (x.spotPrice() != null) {
                    Ec2Fleets.positive(x.spotPrice(), "SpotPrice");
                }
                for (String subnet : split(x.subnetId())) {
                    out.add(new Pool(out.size(), i, o, spec.launchTemplateId(), spec.launchTemplateName(),
                            spec.version(), null, x.instanceTypeAsString(), subnet, x.availabilityZone(), null, weight,
                            x.priority(), x.spotPrice() != null ? x.spotPrice() : c.spotPrice(), null));
                }
            }
        }
        return out;
    }

    /** Parameters Gureum does not apply are refused naming them, rather than accepted and ignored. */
    private static void refuseUnserved(SpotFleetRequestConfigData c) {
        List<String> names = new ArrayList<>();
        Ec2Fleets.add(names, c.spotMaintenanceStrategies() != null, "SpotMaintenanceStrategies");
        Ec2Fleets.add(names, c.onDemandMaxTotalPrice() != null, "OnDemandMaxTotalPrice");
        Ec2Fleets.add(names, c.spotMaxTotalPrice() != null, "SpotMaxTotalPrice");
        Ec2Fleets.add(names, c.loadBalancersConfig() != null, "LoadBalancersConfig");
        Ec2Fleets.add(names, c.targetCapacityUnitTypeAsString() != null && !c.targetCapacityUnitTypeAsString()
                .equals("units"), "TargetCapacityUnitType");
        if (c.hasLaunchSpecifications()) {
            c.launchSpecifications().forEach(x -> Ec2Fleets.add(names, x.instanceRequirements() != null,
                    "LaunchSpecifications.InstanceRequirements"));
        }
        if (c.hasLaunchTemplateConfigs()) {
            c.launchTemplateConfigs().forEach(x -> (x.hasOverrides() ? x.overrides()
                    : List.<LaunchTemplateOverrides>of()).forEach(o -> {
                        Ec2Fleets.add(names, o.instanceRequirements() != null, "Overrides.InstanceRequirements");
                        Ec2Fleets.add(names, o.availabilityZoneId() != null, "Overrides.AvailabilityZoneId");
                    }));
        }
        if (!names.isEmpty()) {
            throw io.gureum.ec2common.Ec2Error.UNSUPPORTED_OPERATION.withMessage("Gureum does not emulate the Spot "
                    + "Fleet parameters " + new LinkedHashSet<>(names) + "; see docs/services/ec2.md.");
        }
    }

    /** A comma-separated list (Spot Fleet's subnets and zones), or a list of one null. */
    private static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return java.util.Collections.singletonList(null);
        }
        return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    /** A launch specification as RunInstances takes it (same member names; groups by ID or name). */
    private static RunInstancesRequest runRequest(SpotFleetLaunchSpecification spec) {
        RunInstancesRequest.Builder b = ((RunInstancesRequest) ShapeCopy.copy(spec,
                (SdkPojo) RunInstancesRequest.builder())).toBuilder();
        b.subnetId(null).placement(spec.placement() == null ? null : software.amazon.awssdk.services.ec2.model.Placement
                .builder().groupName(spec.placement().groupName()).tenancy(spec.placement().tenancyAsString()).build());
        if (spec.hasSecurityGroups() && !spec.securityGroups().isEmpty()) {
            List<String> ids = spec.securityGroups().stream().map(g -> g.groupId()).filter(x -> x != null).toList();
            List<String> names = spec.securityGroups().stream().filter(g -> g.groupId() == null)
                    .map(g -> g.groupName()).filter(x -> x != null).toList();
            b.securityGroupIds(ids.isEmpty() ? null : ids).securityGroups(names.isEmpty() ? null : names);
        }
        return b.build();
    }

    private void purge(Store s) {
        Instant now = context.clock().now();
        s.byId.values().removeIf(f -> f.endedAt != null && !now.isBefore(f.endedAt.plus(ENDED_VISIBLE)));
    }

    private static Fleet require(Store s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("SpotFleetRequestId");
        }
        if (!id.matches("sfr-[0-9a-f-]{36}")) {
            throw new AwsException("InvalidSpotFleetRequestId.Malformed", "Invalid id: \"" + id
                    + "\" (expecting \"sfr-...\")", 400);
        }
        Fleet f = s.byId.get(id);
        if (f == null) {
            throw new AwsException("InvalidSpotFleetRequestId.NotFound", "The spot fleet request ID '" + id
                    + "' does not exist", 400);
        }
        return f;
    }

    private static CancelSpotFleetRequestsErrorItem cancelError(String id, String code, String message) {
        return CancelSpotFleetRequestsErrorItem.builder().spotFleetRequestId(id)
                .error(CancelSpotFleetRequestsError.builder().code(code).message(message).build()).build();
    }

    private static SpotFleetRequestConfig toSdk(Fleet f) {
        return SpotFleetRequestConfig.builder().spotFleetRequestId(f.id).spotFleetRequestState(f.state)
                .activityStatus(f.activity).createTime(f.created).tags(f.sdkTags())
                .spotFleetRequestConfig(f.config.toBuilder().fulfilledCapacity(f.fulfilled(null))
                        .onDemandFulfilledCapacity(f.fulfilled(FleetEngine.ON_DEMAND)).build())
                .build();
    }
}
