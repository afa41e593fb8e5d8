package io.gureum.ec2.capacity;

import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.topology.AvailabilityZone;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.regional.RegionalState;
import io.gureum.ec2.regional.RegisteredFamily;
import io.gureum.ec2.types.InstanceTypeCatalogue;
import io.gureum.ec2.types.Offerings;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CancelCapacityReservationRequest;
import software.amazon.awssdk.services.ec2.model.CancelCapacityReservationResponse;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationRequest;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GetCapacityReservationUsageRequest;
import software.amazon.awssdk.services.ec2.model.GetCapacityReservationUsageResponse;
import software.amazon.awssdk.services.ec2.model.InstanceUsage;
import software.amazon.awssdk.services.ec2.model.ModifyCapacityReservationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyCapacityReservationResponse;

/**
 * CreateCapacityReservation, DescribeCapacityReservations, ModifyCapacityReservation and
 * CancelCapacityReservation (their API reference pages). Reservations start {@code active}; a
 * {@code limited} one becomes {@code expired} when the clock passes its end date; cancelled and expired
 * ones stay visible. Instances use a reservation while pending or running in it (their
 * {@code CapacityReservationId}, found with DescribeInstances' {@code capacity-reservation-id} filter through the
 * EC2 API in-process): the available count is the total less those. A reservation that ends releases its
 * instances to On-Demand capacity (the {@link Release} hook).
 */
public final class CapacityReservations {
    private static final Set<String> PLATFORMS = Set.of("Linux/UNIX", "Red Hat Enterprise Linux", "SUSE Linux",
            "Windows", "Windows with SQL Server", "Windows with SQL Server Enterprise",
            "Windows with SQL Server Standard", "Windows with SQL Server Web", "Linux with SQL Server Standard",
            "Linux with SQL Server Web", "Linux with SQL Server Enterprise", "RHEL with SQL Server Standard",
            "RHEL with SQL Server Enterprise", "RHEL with SQL Server Web", "RHEL with HA",
            "RHEL with HA and SQL Server Standard", "RHEL with HA and SQL Server Enterprise", "Ubuntu Pro");
    private static final Set<String> END_DATE_TYPES = Set.of("unlimited", "limited");
    private static final Set<String> MATCH_CRITERIA = Set.of("open", "targeted");
    private static final Set<String> TENANCIES = Set.of("default", "dedicated");

    /**
     * The reservations and Capacity Reservation Fleets of one account and region, and the client tokens of their
     * create calls: one store, so that a fleet's reservations change under the same lock as the fleet.
     */
    static final class Store {
        final Map<String, CapacityReservation> byId = new LinkedHashMap<>();
        final Map<String, String> clientTokens = new HashMap<>();
        final Map<String, CapacityReservationFleet> fleets = new LinkedHashMap<>();
        final Map<String, String> fleetClientTokens = new HashMap<>();
        /** Capacity Manager's record of what each instance ran as, by instance ID (kept after it is gone). */
        final Map<String, List<UsageSegment>> usage = new LinkedHashMap<>();
        /** Capacity Manager's settings in this Region. */
        CapacityManagerSettings manager = new CapacityManagerSettings();
        final Map<String, DataExport> exports = new LinkedHashMap<>();
        final Map<String, String> exportClientTokens = new HashMap<>();
    }

    final ServiceContext context;
    final InstanceTypeCatalogue catalogue = InstanceTypeCatalogue.standard();
    final RegionalState<Store> stores = new RegionalState<>((account, region) -> new Store());
    /** In-process EC2 clients by account/region (making one is costly). */
    private final Map<String, Ec2Client> clients = new java.util.concurrent.ConcurrentHashMap<>();
    /** Brings the place's Capacity Reservation Fleets up to the clock before its reservations are read. */
    private java.util.function.BiConsumer<Store, Instant> fleetSettler = (s, now) -> { };
    private final Ec2Filters<CapacityReservation> filters = new Ec2Filters<CapacityReservation>(c -> c.tagMap())
            .on("instance-type", c -> c.instanceType)
            .on("owner-id", c -> c.ownerId)
            .on("instance-platform", c -> c.platform)
            .on("availability-zone", c -> c.zoneName)
            .on("availability-zone-id", c -> c.zoneId)
            .on("tenancy", c -> c.tenancy)
            .on("state", c -> c.state)
            .on("end-date-type", c -> c.endDateType)
            .on("instance-match-criteria", c -> c.matchCriteria);

