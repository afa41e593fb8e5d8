package io.gureum.cloudwatch;

import io.gureum.cloudwatch.metrics.Aggregate;
import io.gureum.cloudwatch.metrics.DataPoint;
import io.gureum.cloudwatch.metrics.MetricKey;
import io.gureum.cloudwatch.metrics.Periods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;

/** PutMetricData, ListMetrics and GetMetricStatistics. */
final class Metrics {
    /** "Each PutMetricData request is also limited to no more than 1000 different metrics." (API_PutMetricData) */
    static final int MAX_METRIC_DATA = 1000;
    /** "The maximum number of data points returned from a single call is 1,440." */
    static final int MAX_DATAPOINTS = 1440;
    private static final int LIST_PAGE = 500;
    private static final long RECENTLY_ACTIVE = 3 * 3_600_000L;
    /** Metrics without new data for two weeks no longer appear in ListMetrics (API_ListMetrics). */
    private static final long LISTED_FOR = 14 * 86_400_000L;

    private final CloudWatchStores stores;

    Metrics(CloudWatchStores stores) {
        this.stores = stores;
    }

    public PutMetricDataResponse putMetricData(PutMetricDataRequest request) {
        if (request.hasEntityMetricData() && !request.entityMetricData().isEmpty()) {
            throw CloudWatchErrors.invalidValue("EntityMetricData is not supported by this emulator.");
        }
        List<MetricDatum> data = request.hasMetricData() ? request.metricData() : List.of();
        if (data.isEmpty()) {
            throw CloudWatchErrors.missing("The parameter MetricData is required.");
        }
        if (data.size() > MAX_METRIC_DATA) {
            throw CloudWatchErrors.invalidValue("The collection MetricData must not have a size greater than "
                    + MAX_METRIC_DATA + ".");
        }
        // Namespaces beginning with AWS/ are reserved for AWS services (API_PutMetricData, Namespace).
        if (request.namespace().startsWith("AWS/")) {
            throw CloudWatchErrors.invalidValue(request.namespace(), "Namespace");
        }
        long now = stores.now();
        List<MetricDatumReader.Read> reads = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            reads.add(MetricDatumReader.read(request.namespace(), data.get(i), i + 1, now));
        }
        CloudWatchStore store = stores.current();
        reads.forEach(r -> store.metrics.put(r.key(), r.point(), now));
        return PutMetricDataResponse.builder().build();
    }

    public ListMetricsResponse listMetrics(ListMetricsRequest request) {
        long now = stores.now();
        long since = "PT3H".equals(request.recentlyActiveAsString()) ? now - RECENTLY_ACTIVE : now - LISTED_FOR;
        Predicate<MetricKey> filter = k -> (request.namespace() == null || request.namespace().equals(k.namespace()))
                && (request.metricName() == null || request.metricName().equals(k.name()))
                && matches(k.dimensions(), request.hasDimensions() ? request.dimensions() : List.of());
        List<MetricKey> keys = stores.current().metrics.list(filter, since);
        Pages<MetricKey> page = Pages.of("ListMetrics", keys, request.nextToken(), LIST_PAGE);
        return ListMetricsResponse.builder().metrics(page.items().stream().map(Metrics::metric).toList())
                .nextToken(page.nextToken()).build();
    }

    private static boolean matches(Map<String, String> dims, List<DimensionFilter> filters) {
        for (DimensionFilter f : filters) {
            String v = dims.get(f.name());
            if (v == null || (f.value() != null && !f.value().equals(v))) {
                return false;
            }
        }
        return true;
    }

    static Metric metric(MetricKey k) {
        return Metric.builder().namespace(k.namespace()).metricName(k.name())
                .dimensions(k.dimensions().entrySet().stream()
                        .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .build();
    }

    static MetricKey key(String namespace, String name, List<Dimension> dimensions) {
        Map<String, String> dims = new TreeMap<>();
        if (dimensions != null) {
            dimensions.forEach(d -> dims.put(d.name(), d.value()));
        }
        return MetricKey.of(namespace, name, dims);
    }

    public GetMetricStatisticsResponse getMetricStatistics(GetMetricStatisticsRequest request) {
        boolean hasStats = request.hasStatistics() && !request.statistics().isEmpty();
        boolean hasExtended = request.hasExtendedStatistics() && !request.extendedStatistics().isEmpty();
        if (hasStats && hasExtended) {
            throw CloudWatchErrors.combination(
                    "The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.");
        }
        if (!hasStats && !hasExtended) {
            throw CloudWatchErrors.missing("Must specify either Statistics or ExtendedStatistics.");
        }
        if (hasExtended) {
            for (int i = 0; i < request.extendedStatistics().size(); i++) {
                String p = request.extendedStatistics().get(i);
                if (!Aggregate.isPercentile(p)) {
                    throw CloudWatchErrors.invalidValue(
                            "The parameter ExtendedStatistics.member." + (i + 1) + " must be a valid percentile.");
                }
            }
        }
        int period = request.period();
        if (!Periods.validQueryPeriod(period)) {
            throw CloudWatchErrors.invalidValue("The parameter Period must be 1, 5, 10, 20, 30, or a multiple of 60.");
        }
        long start = request.startTime().toEpochMilli();
        long end = request.endTime().toEpochMilli();
        if (start >= end) {
            throw CloudWatchErrors.invalidValue("The parameter StartTime must be less than the parameter EndTime.");
        }
        long now = stores.now();
        long rounded = Periods.roundStart(start, period, now);
        long requested = Periods.count(rounded, end, period);
        if (requested > MAX_DATAPOINTS) {
            throw CloudWatchErrors.combination(String.format("You have requested up to %,d datapoints, which exceeds"
                    + " the limit of %,d. You may reduce the datapoints requested by increasing Period, or decreasing"
                    + " the time range.", requested, MAX_DATAPOINTS));
        }
        MetricKey key = key(request.namespace(), request.metricName(), request.dimensions());
        List<Datapoint> out = new ArrayList<>();
        if (Periods.readable(start, period, now)) {
            List<DataPoint> points = stores.current().metrics.points(key, rounded, end, request.unitAsString());
            Map<Long, Aggregate> buckets = new TreeMap<>();
            for (DataPoint p : points) {
                long bucket = rounded + Math.floorDiv(p.epochMillis() - rounded, period * 1000L) * period * 1000L;
                buckets.computeIfAbsent(bucket, b -> new Aggregate()).add(p);
            }
            buckets.forEach((t, agg) -> out.add(datapoint(t, agg, request, hasStats)));
        }
        return GetMetricStatisticsResponse.builder().label(request.metricName()).datapoints(out).build();
    }

    private static Datapoint datapoint(long time, Aggregate agg, GetMetricStatisticsRequest request, boolean basic) {
        Datapoint.Builder b = Datapoint.builder().timestamp(Instant.ofEpochMilli(time)).unit(agg.unit());
        if (basic) {
            for (String s : request.statisticsAsStrings()) {
                Double v = agg.get(s);
                switch (s) {
                    case "SampleCount" -> b.sampleCount(v);
                    case "Average" -> b.average(v);
                    case "Sum" -> b.sum(v);
                    case "Minimum" -> b.minimum(v);
                    case "Maximum" -> b.maximum(v);
                    default -> {
                    }
                }
            }
        } else {
            Map<String, Double> extended = new TreeMap<>();
            for (String p : request.extendedStatistics()) {
                Double v = agg.get(p);
                if (v != null) {
                    extended.put(p, v);
                }
            }
            b.extendedStatistics(extended);
        }
        return b.build();
    }
}
