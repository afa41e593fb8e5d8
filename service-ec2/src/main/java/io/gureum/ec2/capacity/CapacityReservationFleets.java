package io.gureum.ec2.capacity;

import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.topology.AvailabilityZone;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.compute.Timing;
import io.gureum.ec2.regional.RegisteredFamily;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.ec2.model.CancelCapacityReservationFleetError;
import software.amazon.awssdk.services.ec2.model.CancelCapacityReservationFleetsRequest;
import software.amazon.awssdk.services.ec2.model.CancelCapacityReservationFleetsResponse;
import software.amazon.awssdk.services.ec2.model.CapacityReservationFleetCancellationState;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationFleetRequest;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationFleetResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationFleetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationFleetsResponse;
import software.amazon.awssdk.services.ec2.model.FailedCapacityReservationFleetCancellationResult;
import software.amazon.awssdk.services.ec2.model.FleetCapacityReservation;
import software.amazon.awssdk.services.ec2.model.ModifyCapacityReservationFleetRequest;
import software.amazon.awssdk.services.ec2.model.ModifyCapacityReservationFleetResponse;
import software.amazon.awssdk.services.ec2.model.ReservationFleetInstanceSpecification;

/**
 * CreateCapacityReservationFleet, DescribeCapacityReservationFleets, ModifyCapacityReservationFleet and
 * CancelCapacityReservationFleets (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/cr-fleets.html). A fleet is
 * {@code submitted} for {@link Timing#TRANSITION} of the clock, then reserves capacity with the
 * {@code prioritized} strategy through {@link CapacityReservations}' own reservation code: the lowest Priority
 * first (specifications without one last, ties in the order given), as many instances of it as fit the remaining
 * target ({@code floor(remaining / weight)}, never above the target), then the next. A type not offered in the
 * zone is insufficient capacity for it. Fully reserved: {@code active}; partly: {@code partially_fulfilled};
 * nothing: {@code failed}. An active fleet maintains its target: a reservation of it cancelled on its own is made
 * again. States move lazily with the clock, checked at each operation of the family (and at
 * DescribeCapacityReservations); a change made so is journaled with --data-dir at once.
 */
public final class CapacityReservationFleets {
    private static final String ID_PATTERN = "crf-[0-9a-f]{17}";
    private static final double MIN_WEIGHT = 0.001;
    private static final double MAX_WEIGHT = 99.999;

    private final ServiceContext context;
    private final CapacityReservations reservations;
    private final BiConsumer<String, String> journal;
    private final Ec2Filters<CapacityReservationFleet> filters = new Ec2Filters<CapacityReservationFleet>(
            f -> f.tagMap())
            .on("state", f -> f.state)
            .on("instance-match-criteria", f -> f.matchCriteria)
            .on("tenancy", f -> f.tenancy)
            .on("allocation-strategy", f -> f.allocationStrategy);

    /** @param journal records the place (account, region) after a read moved a fleet on; called holding its lock */
    public CapacityReservationFleets(ServiceContext context, CapacityReservations reservations,
            BiConsumer<String, String> journal) {
        this.context = context;
        this.reservations = reservations;
        this.journal = journal;
        reservations.onSettle(this::settle);
    }

    /** This family's records for --data-dir. */
    public PlaceFamily records() {
        return new RegisteredFamily<>("capacity-reservation-fleet", CapacityReservationFleet.class, reservations.stores,
                s -> s.fleets, f -> f.id, s -> s.fleetClientTokens, context.registry());
    }

