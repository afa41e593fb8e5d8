package io.gureum.ec2.capacity;

import io.gureum.core.protocol.RequestContext;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.CapacityManagerCondition;
import software.amazon.awssdk.services.ec2.model.CapacityManagerDimension;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerMetricDataRequest;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerMetricDataResponse;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerMetricDimensionsRequest;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerMetricDimensionsResponse;
import software.amazon.awssdk.services.ec2.model.MetricDataResult;
import software.amazon.awssdk.services.ec2.model.MetricValue;

/**
 * GetCapacityManagerMetricData and GetCapacityManagerMetricDimensions: the request checked (metric names, period,
 * whole-hour range of at most 90 days, GroupBy and FilterBy dimensions), the data window of {@link CapacityManager}
 * (first enabled hour to the last complete hour) applied, and {@link CapacityMetrics}' points answered.
 */
public final class CapacityMetricQueries {
    private final CapacityManager manager;

    public CapacityMetricQueries(CapacityManager manager) {
        this.manager = manager;
    }

    public GetCapacityManagerMetricDataResponse getCapacityManagerMetricData(GetCapacityManagerMetricDataRequest r) {
        List<String> names = metricNames(r.metricNamesAsStrings(), 10);
        Duration period = period(r.period());
        Window w = window(r.startTime(), r.endTime(), period);
        Set<String> groupBy = groupBy(r.groupByAsStrings(), false);
        Predicate<CapacityMetrics.Dims> filter = filter(r.hasFilterBy() ? r.filterBy() : List.of());
        Ec2Errors.checkDryRun(r.dryRun());
        Query q = query();
        List<MetricDataResult> out = new ArrayList<>();
        if (q != null) {
            for (CapacityMetrics.Point p : manager.metrics().points(q.places(), w.start(), q.earliest(),
                    min(w.end(), q.latestEnd()), period, groupBy, filter, q.now())) {
                List<MetricValue> values = new ArrayList<>();
                for (String m : names) {
                    Double v = p.acc().value(m);
                    if (v != null) {
                        values.add(MetricValue.builder().metric(m).value(v).build());
                    }
                }
                if (!values.isEmpty()) {
                    out.add(MetricDataResult.builder().dimension(toSdk(p.dims())).timestamp(p.at()).metricValues(values)
                            .build());
                }
            }
        }
        var page = Pagination.page(out, r.maxResults(), r.nextToken(), 1, 100_000);
        return GetCapacityManagerMetricDataResponse.builder().metricDataResults(page.items())
                .nextToken(page.nextToken()).build();
    }

    public GetCapacityManagerMetricDimensionsResponse getCapacityManagerMetricDimensions(
            GetCapacityManagerMetricDimensionsRequest r) {
        Set<String> groupBy = groupBy(r.groupByAsStrings(), true);
        List<String> names = metricNames(r.metricNamesAsStrings(), 1);
        if (r.startTime() == null || r.endTime() == null) {
            throw Ec2Errors.missing(r.startTime() == null ? "StartTime" : "EndTime");
        }
        if (!r.endTime().isAfter(r.startTime())) {
            throw Ec2Errors.invalidParameterValue("EndTime must be after StartTime.");
        }
        Predicate<CapacityMetrics.Dims> filter = filter(r.hasFilterBy() ? r.filterBy() : List.of());
        Ec2Errors.checkDryRun(r.dryRun());
        Query q = query();
        Set<CapacityMetrics.Dims> seen = new LinkedHashSet<>();
        if (q != null) {
            Instant start = r.startTime().truncatedTo(ChronoUnit.HOURS);
            Instant end = min(r.endTime(), q.latestEnd());
            if (end.isAfter(start)) {
                Duration all = Duration.between(start, end);
                for (CapacityMetrics.Point p : manager.metrics().points(q.places(), start, q.earliest(), end, all, groupBy,
                        filter, q.now())) {
                    if (p.acc().value(names.get(0)) != null) {
                        seen.add(p.dims());
                    }
                }
            }
        }
        var page = Pagination.page(seen.stream().map(CapacityMetricQueries::toSdk).toList(), r.maxResults(), r.nextToken(),
                1, 1000);
        return GetCapacityManagerMetricDimensionsResponse.builder().metricDimensionResults(page.items())
                .nextToken(page.nextToken()).build();
    }

    /** What a metric query reads: the places, the data window and the time. Null when nothing is ingested. */
    record Query(List<CapacityMetrics.Place> places, Instant earliest, Instant latestEnd, Instant now) {
    }

    private record Window(Instant start, Instant end) {
    }

