package io.gureum.ec2.capacity;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * EC2 Capacity Manager's metrics, computed hour by hour from what EC2 knows: the {@link UsageSegment}s of
 * instances (reserved = running in a Capacity Reservation, unreserved On-Demand, Spot) and each reservation's
 * size and state over time ("EC2 Capacity Manager metrics", EC2 User Guide). Each hour's contribution is
 * accumulated under its dimensions projected on the query's GroupBy and its period; totals add up, maxima and
 * minima are those of any one reservation at any moment of the period, averages and utilisation (in percent)
 * come from the totals. Metrics with no data here (estimated costs, future-dated and committed sizes, Spot
 * run time before interruption, the capacity-request fulfilment metrics) are never answered.
 */
final class CapacityMetrics {
    /** The metrics computed here, in the order of the model's Metric enum. */
    static final List<String> COMPUTED = List.of("reservation-total-capacity-hrs-vcpu",
            "reservation-total-capacity-hrs-inst", "reservation-max-size-vcpu", "reservation-max-size-inst",
            "reservation-min-size-vcpu", "reservation-min-size-inst", "reservation-unused-total-capacity-hrs-vcpu",
            "reservation-unused-total-capacity-hrs-inst", "reservation-max-unused-size-vcpu",
            "reservation-max-unused-size-inst", "reservation-min-unused-size-vcpu", "reservation-min-unused-size-inst",
            "reservation-max-utilization", "reservation-min-utilization", "reservation-avg-utilization-vcpu",
            "reservation-avg-utilization-inst", "reservation-total-count", "reserved-total-usage-hrs-vcpu",
            "reserved-total-usage-hrs-inst", "unreserved-total-usage-hrs-vcpu", "unreserved-total-usage-hrs-inst",
            "spot-total-usage-hrs-vcpu", "spot-total-usage-hrs-inst", "spot-total-interruptions-inst",
            "spot-total-interruptions-vcpu", "spot-total-count-inst", "spot-total-count-vcpu",
            "spot-interruption-rate-inst", "spot-interruption-rate-vcpu");

    /** The dimensions, in the order of the model's GroupBy enum. */
    static final List<String> DIMENSIONS = List.of("resource-region", "availability-zone-id", "account-id",
            "account-name", "instance-family", "instance-type", "instance-platform", "reservation-arn",
            "reservation-id", "reservation-type", "reservation-create-timestamp", "reservation-start-timestamp",
            "reservation-end-timestamp", "reservation-end-date-type", "tenancy", "reservation-state",
            "reservation-instance-match-criteria", "reservation-unused-financial-owner");

    /** A reservation as read under its store's lock. */
    record Res(String id, String arn, String account, String region, String type, String platform, String zoneId,
            String tenancy, String match, String endDateType, Instant created, Instant endDate, String state,
            Instant end, List<CapacityReservation.Size> sizes, int count) {
        int countAt(Instant t) {
            int n = sizes.isEmpty() ? count : sizes.get(0).count;
            for (CapacityReservation.Size z : sizes) {
                if (!z.at.isAfter(t)) {
                    n = z.count;
                }
            }
            return n;
        }
    }

    /** One account's Region as read under its store's lock. */
    record Place(String account, String accountName, String region, List<UsageSegment> segments, List<Res> reservations) {
    }

    /** A data point's dimensions; those not grouped by are null. */
    record Dims(String region, String zoneId, String account, String accountName, String family, String type,
            String platform, String reservationArn, String reservationId, String reservationType,
            Instant reservationCreate, Instant reservationStart, Instant reservationEnd, String endDateType,
            String tenancy, String reservationState, String match, String unusedOwner) {
        Object get(String dimension) {
            return switch (dimension) {
                case "resource-region" -> region;
                case "availability-zone-id" -> zoneId;
                case "account-id" -> account;
                case "account-name" -> accountName;
                case "instance-family" -> family;
                case "instance-type" -> type;
                case "instance-platform" -> platform;
                case "reservation-arn" -> reservationArn;
                case "reservation-id" -> reservationId;
                case "reservation-type" -> reservationType;
                case "reservation-create-timestamp" -> reservationCreate;
                case "reservation-start-timestamp" -> reservationStart;
                case "reservation-end-timestamp" -> reservationEnd;
                case "reservation-end-date-type" -> endDateType;
                case "tenancy" -> tenancy;
                case "reservation-state" -> reservationState;
                case "reservation-instance-match-criteria" -> match;
                case "reservation-unused-financial-owner" -> unusedOwner;
                default -> null;
            };
        }

        Dims project(Set<String> by) {
            return new Dims(by.contains("resource-region") ? region : null,
                    by.contains("availability-zone-id") ? zoneId : null, by.contains("account-id") ? account : null,
                    by.contains("account-name") ? accountName : null, by.contains("instance-family") ? family : null,
                    by.contains("instance-type") ? type : null, by.contains("instance-platform") ? platform : null,
                    by.contains("reservation-arn") ? reservationArn : null,
                    by.contains("reservation-id") ? reservationId : null,
                    by.contains("reservation-type") ? reservationType : null,
                    by.contains("reservation-create-timestamp") ? reservationCreate : null,
                    by.contains("reservation-start-timestamp") ? reservationStart : null,
                    by.contains("reservation-end-timestamp") ? reservationEnd : null,
                    by.contains("reservation-end-date-type") ? endDateType : null,
                    by.contains("tenancy") ? tenancy : null, by.contains("reservation-state") ? reservationState : null,
                    by.contains("reservation-instance-match-criteria") ? match : null,
                    by.contains("reservation-unused-financial-owner") ? unusedOwner : null);
        }
    }

