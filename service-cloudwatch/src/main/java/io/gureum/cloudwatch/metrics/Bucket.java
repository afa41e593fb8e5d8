package io.gureum.cloudwatch.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every value of one metric, with one unit, in one interval of its resolution (a second of
 * high-resolution data, a minute of standard, later 5 minutes and an hour as CloudWatch rolls data up),
 * summed as it arrives: CloudWatch keeps data at that granularity (API_PutMetricData, "StorageResolution"),
 * so one statistic set per interval answers every statistic, and memory follows time, not how often a
 * client or service writes. The distinct values (up to {@link #MAX_DISTINCT}, with their counts) are kept
 * for percentiles; beyond that they are computed from the values seen first. Not thread-safe: its
 * {@link Series} guards it.
 */
final class Bucket {
    static final int MAX_DISTINCT = 1_000;

    final long start;
    final int resolution;
    final String unit;
    private double count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private boolean valuesKnown = true;
    private final Map<Double, double[]> counts = new HashMap<>();
    /** Changed since last recorded (for metrics recorded later, in batches). */
    boolean dirty;

    Bucket(long start, int resolution, String unit) {
        this.start = start;
        this.resolution = resolution;
        this.unit = unit;
    }

    boolean holds(String pointUnit) {
        return Objects.equals(unit, pointUnit);
    }

    void add(DataPoint p) {
        count += p.sampleCount();
        sum += p.sum();
        min = Math.min(min, p.min());
        max = Math.max(max, p.max());
        if (p.values() == null) {
            valuesKnown = false; // a statistic set: percentiles of this interval are unknown, as on AWS
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

    void addAll(Bucket finer) {
        DataPoint p = finer.toDataPoint();
        add(p);
    }

    BucketValue value(MetricKey key, long lastPutMillis) {
        double[] values = new double[counts.size()];
        double[] valueCounts = new double[counts.size()];
        int i = 0;
        for (Map.Entry<Double, double[]> e : counts.entrySet()) {
            values[i] = e.getKey();
            valueCounts[i++] = e.getValue()[0];
        }
        return new BucketValue(key.namespace(), key.name(), key.dimensions(), resolution, start, unit, count, sum, min,
                max, valuesKnown, values, valueCounts, lastPutMillis);
    }

    String recordKey(MetricKey key) {
        return BucketValue.key(key.namespace(), key.name(), key.dimensions(), resolution, start, unit);
    }

    static Bucket of(BucketValue v) {
        Bucket b = new Bucket(v.start(), v.resolution(), v.unit());
        b.count = v.count();
        b.sum = v.sum();
        b.min = v.min();
        b.max = v.max();
        b.valuesKnown = v.valuesKnown();
        for (int i = 0; i < v.values().length; i++) {
            b.counts.put(v.values()[i], new double[] {v.counts()[i]});
        }
        return b;
    }

    /** The interval as one stored point, stamped at its start. */
    DataPoint toDataPoint() {
        if (!valuesKnown || counts.isEmpty()) {
            return new DataPoint(start, count, sum, min, max, null, null, unit, resolution);
        }
        double[] values = new double[counts.size()];
        double[] valueCounts = new double[counts.size()];
        int i = 0;
        for (Map.Entry<Double, double[]> e : counts.entrySet()) {
            values[i] = e.getKey();
            valueCounts[i++] = e.getValue()[0];
        }
        return new DataPoint(start, count, sum, min, max, values, valueCounts, unit, resolution);
    }
}
