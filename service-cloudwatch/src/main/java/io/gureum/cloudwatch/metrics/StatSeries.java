package io.gureum.cloudwatch.metrics;

import java.util.ArrayList;
import java.util.List;

/** A statistic of a metric per period over a time range: only the periods that have data. */
public final class StatSeries {
    private StatSeries() {
    }

    /** One period's value. */
    public record Point(long epochMillis, double value) {
    }

    /**
     * The statistic of the metric per period from {@code start} (rounded) to {@code end}, ascending; periods
     * without data, or whose statistic cannot be computed, are left out.
     */
    public static List<Point> of(MetricStore store, MetricKey key, String stat, int period, String unit, long start,
            long end, long now) {
        return ofMany(store, List.of(key), stat, period, unit, start, end, now);
    }

    /** As {@link #of} over the data of several metrics together (Metrics Insights' groups). */
    public static List<Point> ofMany(MetricStore store, List<MetricKey> keys, String stat, int period, String unit,
            long start, long end, long now) {
        long rounded = Periods.roundStart(start, period, now);
        List<Point> out = new ArrayList<>();
        if (!Periods.readable(start, period, now)) {
            return out;
        }
        List<DataPoint> all = new ArrayList<>();
        for (MetricKey key : keys) {
            all.addAll(store.points(key, rounded, end, unit));
        }
        if (all.isEmpty()) {
            return out;
        }
        java.util.Map<Long, Aggregate> buckets = new java.util.TreeMap<>();
        long size = period * 1000L;
        for (DataPoint p : all) {
            long bucket = rounded + Math.floorDiv(p.epochMillis() - rounded, size) * size;
            buckets.computeIfAbsent(bucket, b -> new Aggregate()).add(p);
        }
        buckets.forEach((t, agg) -> {
            Double v = agg.get(stat);
            if (v != null) {
                out.add(new Point(t, v));
            }
        });
        return out;
    }
}