    public CreateCapacityReservationFleetResponse createCapacityReservationFleet(
            CreateCapacityReservationFleetRequest r) {
        if (!r.hasInstanceTypeSpecifications() || r.instanceTypeSpecifications().isEmpty()) {
            throw Ec2Errors.missing("InstanceTypeSpecifications");
        }
        if (r.totalTargetCapacity() == null) {
            throw Ec2Errors.missing("TotalTargetCapacity");
        }
        if (r.totalTargetCapacity() < 1) {
            throw Ec2Errors.invalidValue(String.valueOf(r.totalTargetCapacity()), "TotalTargetCapacity",
                    "It must be at least 1.");
        }
        String strategy = r.allocationStrategy() == null ? "prioritized" : r.allocationStrategy();
        if (!strategy.equals("prioritized")) {
            throw Ec2Errors.invalidValue(strategy, "AllocationStrategy", "Only prioritized is supported.");
        }
        String tenancy = r.tenancyAsString() == null ? "default" : r.tenancyAsString();
        if (!tenancy.equals("default")) {
            throw Ec2Errors.invalidValue(tenancy, "Tenancy", "Only default is supported.");
        }
        String match = r.instanceMatchCriteriaAsString() == null ? "open" : r.instanceMatchCriteriaAsString();
        if (!match.equals("open")) {
            throw Ec2Errors.invalidValue(match, "InstanceMatchCriteria", "Only open is supported.");
        }
        Instant now = context.clock().now();
        if (r.endDate() != null && !r.endDate().isAfter(now)) {
            throw Ec2Errors.invalidValue(r.endDate().toString(), "EndDate", "The end date must be in the future.");
        }
        List<CapacityReservationFleet.Spec> specs = specs(r.instanceTypeSpecifications());
        TagSpecifications.validate(r.tagSpecifications(), "capacity-reservation-fleet");
        CapacityReservations.Store s = reservations.stores.current();
        synchronized (s) {
            reservations.settle(s);
            if (r.clientToken() != null && s.fleetClientTokens.containsKey(r.clientToken())) {
                CapacityReservationFleet earlier = s.fleets.get(s.fleetClientTokens.get(r.clientToken()));
                if (earlier != null) {
                    if (earlier.request != null && !earlier.request.equals(requestText(r))) {
                        throw Ec2Error.IDEMPOTENT_PARAMETER_MISMATCH.withMessage("The client token " + r.clientToken()
                                + " was already used with other parameters.");
                    }
                    return created(s, earlier);
                }
            }
            Ec2Errors.checkDryRun(r.dryRun());
            RequestContext ctx = RequestContext.current();
            CapacityReservationFleet f = new CapacityReservationFleet(context.ids().next("crf"), ctx.accountId(),
                    ctx.region(), now, specs, tenancy, match, strategy);
            f.totalTarget = r.totalTargetCapacity();
            f.endDate = r.endDate();
            f.request = requestText(r);
            f.tags.putAll(TagSpecifications.tagsOf(r.tagSpecifications()));
            f.register(context.registry());
            s.fleets.put(f.id, f);
            if (r.clientToken() != null) {
                s.fleetClientTokens.put(r.clientToken(), f.id);
            }
            return created(s, f);
        }
    }

