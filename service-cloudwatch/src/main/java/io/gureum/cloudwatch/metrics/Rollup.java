package io.gureum.cloudwatch.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CloudWatch's retention (API_GetMetricStatistics, "Amazon CloudWatch retains metric data as follows"):
 * points of a period under 60 s for 3 hours, after which they are aggregated into 1-minute points; 1-minute
 * points for 15 days, then aggregated into 5-minute points; those for 63 days, then into 1-hour points,
 * which are kept for 455 days (15 months).
 */
public final class Rollup {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    /** Age limit (ms) of points finer than {@code resolution} seconds; the roll-up resolution follows. */
    private record Step(long maxAgeMillis, int intoResolution) {
    }

    private static final Step[] STEPS = {new Step(3 * HOUR, 60), new Step(15 * DAY, 300), new Step(63 * DAY, 3600)};
    static final long MAX_AGE = 455 * DAY;

    List<DataPoint> apply(List<DataPoint> points, long nowMillis) {
        List<DataPoint> current = new ArrayList<>();
        for (DataPoint p : points) {
            if (nowMillis - p.epochMillis() <= MAX_AGE) {
                current.add(p);
            }
        }
        for (Step step : STEPS) {
            current = rollInto(current, nowMillis, step);
        }
        return current;
    }

    private static List<DataPoint> rollInto(List<DataPoint> points, long nowMillis, Step step) {
        List<DataPoint> out = new ArrayList<>();
        Map<Long, Aggregate> buckets = new TreeMap<>();
        long size = step.intoResolution * 1000L;
        for (DataPoint p : points) {
            if (p.resolution() < step.intoResolution && nowMillis - p.epochMillis() > step.maxAgeMillis) {
                long bucket = Math.floorDiv(p.epochMillis(), size) * size;
                buckets.computeIfAbsent(bucket, b -> new Aggregate()).add(p);
            } else {
                out.add(p);
            }
        }
        buckets.forEach((time, agg) -> out.add(agg.toPoint(time, step.intoResolution)));
        return out;
    }
}