    /** What one group accumulated over one period. */
    static final class Acc {
        double capInst;
        double capVcpu;
        double usedInst;
        double usedVcpu;
        Double maxSize;
        Double minSize;
        Double maxSizeVcpu;
        Double minSizeVcpu;
        Double maxUnused;
        Double minUnused;
        Double maxUnusedVcpu;
        Double minUnusedVcpu;
        Double maxUtil;
        Double minUtil;
        final Set<String> reservations = new HashSet<>();
        boolean reserved;
        boolean unreserved;
        boolean spot;
        double reservedInst;
        double reservedVcpu;
        double unreservedInst;
        double unreservedVcpu;
        double spotInst;
        double spotVcpu;
        final Map<String, Integer> spotInstances = new HashMap<>();

        Double value(String metric) {
            boolean res = !reservations.isEmpty();
            return switch (metric) {
                case "reservation-total-capacity-hrs-vcpu" -> res ? capVcpu : null;
                case "reservation-total-capacity-hrs-inst" -> res ? capInst : null;
                case "reservation-max-size-vcpu" -> res ? maxSizeVcpu : null;
                case "reservation-max-size-inst" -> res ? maxSize : null;
                case "reservation-min-size-vcpu" -> res ? minSizeVcpu : null;
                case "reservation-min-size-inst" -> res ? minSize : null;
                case "reservation-unused-total-capacity-hrs-vcpu" -> res ? capVcpu - usedVcpu : null;
                case "reservation-unused-total-capacity-hrs-inst" -> res ? capInst - usedInst : null;
                case "reservation-max-unused-size-vcpu" -> res ? maxUnusedVcpu : null;
                case "reservation-max-unused-size-inst" -> res ? maxUnused : null;
                case "reservation-min-unused-size-vcpu" -> res ? minUnusedVcpu : null;
                case "reservation-min-unused-size-inst" -> res ? minUnused : null;
                case "reservation-max-utilization" -> res ? maxUtil : null;
                case "reservation-min-utilization" -> res ? minUtil : null;
                case "reservation-avg-utilization-vcpu" -> res ? (capVcpu > 0 ? 100 * usedVcpu / capVcpu : 0.0) : null;
                case "reservation-avg-utilization-inst" -> res ? (capInst > 0 ? 100 * usedInst / capInst : 0.0) : null;
                case "reservation-total-count" -> res ? (double) reservations.size() : null;
                case "reserved-total-usage-hrs-vcpu" -> reserved ? reservedVcpu : null;
                case "reserved-total-usage-hrs-inst" -> reserved ? reservedInst : null;
                case "unreserved-total-usage-hrs-vcpu" -> unreserved ? unreservedVcpu : null;
                case "unreserved-total-usage-hrs-inst" -> unreserved ? unreservedInst : null;
                case "spot-total-usage-hrs-vcpu" -> spot ? spotVcpu : null;
                case "spot-total-usage-hrs-inst" -> spot ? spotInst : null;
                // No Spot Instance is ever interrupted here: the counts and rates are truly zero.
                case "spot-total-interruptions-inst", "spot-total-interruptions-vcpu", "spot-interruption-rate-inst",
                        "spot-interruption-rate-vcpu" -> spot ? 0.0 : null;
                case "spot-total-count-inst" -> spot ? (double) spotInstances.size() : null;
                case "spot-total-count-vcpu" -> spot ? (double) spotInstances.values().stream()
                        .mapToInt(Integer::intValue).sum() : null;
                default -> null;
            };
        }