    /** Hears that a reservation ended (cancelled or expired) at a time, so its instances leave it. */
    @FunctionalInterface
    public interface Release {
        void released(String account, String region, String reservationId, Instant at);
    }

    private volatile Release release = (account, region, id, at) -> { };

    public void onRelease(Release hook) {
        this.release = hook;
    }

    void onSettle(java.util.function.BiConsumer<Store, Instant> settler) {
        this.fleetSettler = settler;
    }

    /** This family's records for --data-dir. */
    public PlaceFamily records() {
        return new RegisteredFamily<>("capacity-reservation", CapacityReservation.class, stores, s -> s.byId, c -> c.id, s -> s.clientTokens, context.registry());
    }

    public CapacityReservations(ServiceContext context) {
        this.context = context;
    }

    public CreateCapacityReservationResponse createCapacityReservation(CreateCapacityReservationRequest r) {
        String type = r.instanceType();
        if (!catalogue.contains(type)) {
            throw Ec2Errors.invalidValue(type, "instanceType", "The instance type is not supported.");
        }
        String platform = r.instancePlatformAsString();
        if (!PLATFORMS.contains(platform)) {
            throw Ec2Errors.invalidValue(platform, "instancePlatform", "The instance platform is not supported.");
        }
        AvailabilityZone zone = zone(r.availabilityZone(), r.availabilityZoneId());
        if (!Offerings.offered(catalogue, type, zone, zones())) {
            throw new AwsException("Unsupported", "Your requested instance type (" + type + ") is not supported in "
                    + "your requested Availability Zone (" + zone.zoneName() + ").", 400);
        }
        if (r.instanceCount() < 1) {
            throw Ec2Errors.invalidValue(String.valueOf(r.instanceCount()), "instanceCount",
                    "Instance count must be at least 1.");
        }
        String tenancy = r.tenancyAsString() == null ? "default" : r.tenancyAsString();
        if (!TENANCIES.contains(tenancy)) {
            throw Ec2Errors.invalidValue(tenancy, "tenancy", "Valid values are: default, dedicated.");
        }
        String match = r.instanceMatchCriteriaAsString() == null ? "open" : r.instanceMatchCriteriaAsString();
        if (!MATCH_CRITERIA.contains(match)) {
            throw Ec2Errors.invalidValue(match, "instanceMatchCriteria", "Valid values are: open, targeted.");
        }
        Instant now = context.clock().now();
        String endType = endDateType(r.endDateTypeAsString(), r.endDate(), now);
        TagSpecifications.validate(r.tagSpecifications(), "capacity-reservation");
        Store s = stores.current();
        synchronized (s) {
            if (r.clientToken() != null && s.clientTokens.containsKey(r.clientToken())) {
                CapacityReservation earlier = s.byId.get(s.clientTokens.get(r.clientToken()));
                return CreateCapacityReservationResponse.builder().capacityReservation(toSdk(earlier,
                        used(List.of(earlier)))).build();
            }
            Ec2Errors.checkDryRun(r.dryRun());
            RequestContext ctx = RequestContext.current();
            CapacityReservation c = new CapacityReservation(context.ids().next("cr"), ctx.accountId(), ctx.region(), now,
                    type, platform, zone.zoneName(), zone.zoneId(), tenancy, Boolean.TRUE.equals(r.ebsOptimized()),
                    Boolean.TRUE.equals(r.ephemeralStorage()));
            c.resize(r.instanceCount(), now);
            c.endDateType = endType;
            c.endDate = r.endDate();
            c.matchCriteria = match;
            c.tags.putAll(TagSpecifications.tagsOf(r.tagSpecifications()));
            c.register(context.registry());
            s.byId.put(c.id, c);
            if (r.clientToken() != null) {
                s.clientTokens.put(r.clientToken(), c.id);
            }
            return CreateCapacityReservationResponse.builder().capacityReservation(toSdk(c, Map.of())).build();
        }
    }