    private Query query() {
        RequestContext ctx = RequestContext.current();
        CapacityReservations.Store s = manager.current();
        boolean org;
        Instant earliest;
        Instant latestEnd;
        synchronized (s) {
            CapacityManager.requireEnabled(s);
            org = s.manager.organizationsAccess;
            earliest = CapacityManager.earliest(s.manager);
            latestEnd = manager.latestEnd(s.manager);
        }
        if (!latestEnd.isAfter(earliest)) {
            return null;
        }
        return new Query(manager.places(ctx.accountId(), ctx.region(), org), earliest, latestEnd,
                manager.context().clock().now());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static List<String> metricNames(List<String> given, int max) {
        if (given == null || given.isEmpty()) {
            throw Ec2Errors.missing("MetricNames");
        }
        if (given.size() > max) {
            throw Ec2Errors.invalidParameterValue("At most " + max + " metric name" + (max == 1 ? "" : "s")
                    + " can be given (" + given.size() + " were).");
        }
        for (String m : given) {
            if (software.amazon.awssdk.services.ec2.model.Metric.fromValue(m)
                    == software.amazon.awssdk.services.ec2.model.Metric.UNKNOWN_TO_SDK_VERSION) {
                throw Ec2Errors.invalidValue(m, "MetricName", "The metric is not a Capacity Manager metric.");
            }
        }
        return List.copyOf(new LinkedHashSet<>(given));
    }

    private static Duration period(Integer seconds) {
        if (seconds == null) {
            throw Ec2Errors.missing("Period");
        }
        if (seconds < 3600 || seconds % 3600 != 0) {
            throw Ec2Errors.invalidValue(String.valueOf(seconds), "Period", "The period must be a multiple of 3600 "
                    + "seconds (one hour).");
        }
        return Duration.ofSeconds(seconds);
    }

    /** The date range: whole hours, one hour to 90 days, a multiple of the period. */
    private static Window window(Instant start, Instant end, Duration period) {
        if (start == null || end == null) {
            throw Ec2Errors.missing(start == null ? "StartTime" : "EndTime");
        }
        if (!end.isAfter(start)) {
            throw Ec2Errors.invalidParameterValue("EndTime must be after StartTime.");
        }
        if (!start.equals(start.truncatedTo(ChronoUnit.HOURS))) {
            throw Ec2Errors.invalidValue(start.toString(), "StartTime", "The start time must be on the hour.");
        }
        Duration range = Duration.between(start, end);
        if (range.compareTo(Duration.ofDays(90)) > 0) {
            throw Ec2Errors.invalidParameterValue("The date range cannot exceed 90 days.");
        }
        if (range.toMillis() % period.toMillis() != 0) {
            throw Ec2Errors.invalidParameterValue("The time range (EndTime - StartTime) must be a multiple of the "
                    + "period.");
        }
        return new Window(start, end);
    }

    private static Set<String> groupBy(List<String> given, boolean required) {
        if (given == null || given.isEmpty()) {
            if (required) {
                throw Ec2Errors.missing("GroupBy");
            }
            return Set.of();
        }
        for (String g : given) {
            if (!CapacityMetrics.DIMENSIONS.contains(g)) {
                throw Ec2Errors.invalidValue(g, "GroupBy", "The dimension is not a Capacity Manager dimension.");
            }
        }
        return Set.copyOf(given);
    }

    private static Predicate<CapacityMetrics.Dims> filter(List<CapacityManagerCondition> conditions) {
        Predicate<CapacityMetrics.Dims> all = d -> true;
        for (CapacityManagerCondition c : conditions) {
            var dc = c.dimensionCondition();
            if (dc == null || dc.dimensionAsString() == null) {
                throw Ec2Errors.missing("FilterBy.DimensionCondition.Dimension");
            }
            String dim = dc.dimensionAsString();
            if (!CapacityMetrics.DIMENSIONS.contains(dim)) {
                throw Ec2Errors.invalidValue(dim, "Dimension", "The dimension is not a Capacity Manager dimension.");
            }
            String cmp = dc.comparisonAsString() == null ? "equals" : dc.comparisonAsString();
            if (!cmp.equals("equals") && !cmp.equals("in")) {
                throw Ec2Errors.invalidValue(cmp, "Comparison", "Valid values are: equals, in.");
            }
            List<String> values = dc.hasValues() ? dc.values() : List.of();
            if (values.isEmpty()) {
                throw Ec2Errors.missing("FilterBy.DimensionCondition.Values");
            }
            List<String> wanted = cmp.equals("equals") ? values.subList(0, 1) : values;
            all = all.and(d -> {
                Object v = d.get(dim);
                if (v == null) {
                    return false;
                }
                String text = v instanceof Instant i ? i.toString() : v.toString();
                String millis = v instanceof Instant i ? String.valueOf(i.toEpochMilli()) : text;
                return wanted.contains(text) || wanted.contains(millis);
            });
        }
        return all;
    }

    static CapacityManagerDimension toSdk(CapacityMetrics.Dims d) {
        return CapacityManagerDimension.builder().resourceRegion(d.region()).availabilityZoneId(d.zoneId())
                .accountId(d.account()).accountName(d.accountName()).instanceFamily(d.family()).instanceType(d.type())
                .instancePlatform(d.platform()).reservationArn(d.reservationArn()).reservationId(d.reservationId())
                .reservationType(d.reservationType()).reservationCreateTimestamp(d.reservationCreate())
                .reservationStartTimestamp(d.reservationStart()).reservationEndTimestamp(d.reservationEnd())
                .reservationEndDateType(d.endDateType()).tenancy(d.tenancy()).reservationState(d.reservationState())
                .reservationInstanceMatchCriteria(d.match()).reservationUnusedFinancialOwner(d.unusedOwner()).build();
    }
}