        private static Double max(Double a, double b) {
            return a == null ? b : Math.max(a, b);
        }

        private static Double min(Double a, double b) {
            return a == null ? b : Math.min(a, b);
        }

        void sized(int size, int used, int vcpus) {
            int unused = Math.max(0, size - used);
            double util = size > 0 ? 100.0 * Math.min(used, size) / size : 0.0;
            maxSize = max(maxSize, size);
            minSize = min(minSize, size);
            maxSizeVcpu = max(maxSizeVcpu, (double) size * vcpus);
            minSizeVcpu = min(minSizeVcpu, (double) size * vcpus);
            maxUnused = max(maxUnused, unused);
            minUnused = min(minUnused, unused);
            maxUnusedVcpu = max(maxUnusedVcpu, (double) unused * vcpus);
            minUnusedVcpu = min(minUnusedVcpu, (double) unused * vcpus);
            maxUtil = max(maxUtil, util);
            minUtil = min(minUtil, util);
        }
    }

    /** A group's accumulation for one period. */
    record Point(Dims dims, Instant at, Acc acc) {
    }

    private final ToIntFunction<String> vcpus;

    CapacityMetrics(ToIntFunction<String> vcpus) {
        this.vcpus = vcpus;
    }

    /**
     * The data points of [{@code from}, {@code to}) by {@code period}, grouped by {@code groupBy}, of the
     * contributions whose full dimensions pass {@code filter}; {@code now} ends what is still running.
     */
    List<Point> points(List<Place> places, Instant start, Instant dataFrom, Instant to, Duration period,
            Set<String> groupBy, Predicate<Dims> filter, Instant now) {
        Map<Dims, Map<Instant, Acc>> out = new LinkedHashMap<>();
        Instant until = to.isBefore(now) ? to : now;
        Instant from = dataFrom.isAfter(start) ? dataFrom : start;
        for (Place p : places) {
            Map<String, Res> byId = new HashMap<>();
            p.reservations().forEach(r -> byId.put(r.id(), r));
            for (UsageSegment u : p.segments()) {
                Instant a = u.start;
                Instant b = u.end == null ? now : u.end;
                Res r = u.reservationId == null ? null : byId.get(u.reservationId);
                Instant resEnd = r == null || r.end() == null ? b : r.end().isBefore(b) ? r.end() : b;
                if (u.spot) {
                    each(a, b, from, until, (h, hrs) -> add(out, usageDims(p, u, null), h, start, period, groupBy, filter,
                            acc -> {
                                acc.spot = true;
                                acc.spotInst += hrs;
                                acc.spotVcpu += hrs * vcpus.applyAsInt(u.instanceType);
                                acc.spotInstances.put(u.instanceId, vcpus.applyAsInt(u.instanceType));
                            }));
                    continue;
                }
                if (u.reservationId != null) {
                    each(a, resEnd.isBefore(a) ? a : resEnd, from, until, (h, hrs) -> add(out, usageDims(p, u, r), h,
                            start, period, groupBy, filter, acc -> {
                                acc.reserved = true;
                                acc.reservedInst += hrs;
                                acc.reservedVcpu += hrs * vcpus.applyAsInt(u.instanceType);
                            }));
                    a = resEnd.isAfter(a) ? resEnd : a;
                }
                each(a, b, from, until, (h, hrs) -> add(out, usageDims(p, u, null), h, start, period, groupBy, filter,
                        acc -> {
                            acc.unreserved = true;
                            acc.unreservedInst += hrs;
                            acc.unreservedVcpu += hrs * vcpus.applyAsInt(u.instanceType);
                        }));
            }
            for (Res r : p.reservations()) {
                reservation(out, p, r, start, from, until, period, groupBy, filter, now);
            }
        }
        List<Point> points = new ArrayList<>();
        out.forEach((dims, byTime) -> byTime.forEach((at, acc) -> points.add(new Point(dims, at, acc))));
        points.sort(java.util.Comparator.comparing(Point::at));
        return points;
    }

