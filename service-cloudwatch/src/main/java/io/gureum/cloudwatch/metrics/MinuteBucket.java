package io.gureum.cloudwatch.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * The values one AWS service published for one metric in one minute, summed as they arrive: a service
 * publishes a value per request (SQS's NumberOfMessagesSent), and keeping each would grow memory with the
 * request rate. Standard-resolution data is read in periods of a minute or more, so one statistic set a
 * minute answers every statistic; the distinct values (up to {@link #MAX_DISTINCT}, with their counts) are
 * kept for percentiles, which beyond that are computed from the values seen first. Not thread-safe: its
 * {@link Series} guards it.
 */
final class MinuteBucket {
    static final int MAX_DISTINCT = 1_000;

    final long minute;
    final String unit;
    private double count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final Map<Double, double[]> counts = new HashMap<>();

    MinuteBucket(long minute, String unit) {
        this.minute = minute;
        this.unit = unit;
    }

    static long minuteOf(long epochMillis) {
        return Math.floorDiv(epochMillis, 60_000L);
    }

    boolean holds(long epochMillis, String pointUnit) {
        return minuteOf(epochMillis) == minute && java.util.Objects.equals(unit, pointUnit);
    }

    void add(DataPoint p) {
        count += p.sampleCount();
        sum += p.sum();
        min = Math.min(min, p.min());
        max = Math.max(max, p.max());
        if (p.values() == null) {
            return;
        }
        for (int i = 0; i < p.values().length; i++) {
            double[] c = counts.get(p.values()[i]);
            if (c != null) {
                c[0] += p.counts()[i];
            } else if (counts.size() < MAX_DISTINCT) {
                counts.put(p.values()[i], new double[] {p.counts()[i]});
            }
        }
    }

    /** The minute as one stored point, stamped at the minute's start. */
    DataPoint toDataPoint() {
        double[] values = new double[counts.size()];
        double[] valueCounts = new double[counts.size()];
        int i = 0;
        for (Map.Entry<Double, double[]> e : counts.entrySet()) {
            values[i] = e.getKey();
            valueCounts[i++] = e.getValue()[0];
        }
        return new DataPoint(minute * 60_000L, count, sum, min, max, counts.isEmpty() ? null : values,
                counts.isEmpty() ? null : valueCounts, unit, 60);
    }
}