    public DescribeCapacityReservationFleetsResponse describeCapacityReservationFleets(
            DescribeCapacityReservationFleetsRequest r) {
        CapacityReservations.Store s = reservations.stores.current();
        synchronized (s) {
            reservations.settle(s);
            List<CapacityReservationFleet> found = new ArrayList<>(s.fleets.values());
            if (r.hasCapacityReservationFleetIds() && !r.capacityReservationFleetIds().isEmpty()) {
                for (String id : new LinkedHashSet<>(r.capacityReservationFleetIds())) {
                    require(s, id);
                }
                found.removeIf(f -> !r.capacityReservationFleetIds().contains(f.id));
            }
            var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                    r.nextToken(), 1, 100);
            Ec2Errors.checkDryRun(r.dryRun());
            return DescribeCapacityReservationFleetsResponse.builder()
                    .capacityReservationFleets(page.items().stream().map(f -> toSdk(s, f)).toList())
                    .nextToken(page.nextToken()).build();
        }
    }

    public ModifyCapacityReservationFleetResponse modifyCapacityReservationFleet(
            ModifyCapacityReservationFleetRequest r) {
        boolean removeEndDate = Boolean.TRUE.equals(r.removeEndDate());
        if (r.endDate() != null && removeEndDate) {
            throw Ec2Errors.combination("You can't specify EndDate and RemoveEndDate in the same request.");
        }
        if (r.totalTargetCapacity() == null && r.endDate() == null && !removeEndDate) {
            throw Ec2Errors.missing("TotalTargetCapacity");
        }
        if (r.totalTargetCapacity() != null && r.totalTargetCapacity() < 1) {
            throw Ec2Errors.invalidValue(String.valueOf(r.totalTargetCapacity()), "TotalTargetCapacity",
                    "It must be at least 1.");
        }
        Instant now = context.clock().now();
        if (r.endDate() != null && !r.endDate().isAfter(now)) {
            throw Ec2Errors.invalidValue(r.endDate().toString(), "EndDate", "The end date must be in the future.");
        }
        CapacityReservations.Store s = reservations.stores.current();
        synchronized (s) {
            reservations.settle(s);
            CapacityReservationFleet f = require(s, r.capacityReservationFleetId());
            if (!f.state.equals("active") && !f.state.equals("partially_fulfilled")) {
                throw Ec2Error.INCORRECT_STATE.withMessage("The Capacity Reservation Fleet " + f.id + " is in state "
                        + f.state + " and cannot be modified.");
            }
            Ec2Errors.checkDryRun(r.dryRun());
            if (r.totalTargetCapacity() != null) {
                f.totalTarget = r.totalTargetCapacity();
            }
            if (r.endDate() != null || removeEndDate) {
                f.endDate = removeEndDate ? null : r.endDate();
                for (CapacityReservation c : active(s, f)) {
                    c.endDateType = f.endDate == null ? "unlimited" : "limited";
                    c.endDate = f.endDate;
                }
            }
            apply(s, f, now);
            f.state = "modifying";
            f.stateSince = now;
            return ModifyCapacityReservationFleetResponse.builder().returnValue(true).build();
        }
    }

    public CancelCapacityReservationFleetsResponse cancelCapacityReservationFleets(
            CancelCapacityReservationFleetsRequest r) {
        if (!r.hasCapacityReservationFleetIds() || r.capacityReservationFleetIds().isEmpty()) {
            throw Ec2Errors.missing("CapacityReservationFleetId");
        }
        CapacityReservations.Store s = reservations.stores.current();
        synchronized (s) {
            reservations.settle(s);
            Ec2Errors.checkDryRun(r.dryRun());
            Instant now = context.clock().now();
            List<CapacityReservationFleetCancellationState> ok = new ArrayList<>();
            List<FailedCapacityReservationFleetCancellationResult> failed = new ArrayList<>();
            for (String id : new LinkedHashSet<>(r.capacityReservationFleetIds())) {
                CapacityReservationFleet f = id == null ? null : s.fleets.get(id);
                if (id == null || !id.matches(ID_PATTERN)) {
                    failed.add(failure(id, "InvalidCapacityReservationFleetId.Malformed",
                            "The Capacity Reservation Fleet ID '" + id + "' is malformed"));
                } else if (f == null) {
                    failed.add(failure(id, "InvalidCapacityReservationFleetId.NotFound",
                            "The Capacity Reservation Fleet ID '" + id + "' does not exist"));
                } else if (!f.live()) {
                    failed.add(failure(id, "IncorrectState", "The Capacity Reservation Fleet " + id + " is in state "
                            + f.state + " and cannot be cancelled."));
                } else {
                    String before = f.state;
                    for (CapacityReservation c : active(s, f)) {
                        c.end("cancelled", now);
                    }
                    f.state = "cancelling";
                    f.stateSince = now;
                    ok.add(CapacityReservationFleetCancellationState.builder().capacityReservationFleetId(id)
                            .previousFleetState(before).currentFleetState(f.state).build());
                }
            }
            return CancelCapacityReservationFleetsResponse.builder().successfulFleetCancellations(ok)
                    .failedFleetCancellations(failed).build();
        }
    }

    private static String requestText(CreateCapacityReservationFleetRequest r) {
        return r.toBuilder().dryRun(null).build().toString();
    }

    /** Brings the place's fleets up to {@code now}; journals the place when one moved. Holds the store lock. */
    private void settle(CapacityReservations.Store s, Instant now) {
        boolean changed = false;
        String account = null;
        String region = null;
        for (CapacityReservationFleet f : s.fleets.values()) {
            String before = f.state + f.reservationIds.size() + f.stateSince;
            settle(s, f, now);
            if (!before.equals(f.state + f.reservationIds.size() + f.stateSince)) {
                changed = true;
                account = f.ownerId;
                region = f.region;
            }
        }
        if (changed) {
            journal.accept(account, region);
        }
    }

    private void settle(CapacityReservations.Store s, CapacityReservationFleet f, Instant now) {
        Instant due = f.stateSince.plus(Timing.TRANSITION);
        if (f.state.equals("submitted") && !now.isBefore(due)) {
            apply(s, f, due);
            f.state = fulfilledState(s, f);
            f.stateSince = due;
        } else if (f.state.equals("modifying") && !now.isBefore(due)) {
            f.state = fulfilledState(s, f);
            f.stateSince = due;
        } else if (f.state.equals("cancelling") && !now.isBefore(due)) {
            f.state = "cancelled";
            f.stateSince = due;
        }
        // At its end date the fleet is expiring while its reservations expire (each has the same end date),
        // then expired (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CapacityReservationFleet.html).
        if (f.endDate != null && f.live() && !f.state.equals("submitted") && !now.isBefore(f.endDate)) {
            f.state = "expiring";
            f.stateSince = f.endDate;
        }
        if (f.state.equals("expiring") && !now.isBefore(f.stateSince.plus(Timing.TRANSITION))) {
            f.state = "expired";
            f.stateSince = f.stateSince.plus(Timing.TRANSITION);
        }
        // It maintains its capacity: a reservation of it cancelled on its own is reserved again.
        if ((f.state.equals("active") || f.state.equals("partially_fulfilled")) && f.reservationIds.stream()
                .map(s.byId::get).anyMatch(c -> c != null && c.state.equals("cancelled") && !replaced(s, f, c))) {
            apply(s, f, now);
            f.state = fulfilledState(s, f);
        }
    }

    /** Whether a cancelled reservation's type has an active reservation of the fleet again. */
    private static boolean replaced(CapacityReservations.Store s, CapacityReservationFleet f, CapacityReservation c) {
        return active(s, f).stream().anyMatch(a -> a.instanceType.equals(c.instanceType)
                && a.platform.equals(c.platform));
    }

    /**
     * Makes the fleet's active reservations what the prioritized plan says for its target: counts changed in
     * place, reservations made for types that have none, cancelled for types the plan no longer uses.
     */
    private void apply(CapacityReservations.Store s, CapacityReservationFleet f, Instant at) {
        Map<Integer, Integer> plan = plan(f);
        for (int i = 0; i < f.specs.size(); i++) {
            CapacityReservationFleet.Spec spec = f.specs.get(i);
            int want = plan.getOrDefault(i, 0);
            CapacityReservation c = activeFor(s, f, spec);
            if (c != null) {
                if (want == 0) {
                    c.end("cancelled", at);
                } else if (c.count != want) {
                    c.resize(want, at);
                }
            } else if (want > 0) {
                CapacityReservation made = reservations.reserveForFleet(s, f, spec, want, at);
                if (made != null) {
                    f.reservationIds.add(made.id);
                }
            }
        }
    }

    /** Specification index → instances, by priority, each as many as fit the remaining target. */
    private Map<Integer, Integer> plan(CapacityReservationFleet f) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < f.specs.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> f.specs.get(i).priority() == null ? Integer.MAX_VALUE
                : f.specs.get(i).priority()).thenComparing(i -> i));
        Map<Integer, Integer> plan = new LinkedHashMap<>();
        double units = f.totalTarget;
        for (int i : order) {
            CapacityReservationFleet.Spec spec = f.specs.get(i);
            if (reservations.offeredZone(f.region, spec) == null) {
                continue;
            }
            int n = (int) Math.floor(units / spec.weight() + 1e-9);
            if (n > 0) {
                plan.put(i, n);
                units -= n * spec.weight();
            }
        }
        return plan;
    }

    private static String fulfilledState(CapacityReservations.Store s, CapacityReservationFleet f) {
        double fulfilled = fulfilled(s, f);
        if (fulfilled + 1e-9 >= f.totalTarget) {
            return "active";
        }
        return fulfilled > 0 ? "partially_fulfilled" : "failed";
    }

    private static double fulfilled(CapacityReservations.Store s, CapacityReservationFleet f) {
        double sum = 0;
        for (CapacityReservation c : active(s, f)) {
            sum += c.count * specOf(f, c).weight();
        }
        return sum;
    }

    private static List<CapacityReservation> active(CapacityReservations.Store s, CapacityReservationFleet f) {
        List<CapacityReservation> out = new ArrayList<>();
        for (String id : f.reservationIds) {
            CapacityReservation c = s.byId.get(id);
            if (c != null && c.state.equals("active")) {
                out.add(c);
            }
        }
        return out;
    }

    private static CapacityReservation activeFor(CapacityReservations.Store s, CapacityReservationFleet f,
            CapacityReservationFleet.Spec spec) {
        return active(s, f).stream().filter(c -> c.instanceType.equals(spec.instanceType())
                && c.platform.equals(spec.platform())).findFirst().orElse(null);
    }

    private static CapacityReservationFleet.Spec specOf(CapacityReservationFleet f, CapacityReservation c) {
        return f.specs.stream().filter(x -> x.instanceType().equals(c.instanceType) && x.platform().equals(c.platform))
                .findFirst().orElseThrow();
    }

    private List<CapacityReservationFleet.Spec> specs(List<ReservationFleetInstanceSpecification> given) {
        List<CapacityReservationFleet.Spec> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String zoneName = null;
        for (ReservationFleetInstanceSpecification x : given) {
            String type = x.instanceTypeAsString();
            if (type == null) {
                throw Ec2Errors.missing("InstanceTypeSpecification.InstanceType");
            }
            if (!reservations.validType(type)) {
                throw Ec2Errors.invalidValue(type, "InstanceType", "The instance type is not supported.");
            }
            String platform = x.instancePlatformAsString();
            if (platform == null) {
                throw Ec2Errors.missing("InstanceTypeSpecification.InstancePlatform");
            }
            if (!CapacityReservations.validPlatform(platform)) {
                throw Ec2Errors.invalidValue(platform, "InstancePlatform", "The instance platform is not supported.");
            }
            double weight = x.weight() == null ? 1 : x.weight();
            if (weight < MIN_WEIGHT || weight > MAX_WEIGHT) {
                throw Ec2Errors.invalidValue(String.valueOf(weight), "Weight", "It must be between 0.001 and 99.999.");
            }
            if (x.priority() != null && x.priority() < 0) {
                throw Ec2Errors.invalidValue(String.valueOf(x.priority()), "Priority", "It must not be negative.");
            }
            AvailabilityZone zone = reservations.fleetZone(x.availabilityZone(), x.availabilityZoneId());
            if (zoneName != null && !zoneName.equals(zone.zoneName())) {
                throw Ec2Errors.combination("A Capacity Reservation Fleet can't span Availability Zones: every "
                        + "instance type specification must use the same Availability Zone.");
            }
            zoneName = zone.zoneName();
            if (!seen.add(type + "|" + platform)) {
                throw Ec2Errors.invalidParameterValue("The instance type " + type + " with platform " + platform
                        + " is specified more than once.");
            }
            out.add(new CapacityReservationFleet.Spec(type, platform, weight, zone.zoneName(), zone.zoneId(),
                    Boolean.TRUE.equals(x.ebsOptimized()), x.priority()));
        }
        return out;
    }

    private static CapacityReservationFleet require(CapacityReservations.Store s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("CapacityReservationFleetId");
        }
        if (!id.matches(ID_PATTERN)) {
            throw new AwsException("InvalidCapacityReservationFleetId.Malformed",
                    "The Capacity Reservation Fleet ID '" + id + "' is malformed", 400);
        }
        CapacityReservationFleet f = s.fleets.get(id);
        if (f == null) {
            throw new AwsException("InvalidCapacityReservationFleetId.NotFound",
                    "The Capacity Reservation Fleet ID '" + id + "' does not exist", 400);
        }
        return f;
    }

    private static FailedCapacityReservationFleetCancellationResult failure(String id, String code, String message) {
        return FailedCapacityReservationFleetCancellationResult.builder().capacityReservationFleetId(id)
                .cancelCapacityReservationFleetError(CancelCapacityReservationFleetError.builder().code(code)
                        .message(message).build()).build();
    }

    /** The fleet's reservations: those in force, or every one it made once it has ended. */
    private static List<FleetCapacityReservation> members(CapacityReservations.Store s, CapacityReservationFleet f) {
        List<FleetCapacityReservation> out = new ArrayList<>();
        for (String id : f.reservationIds) {
            CapacityReservation c = s.byId.get(id);
            if (c == null || (f.live() && !c.state.equals("active"))) {
                continue;
            }
            CapacityReservationFleet.Spec spec = specOf(f, c);
            out.add(FleetCapacityReservation.builder().capacityReservationId(c.id).availabilityZone(c.zoneName)
                    .availabilityZoneId(c.zoneId).instanceType(c.instanceType).instancePlatform(c.platform)
                    .totalInstanceCount(c.count).fulfilledCapacity(c.state.equals("active") ? c.count * spec.weight() : 0)
                    .ebsOptimized(c.ebsOptimized).createDate(c.created).weight(spec.weight()).priority(spec.priority())
                    .build());
        }
        return out;
    }

    private static CreateCapacityReservationFleetResponse created(CapacityReservations.Store s,
            CapacityReservationFleet f) {
        return CreateCapacityReservationFleetResponse.builder().capacityReservationFleetId(f.id).state(f.state)
                .totalTargetCapacity(f.totalTarget).totalFulfilledCapacity(fulfilled(s, f))
                .instanceMatchCriteria(f.matchCriteria).allocationStrategy(f.allocationStrategy).createTime(f.created)
                .endDate(f.endDate).tenancy(f.tenancy).fleetCapacityReservations(members(s, f)).tags(f.sdkTags())
                .build();
    }

    private static software.amazon.awssdk.services.ec2.model.CapacityReservationFleet toSdk(
            CapacityReservations.Store s, CapacityReservationFleet f) {
        return software.amazon.awssdk.services.ec2.model.CapacityReservationFleet.builder()
                .capacityReservationFleetId(f.id).capacityReservationFleetArn(f.arn()).state(f.state)
                .totalTargetCapacity(f.totalTarget).totalFulfilledCapacity(fulfilled(s, f)).tenancy(f.tenancy)
                .endDate(f.endDate).createTime(f.created).instanceMatchCriteria(f.matchCriteria)
                .allocationStrategy(f.allocationStrategy).instanceTypeSpecifications(members(s, f))
                .tags(f.sdkTags()).build();
    }
}