    /** A reservation's size and use, sub-interval by sub-interval between the moments either changes. */
    private void reservation(Map<Dims, Map<Instant, Acc>> out, Place p, Res r, Instant start0, Instant from,
            Instant until, Duration period, Set<String> groupBy, Predicate<Dims> filter, Instant now) {
        Instant start = r.created();
        Instant end = r.end() == null ? now : r.end();
        Instant a = start.isBefore(from) ? from : start;
        Instant b = end.isAfter(until) ? until : end;
        if (!a.isBefore(b)) {
            return;
        }
        List<Instant[]> used = new ArrayList<>();
        TreeSet<Instant> cuts = new TreeSet<>();
        cuts.add(a);
        cuts.add(b);
        for (Instant h = a.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)); h.isBefore(b);
                h = h.plus(Duration.ofHours(1))) {
            cuts.add(h);
        }
        for (CapacityReservation.Size z : r.sizes()) {
            if (z.at.isAfter(a) && z.at.isBefore(b)) {
                cuts.add(z.at);
            }
        }
        for (UsageSegment u : p.segments()) {
            if (r.id().equals(u.reservationId) && !u.spot) {
                Instant ua = u.start;
                Instant ub = u.end == null ? now : u.end;
                if (ub.isAfter(end)) {
                    ub = end;
                }
                used.add(new Instant[] {ua, ub});
                for (Instant t : new Instant[] {ua, ub}) {
                    if (t.isAfter(a) && t.isBefore(b)) {
                        cuts.add(t);
                    }
                }
            }
        }
        int v = vcpus.applyAsInt(r.type());
        Dims dims = reservationDims(p, r);
        Instant prev = null;
        for (Instant cut : cuts) {
            if (prev != null) {
                Instant x = prev;
                double hrs = Duration.between(prev, cut).toMillis() / 3_600_000.0;
                int size = r.countAt(x);
                int inUse = (int) used.stream().filter(w -> !w[0].isAfter(x) && w[1].isAfter(x)).count();
                int counted = Math.min(inUse, size);
                add(out, dims, x.truncatedTo(ChronoUnit.HOURS), start0, period, groupBy, filter, acc -> {
                    acc.reservations.add(r.id());
                    acc.capInst += size * hrs;
                    acc.capVcpu += (double) size * v * hrs;
                    acc.usedInst += counted * hrs;
                    acc.usedVcpu += (double) counted * v * hrs;
                    acc.sized(size, inUse, v);
                });
            }
            prev = cut;
        }
    }

    /** Calls {@code each} with every hour [a, b) ∩ [from, until) overlaps and the hours of the overlap. */
    private static void each(Instant a, Instant b, Instant from, Instant until,
            java.util.function.BiConsumer<Instant, Double> each) {
        Instant lo = a.isBefore(from) ? from : a;
        Instant hi = b.isAfter(until) ? until : b;
        for (Instant h = lo.truncatedTo(ChronoUnit.HOURS); h.isBefore(hi); h = h.plus(Duration.ofHours(1))) {
            Instant s = lo.isAfter(h) ? lo : h;
            Instant next = h.plus(Duration.ofHours(1));
            Instant e = hi.isBefore(next) ? hi : next;
            if (s.isBefore(e)) {
                each.accept(h, Duration.between(s, e).toMillis() / 3_600_000.0);
            }
        }
    }

    private static void add(Map<Dims, Map<Instant, Acc>> out, Dims full, Instant hour, Instant from, Duration period,
            Set<String> groupBy, Predicate<Dims> filter, Consumer<Acc> into) {
        if (!filter.test(full)) {
            return;
        }
        long n = Duration.between(from, hour).toMillis() / period.toMillis();
        Instant bucket = from.plus(period.multipliedBy(n));
        into.accept(out.computeIfAbsent(full.project(groupBy), k -> new LinkedHashMap<>())
                .computeIfAbsent(bucket, k -> new Acc()));
    }

    private static String family(String type) {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }

    private static Dims usageDims(Place p, UsageSegment u, Res r) {
        String tenancy = "dedicated".equals(u.tenancy) ? "dedicated" : "default";
        if (r == null) {
            return new Dims(p.region(), u.zoneId, p.account(), p.accountName(), family(u.instanceType), u.instanceType,
                    u.platform, null, null, null, null, null, null, null, tenancy, null, null, null);
        }
        return reservationDims(p, r);
    }

    private static Dims reservationDims(Place p, Res r) {
        return new Dims(p.region(), r.zoneId(), p.account(), p.accountName(), family(r.type()), r.type(), r.platform(),
                r.arn(), r.id(), "odcr", r.created(), r.created(), r.endDate(), r.endDateType(), r.tenancy(), r.state(),
                r.match(), r.account());
    }
}
