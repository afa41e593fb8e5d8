package io.gureum.ec2.fleet;

import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.topology.AvailabilityZone;
import io.gureum.ec2.spot.SpotPrices;
import io.gureum.ec2.types.InstanceTypeCatalogue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * How both fleet families choose pools and launch: deterministically, since every pool here has the same
 * (ample) Spot capacity. Allocation strategies
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-fleet-allocation-strategy.html):
 * <ul>
 * <li>lowest-price / price-capacity-optimized: the pool with the lowest price per unit of capacity
 * (Spot: DescribeSpotPriceHistory's price in the pool's zone; On-Demand: the on-demand price), or with
 * InstancePoolsToUseCount N the N cheapest pools in turn;</li>
 * <li>diversified: every pool in turn, each instance to the pool holding the fewest of the fleet's;</li>
 * <li>capacity-optimized: all pools are equally deep, so the first pool as given;</li>
 * <li>capacity-optimized-prioritized and On-Demand prioritized: the lowest Priority first (pools without
 * one last), ties in the order given.</li>
 * </ul>
 * A pool whose launch fails (RunInstances' error) is recorded as a failure and the next one is tried; a Spot
 * pool whose maximum price is below its current Spot price is not used. Instances go through RunInstances
 * with the fleet's ID and a launch ordinal as client token, so no launch is made twice.
 */
final class FleetEngine {
    static final String SPOT = "spot";
    static final String ON_DEMAND = "on-demand";
    private static final Set<String> GONE = Set.of("shutting-down", "terminated");
    private static final Set<String> STOPPED = Set.of("stopping", "stopped");

    enum Strategy {
        LOWEST_PRICE, DIVERSIFIED, CAPACITY, PRIORITY;

        static Strategy of(String name) {
            return switch (name) {
                case "lowest-price", "lowestPrice", "price-capacity-optimized", "priceCapacityOptimized" -> LOWEST_PRICE;
                case "diversified" -> DIVERSIFIED;
                case "capacity-optimized", "capacityOptimized" -> CAPACITY;
                case "capacity-optimized-prioritized", "capacityOptimizedPrioritized", "prioritized" -> PRIORITY;
                default -> throw new IllegalArgumentException(name);
            };
        }
    }

    /** One RunInstances a fill made: the pool, lifecycle and instances (CreateFleet's Instances). */
    record Launch(Pool pool, String lifecycle, List<String> instanceIds) {
    }

    private final ServiceContext context;
    private final InstanceTypeCatalogue catalogue = InstanceTypeCatalogue.standard();

    FleetEngine(ServiceContext context) {
        this.context = context;
    }

    Ec2Client ec2(Fleet f) {
        return ec2(f.ownerId, f.region);
    }

    /** The EC2 API in-process, as EC2 itself ({@code ec2.amazonaws.com}) in the fleet owner's place. */
    Ec2Client ec2(String account, String region) {
        return context.clients().client(Ec2Client.class, Caller.service("ec2.amazonaws.com", account, region, null));
    }

    /**
     * The pools with their instance type and zone: what the override says, else the launch template's data
     * (DescribeLaunchTemplateVersions, whose errors pass through), else RunInstances' defaults.
     */
    List<Pool> resolve(Ec2Client ec2, String region, List<Pool> raw) {
        Map<String, ResponseLaunchTemplateData> templates = new HashMap<>();
        Map<String, String> subnetZones = new HashMap<>();
        List<Pool> out = new ArrayList<>();
        String firstZone = context.topology().region(region).map(r -> r.zones()).orElse(List.of()).stream()
                .map(AvailabilityZone::zoneName).findFirst().orElse(null);
        for (Pool p : raw) {
            String type = p.instanceType();
            String subnet = p.subnetId();
            String zone = p.zoneOverride();
            if (p.spec() != null) {
                type = type != null ? type : p.spec().instanceTypeAsString();
                subnet = subnet != null ? subnet : p.spec().subnetId();
                zone = zone != null ? zone : p.spec().placement() == null ? null : p.spec().placement().availabilityZone();
            } else {
                String key = p.templateId() + "|" + p.templateName() + "|" + p.version();
                ResponseLaunchTemplateData d = templates.computeIfAbsent(key, k -> ec2.describeLaunchTemplateVersions(
                        b -> b.launchTemplateId(p.templateId()).launchTemplateName(p.templateId() == null
                                ? p.templateName() : null).versions(p.version()))
                        .launchTemplateVersions().get(0).launchTemplateData());
                type = type != null ? type : d.instanceTypeAsString();
                if (subnet == null && zone == null) {
                    if (d.placement() != null && d.placement().availabilityZone() != null) {
                        zone = d.placement().availabilityZone();
                    } else if (d.hasNetworkInterfaces() && !d.networkInterfaces().isEmpty()) {
                        subnet = d.networkInterfaces().get(0).subnetId();
                    }
                }
            }
            if (zone == null && subnet != null) {
                String s = subnet;
                zone = subnetZones.computeIfAbsent(s, k -> ec2.describeSubnets(b -> b.subnetIds(s)).subnets().get(0)
                        .availabilityZone());
            }
            out.add(new Pool(p.index(), p.config(), p.override(), p.templateId(), p.templateName(), p.version(),
                    p.spec(), type == null ? "m1.small" : type, p.subnetId(), p.zoneOverride(), p.imageId(), p.weight(),
                    p.priority(), p.maxPrice(), zone == null ? firstZone : zone));
        }
        return out;
    }

    /** The price per unit of a pool for a lifecycle now, or null (unknown type). */
    BigDecimal unitPrice(Pool p, String lifecycle, Instant now) {
        BigDecimal price = price(p, lifecycle, now);
        return price == null ? null : price.divide(BigDecimal.valueOf(p.weight()), 6, RoundingMode.HALF_UP);
    }

    BigDecimal price(Pool p, String lifecycle, Instant now) {
        InstanceTypeInfo info = catalogue.info(p.instanceType());
        if (info == null) {
            return null;
        }
        return lifecycle.equals(SPOT) ? SpotPrices.price(info, p.zone(), "Linux/UNIX", now)
                : SpotPrices.onDemand(info, "Linux/UNIX");
    }

    /**
     * Launches instances of {@code lifecycle} until the fleet's fulfilled capacity reaches {@code target},
     * pool by pool as the strategy says; records members, history and failures.
     */
    List<Launch> fill(Fleet f, List<Pool> pools, String lifecycle, int target, Strategy strategy, Integer poolsToUse,
            List<TagSpecification> tags) {
        List<Launch> launches = new ArrayList<>();
        Instant now = context.clock().now();
        double need = target - f.fulfilled(lifecycle);
        if (need <= 0 || pools.isEmpty()) {
            return launches;
        }
        List<Pool> usable = new ArrayList<>();
        for (Pool p : order(pools, lifecycle, strategy, now)) {
            BigDecimal price = price(p, lifecycle, now);
            if (lifecycle.equals(SPOT) && p.maxPrice() != null && price != null
                    && new BigDecimal(p.maxPrice()).compareTo(price) < 0) {
                failure(f, now, lifecycle, p, "SpotMaxPriceTooLow", "Your Spot request price of " + p.maxPrice()
                        + " is lower than the minimum required Spot request fulfillment price of "
                        + price.toPlainString() + ".");
                continue;
            }
            usable.add(p);
        }
        boolean turns = strategy == Strategy.DIVERSIFIED
                || (strategy == Strategy.LOWEST_PRICE && poolsToUse != null && poolsToUse > 1);
        if (strategy == Strategy.LOWEST_PRICE && poolsToUse != null && poolsToUse < usable.size()) {
            usable = new ArrayList<>(usable.subList(0, Math.max(1, poolsToUse)));
        }
        Set<Integer> failed = new HashSet<>();
        while (need > 0) {
            List<Pool> left = usable.stream().filter(p -> !failed.contains(p.index())).toList();
            if (left.isEmpty()) {
                break;
            }
            Map<Pool, Integer> plan = new LinkedHashMap<>();
            if (turns) {
                // Each instance goes to the pool holding the fewest of the fleet's instances so far, so a
                // refill keeps the fleet spread (ties in the strategy's order).
                Map<Integer, Integer> held = new HashMap<>();
                f.members.stream().filter(m -> m.lifecycle().equals(lifecycle))
                        .forEach(m -> held.merge(m.pool(), 1, Integer::sum));
                double planned = 0;
                while (planned < need) {
                    Pool p = left.get(0);
                    for (Pool q : left) {
                        if (held.getOrDefault(q.index(), 0) < held.getOrDefault(p.index(), 0)) {
                            p = q;
                        }
                    }
                    held.merge(p.index(), 1, Integer::sum);
                    plan.merge(p, 1, Integer::sum);
                    planned += p.weight();
                }
            } else {
                Pool p = left.get(0);
                plan.put(p, (int) Math.ceil(need / p.weight()));
            }
            for (var e : plan.entrySet()) {
                Pool p = e.getKey();
                List<String> ids = launch(f, p, lifecycle, e.getValue(), tags, now);
                if (ids == null) {
                    failed.add(p.index());
                    continue;
                }
                launches.add(new Launch(p, lifecycle, ids));
                need -= p.weight() * ids.size();
            }
        }
        return launches;
    }

    private List<Pool> order(List<Pool> pools, String lifecycle, Strategy strategy, Instant now) {
        List<Pool> out = new ArrayList<>(pools);
        switch (strategy) {
            case LOWEST_PRICE -> out.sort(Comparator.comparing((Pool p) -> {
                BigDecimal u = unitPrice(p, lifecycle, now);
                return u == null ? BigDecimal.valueOf(Long.MAX_VALUE) : u;
            }).thenComparingInt(Pool::index));
            case PRIORITY -> out.sort(Comparator.comparing((Pool p) -> p.priority() == null ? Double.MAX_VALUE
                    : p.priority()).thenComparingInt(Pool::index));
            default -> out.sort(Comparator.comparingInt(Pool::index));
        }
        return out;
    }

    /** RunInstances of up to {@code count} instances from the pool; null when it failed (recorded). */
    private List<String> launch(Fleet f, Pool p, String lifecycle, int count, List<TagSpecification> tags, Instant now) {
        RunInstancesRequest.Builder b;
        if (p.spec() != null) {
            b = p.spec().toBuilder();
        } else {
            b = RunInstancesRequest.builder().launchTemplate(LaunchTemplateSpecification.builder()
                    .launchTemplateId(p.templateId()).launchTemplateName(p.templateId() == null ? p.templateName() : null)
                    .version(p.version()).build());
        }
        b.instanceType(p.instanceType());
        if (p.subnetId() != null) {
            b.subnetId(p.subnetId());
        } else if (p.zoneOverride() != null) {
            Placement given = p.spec() == null ? null : p.spec().placement();
            b.placement((given == null ? Placement.builder() : given.toBuilder()).availabilityZone(p.zoneOverride())
                    .build());
        }
        if (p.imageId() != null) {
            b.imageId(p.imageId());
        }
        if (tags != null && !tags.isEmpty()) {
            b.tagSpecifications(tags);
        }
        if (lifecycle.equals(SPOT)) {
            // Its instances are Spot Instances (DescribeInstances' InstanceLifecycle).
            b.instanceMarketOptions(m -> m.marketType("spot"));
        }
        b.minCount(1).maxCount(count).clientToken(f.id + "-" + f.launches++);
        try {
            var run = ec2(f).runInstances(b.build());
            List<String> ids = new ArrayList<>();
            for (var i : run.instances()) {
                ids.add(i.instanceId());
                f.members.add(new Fleet.Member(i.instanceId(), i.instanceTypeAsString(), lifecycle, p.index(),
                        p.weight(), now));
                f.event(now, "instanceChange", "launched", "{\"instanceType\":\"" + i.instanceTypeAsString()
                        + "\",\"image\":\"" + i.imageId() + "\",\"productDescription\":\"Linux/UNIX\","
                        + "\"availabilityZone\":\"" + i.placement().availabilityZone() + "\",\"lifecycle\":\""
                        + lifecycle + "\"}", i.instanceId());
            }
            return ids;
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "InternalError" : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            failure(f, now, lifecycle, p, code, message);
            return null;
        }
    }

    private static void failure(Fleet f, Instant now, String lifecycle, Pool p, String code, String message) {
        f.failures.add(new Fleet.Failure(lifecycle, p.index(), code, message));
        f.event(now, "error", code, message, null);
    }

    /**
     * Drops the members whose instances no longer run (DescribeInstances through the EC2 API): shutting down or
     * gone ({@code instanceChange}/{@code terminated} in the history), or stopping or stopped, which no longer
     * count toward the target either (an {@code information} record; AWS lists no sub-type for it, so none is
     * given). A stopped instance started again is not the fleet's any more.
     */
    void check(Fleet f) {
        if (f.members.isEmpty()) {
            return;
        }
        Map<String, String> states = new HashMap<>();
        List<String> ids = f.members.stream().map(Fleet.Member::instanceId).toList();
        ec2(f).describeInstancesPaginator(b -> b.filters(Filter.builder().name("instance-id").values(ids).build()))
                .reservations().forEach(r -> r.instances().forEach(i -> states.put(i.instanceId(),
                        i.state() == null ? "running" : i.state().nameAsString())));
        Instant now = context.clock().now();
        for (var it = f.members.iterator(); it.hasNext();) {
            Fleet.Member m = it.next();
            String state = states.get(m.instanceId());
            if (state == null || GONE.contains(state)) {
                it.remove();
                f.event(now, "instanceChange", "terminated", "{\"instanceType\":\"" + m.instanceType() + "\"}",
                        m.instanceId());
            } else if (STOPPED.contains(state)) {
                it.remove();
                f.event(now, "information", null, "Instance " + m.instanceId() + " is " + state
                        + " and no longer counts toward the target capacity.", m.instanceId());
            }
        }
    }

    /** Terminates the newest instances of a lifecycle while the rest still cover the target. */
    void trim(Fleet f, String lifecycle, int target) {
        List<String> ids = new ArrayList<>();
        double fulfilled = f.fulfilled(lifecycle);
        List<Fleet.Member> newestFirst = new ArrayList<>(f.members.stream().filter(m -> m.lifecycle().equals(lifecycle))
                .toList());
        java.util.Collections.reverse(newestFirst);
        for (Fleet.Member m : newestFirst) {
            if (fulfilled - m.weight() < target) {
                break;
            }
            fulfilled -= m.weight();
            ids.add(m.instanceId());
        }
        terminate(f, ids);
    }

    /** Terminates the instances and drops them from the fleet. */
    void terminate(Fleet f, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        ec2(f).terminateInstances(b -> b.instanceIds(ids));
        Instant now = context.clock().now();
        f.members.removeIf(m -> {
            if (ids.contains(m.instanceId())) {
                f.event(now, "instanceChange", "terminated", "{\"instanceType\":\"" + m.instanceType() + "\"}",
                        m.instanceId());
                return true;
            }
            return false;
        });
    }

    /** Ends the fleet: …_terminating (its instances are terminated, then the end state) or …_running. */
    void end(Fleet f, boolean terminate, Instant now) {
        f.endedAt = now;
        f.forget();
        if (terminate && !f.members.isEmpty()) {
            f.state(now, f.ended() + "_terminating");
            terminate(f, f.members.stream().map(Fleet.Member::instanceId).toList());
        } else {
            f.state(now, f.members.isEmpty() ? f.ended() : f.ended() + "_running");
        }
        f.activity = activity(f);
    }

    /**
     * Brings a request or maintain fleet up to date: drops instances that have gone, starts it at ValidFrom,
     * ends it at ValidUntil, terminates what exceeds a lowered target (when its excess capacity policy says
     * so) and, for a maintain fleet, launches what is missing ({@code refill}: resolve the pools and fill).
     * A {@code …_terminating} fleet reaches its end state once its instances have gone.
     */
    void reconcile(Fleet f, java.util.function.Consumer<Fleet> refill) {
        if (f.type.equals("instant") || f.state.equals(f.ended()) || f.state.equals("failed")) {
            return;
        }
        Instant now = context.clock().now();
        if (!f.state.endsWith("_running")) {
            check(f);
        }
        if (f.state.equals("submitted") && (f.validFrom == null || !now.isBefore(f.validFrom))) {
            f.state(now, "active");
            refillSafely(f, refill, now);
        } else if (f.running() && f.validUntil != null && !now.isBefore(f.validUntil)) {
            f.event(now, "fleetRequestChange", "expired", null, null);
            end(f, f.terminateWithExpiration, now);
        } else if (f.running()) {
            if (f.excessPolicy.equals("termination") || f.excessPolicy.equals("default")) {
                trim(f, ON_DEMAND, f.onDemandTarget);
                trim(f, SPOT, f.spotTarget);
            }
            if (f.type.equals("maintain")) {
                refillSafely(f, refill, now);
            }
        }
        if (f.state.endsWith("_terminating") && f.members.isEmpty()) {
            f.state(now, f.ended());
        }
        f.activity = activity(f);
    }

    private static void refillSafely(Fleet f, java.util.function.Consumer<Fleet> refill, Instant now) {
        try {
            refill.accept(f);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "InternalError" : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            f.failures.add(new Fleet.Failure(null, -1, code, message));
            f.event(now, "error", code, message, null);
        }
    }

    /** The activity status from what is fulfilled and what failed. */
    static String activity(Fleet f) {
        if (f.state.endsWith("_terminating")) {
            return "pending_termination";
        }
        if (f.fulfilled(ON_DEMAND) >= f.onDemandTarget && f.fulfilled(SPOT) >= f.spotTarget) {
            return "fulfilled";
        }
        return f.failures.isEmpty() ? "pending_fulfillment" : "error";
    }
}
