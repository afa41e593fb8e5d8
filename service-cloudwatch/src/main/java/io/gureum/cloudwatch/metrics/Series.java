package io.gureum.cloudwatch.metrics;

import java.util.ArrayList;
import java.util.List;

/** The data points of one metric in time order of arrival, and when data last arrived. Thread-safe. */
final class Series {
    private final List<DataPoint> points = new ArrayList<>();
    private MinuteBucket bucket; // the minute service metrics are being summed into, not yet in points
    private long lastPutMillis;

    synchronized void add(DataPoint p, long receivedMillis) {
        points.add(p);
        lastPutMillis = Math.max(lastPutMillis, receivedMillis);
    }

    /**
     * Adds a service's standard-resolution value into its minute ({@link MinuteBucket}): memory grows with
     * minutes, not with requests.
     */
    synchronized void merge(DataPoint p, long receivedMillis) {
        lastPutMillis = Math.max(lastPutMillis, receivedMillis);
        if (bucket != null && bucket.holds(p.epochMillis(), p.unit())) {
            bucket.add(p);
            return;
        }
        if (bucket != null && MinuteBucket.minuteOf(p.epochMillis()) < bucket.minute) {
            points.add(p); // a late value of an earlier minute: stored as it came
            return;
        }
        closeBucket();
        bucket = new MinuteBucket(MinuteBucket.minuteOf(p.epochMillis()), p.unit());
        bucket.add(p);
    }

    private void closeBucket() {
        if (bucket != null) {
            points.add(bucket.toDataPoint());
            bucket = null;
        }
    }

    synchronized long lastPutMillis() {
        return lastPutMillis;
    }

    /** The points with {@code from <= time < to}. */
    synchronized List<DataPoint> between(long from, long to) {
        List<DataPoint> out = new ArrayList<>();
        if (bucket != null) {
            DataPoint open = bucket.toDataPoint();
            if (open.epochMillis() >= from && open.epochMillis() < to) {
                out.add(open);
            }
        }
        for (DataPoint p : points) {
            if (p.epochMillis() >= from && p.epochMillis() < to) {
                out.add(p);
            }
        }
        return out;
    }

    /** Replaces the points with what {@code rollup} makes of them; returns whether any remain. */
    synchronized boolean rollUp(Rollup rollup, long nowMillis) {
        closeBucket();
        List<DataPoint> kept = rollup.apply(points, nowMillis);
        points.clear();
        points.addAll(kept);
        return !points.isEmpty();
    }
}