    public DescribeCapacityReservationsResponse describeCapacityReservations(DescribeCapacityReservationsRequest r) {
        Store s = stores.current();
        synchronized (s) {
            settle(s);
            List<CapacityReservation> found = new ArrayList<>(s.byId.values());
            if (r.hasCapacityReservationIds() && !r.capacityReservationIds().isEmpty()) {
                for (String id : new LinkedHashSet<>(r.capacityReservationIds())) {
                    require(s, id);
                }
                found.removeIf(c -> !r.capacityReservationIds().contains(c.id));
            }
            var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                    r.nextToken(), 1, 1000);
            Ec2Errors.checkDryRun(r.dryRun());
            Map<String, Integer> used = used(page.items());
            return DescribeCapacityReservationsResponse.builder()
                    .capacityReservations(page.items().stream().map(c -> toSdk(c, used)).toList())
                    .nextToken(page.nextToken()).build();
        }
    }

    public ModifyCapacityReservationResponse modifyCapacityReservation(ModifyCapacityReservationRequest r) {
        Store s = stores.current();
        synchronized (s) {
            settle(s);
            CapacityReservation c = require(s, r.capacityReservationId());
            requireActive(c);
            if (r.instanceCount() != null && r.instanceCount() < 0) {
                throw Ec2Errors.invalidValue(String.valueOf(r.instanceCount()), "instanceCount",
                        "Instance count must not be negative.");
            }
            String endType = r.endDateTypeAsString() == null && r.endDate() == null ? c.endDateType
                    : endDateType(r.endDateTypeAsString() == null ? c.endDateType : r.endDateTypeAsString(),
                            r.endDate(), context.clock().now());
            String match = r.instanceMatchCriteriaAsString();
            if (match != null && !MATCH_CRITERIA.contains(match)) {
                throw Ec2Errors.invalidValue(match, "instanceMatchCriteria", "Valid values are: open, targeted.");
            }
            Ec2Errors.checkDryRun(r.dryRun());
            if (r.instanceCount() != null && r.instanceCount() != c.count) {
                c.resize(r.instanceCount(), context.clock().now());
            }
            if (!endType.equals(c.endDateType) || r.endDate() != null) {
                c.endDateType = endType;
                c.endDate = endType.equals("limited") ? r.endDate() : null;
            }
            if (match != null) {
                c.matchCriteria = match;
            }
            return ModifyCapacityReservationResponse.builder().returnValue(true).build();
        }
    }

    public CancelCapacityReservationResponse cancelCapacityReservation(CancelCapacityReservationRequest r) {
        Store s = stores.current();
        synchronized (s) {
            settle(s);
            CapacityReservation c = require(s, r.capacityReservationId());
            requireActive(c);
            Ec2Errors.checkDryRun(r.dryRun());
            c.end("cancelled", context.clock().now());
            settle(s);
            return CancelCapacityReservationResponse.builder().returnValue(true).build();
        }
    }

    /** An end date goes with {@code limited} only, and lies in the future. */
    private static String endDateType(String given, Instant endDate, Instant now) {
        String type = given == null ? "unlimited" : given;
        if (!END_DATE_TYPES.contains(type)) {
            throw Ec2Errors.invalidValue(type, "endDateType", "Valid values are: unlimited, limited.");
        }
        if (type.equals("limited") && endDate == null) {
            throw Ec2Errors.missing("EndDate");
        }
        if (type.equals("unlimited") && endDate != null) {
            throw Ec2Errors.combination("EndDate cannot be specified when EndDateType is unlimited.");
        }
        if (endDate != null && !endDate.isAfter(now)) {
            throw Ec2Errors.invalidValue(endDate.toString(), "endDate", "The end date must be in the future.");
        }
        return type;
    }

    void settle(Store s) {
        Instant now = context.clock().now();
        fleetSettler.accept(s, now);
        s.byId.values().forEach(c -> c.settle(now));
        for (CapacityReservation c : s.byId.values()) {
            if (!c.state.equals("active") && !c.released) {
                c.released = true;
                release.released(c.ownerId, c.region, c.id, c.endedAt == null ? now : c.endedAt);
            }
        }
    }

    /**
     * How many instances run in each active reservation of {@code of}: DescribeInstances' capacity-reservation-id
     * filter through the EC2 API in-process (pending and running instances only hold one).
     */
    Map<String, Integer> used(List<CapacityReservation> of) {
        List<String> ids = of.stream().filter(c -> c.state.equals("active")).map(c -> c.id).toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        CapacityReservation first = of.get(0);
        Ec2Client ec2 = clients.computeIfAbsent(first.ownerId + "/" + first.region, k -> context.clients().client(
                Ec2Client.class, Caller.service("ec2.amazonaws.com", first.ownerId, first.region, null)));
        Map<String, Integer> out = new HashMap<>();
        ec2.describeInstancesPaginator(b -> b.filters(Filter.builder().name("capacity-reservation-id").values(ids)
                .build(), Filter.builder().name("instance-state-name").values("pending", "running").build()))
                .reservations().forEach(res -> res.instances().forEach(i -> out.merge(i.capacityReservationId(), 1,
                        Integer::sum)));
        return out;
    }

    public GetCapacityReservationUsageResponse getCapacityReservationUsage(GetCapacityReservationUsageRequest r) {
        Store s = stores.current();
        synchronized (s) {
            settle(s);
            CapacityReservation c = require(s, r.capacityReservationId());
            if (r.maxResults() != null && (r.maxResults() < 1 || r.maxResults() > 1000)) {
                throw Ec2Errors.invalidValue(String.valueOf(r.maxResults()), "maxResults",
                        "The value must be between 1 and 1000.");
            }
            Ec2Errors.checkDryRun(r.dryRun());
            int used = used(List.of(c)).getOrDefault(c.id, 0);
            // Only the owner launches into a reservation here (no sharing through RAM), so one account uses it.
            List<InstanceUsage> usages = used == 0 ? List.of() : List.of(InstanceUsage.builder()
                    .accountId(c.ownerId).usedInstanceCount(used).build());
            return GetCapacityReservationUsageResponse.builder().capacityReservationId(c.id)
                    .instanceType(c.instanceType).totalInstanceCount(c.count)
                    .availableInstanceCount(c.state.equals("active") ? Math.max(0, c.count - used) : 0)
                    .state(c.state).instanceUsages(usages).build();
        }
    }

    /**
     * A reservation a Capacity Reservation Fleet makes (its open matching, tenancy, end date and tags), through
     * the same checks as CreateCapacityReservation's; null when the type is not offered in the zone, which a
     * fleet takes as insufficient capacity for that type.
     */
    CapacityReservation reserveForFleet(Store s, CapacityReservationFleet f, CapacityReservationFleet.Spec spec,
            int count, Instant at) {
        AvailabilityZone zone = offeredZone(f.region, spec);
        if (zone == null) {
            return null;
        }
        CapacityReservation c = new CapacityReservation(context.ids().next("cr"), f.ownerId, f.region, at,
                spec.instanceType(), spec.platform(), zone.zoneName(), zone.zoneId(), f.tenancy, spec.ebsOptimized(),
                false);
        c.resize(count, at);
        c.endDateType = f.endDate == null ? "unlimited" : "limited";
        c.endDate = f.endDate;
        c.matchCriteria = f.matchCriteria;
        c.fleetId = f.id;
        c.tags.putAll(f.tags);
        c.register(context.registry());
        s.byId.put(c.id, c);
        return c;
    }

    /** The spec's zone when its instance type is offered there, else null. */
    AvailabilityZone offeredZone(String region, CapacityReservationFleet.Spec spec) {
        List<AvailabilityZone> all = context.topology().region(region).map(x -> x.zones()).orElse(List.of());
        for (AvailabilityZone z : all) {
            if (z.zoneName().equals(spec.zoneName())) {
                return Offerings.offered(catalogue, spec.instanceType(), z, all) ? z : null;
            }
        }
        return null;
    }

    boolean validType(String type) {
        return catalogue.contains(type);
    }

    static boolean validPlatform(String platform) {
        return PLATFORMS.contains(platform);
    }

    /** The zone of a fleet's specification, by name or ID, in the caller's region. */
    AvailabilityZone fleetZone(String name, String id) {
        return zone(name, id);
    }

    private static void requireActive(CapacityReservation c) {
        if (!c.state.equals("active")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The Capacity Reservation " + c.id + " is in state " + c.state
                    + " and cannot be modified or cancelled.");
        }
    }

    private static CapacityReservation require(Store s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("CapacityReservationId");
        }
        if (!id.matches("cr-[0-9a-f]{17}")) {
            throw new AwsException("InvalidCapacityReservationId.Malformed",
                    "The capacity reservation ID '" + id + "' is malformed", 400);
        }
        CapacityReservation c = s.byId.get(id);
        if (c == null) {
            throw new AwsException("InvalidCapacityReservationId.NotFound",
                    "The capacityReservation ID '" + id + "' does not exist", 400);
        }
        return c;
    }

    private List<AvailabilityZone> zones() {
        return context.topology().region(RequestContext.current().region()).map(x -> x.zones()).orElse(List.of());
    }

    /** The zone named by name or by ID (exactly one of them), in the caller's region. */
    private AvailabilityZone zone(String name, String id) {
        if (name == null && id == null) {
            throw Ec2Errors.missing("AvailabilityZone or AvailabilityZoneId");
        }
        if (name != null && id != null) {
            throw Ec2Errors.combination("Specify either AvailabilityZone or AvailabilityZoneId, not both.");
        }
        for (AvailabilityZone z : zones()) {
            if (z.zoneName().equals(name) || z.zoneId().equals(id)) {
                return z;
            }
        }
        throw Ec2Errors.invalidParameterValue("Invalid availability zone: [" + (name != null ? name : id) + "]");
    }

    static software.amazon.awssdk.services.ec2.model.CapacityReservation toSdk(CapacityReservation c,
            Map<String, Integer> used) {
        int available = c.state.equals("active") ? Math.max(0, c.count - used.getOrDefault(c.id, 0)) : 0;
        return software.amazon.awssdk.services.ec2.model.CapacityReservation.builder().capacityReservationId(c.id)
                .ownerId(c.ownerId).capacityReservationArn(c.arn()).availabilityZone(c.zoneName)
                .availabilityZoneId(c.zoneId).instanceType(c.instanceType).instancePlatform(c.platform)
                .tenancy(c.tenancy).totalInstanceCount(c.count).availableInstanceCount(available)
                .ebsOptimized(c.ebsOptimized).ephemeralStorage(c.ephemeralStorage).state(c.state).startDate(c.created)
                .endDate(c.endDate).endDateType(c.endDateType).instanceMatchCriteria(c.matchCriteria)
                .createDate(c.created).reservationType("default").deliveryPreference("fixed").tags(c.sdkTags())
                .capacityReservationFleetId(c.fleetId)
                .build();
    }
}
