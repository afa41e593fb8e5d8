package io.gureum.cloudwatch.metrics;

import java.util.ArrayList;
import java.util.List;

/** The data points of one metric in time order of arrival, and when data last arrived. Thread-safe. */
final class Series {
    private final List<DataPoint> points = new ArrayList<>();
    private long lastPutMillis;

    synchronized void add(DataPoint p, long receivedMillis) {
        points.add(p);
        lastPutMillis = Math.max(lastPutMillis, receivedMillis);
    }

    synchronized long lastPutMillis() {
        return lastPutMillis;
    }

    /** The points with {@code from <= time < to}. */
    synchronized List<DataPoint> between(long from, long to) {
        List<DataPoint> out = new ArrayList<>();
        for (DataPoint p : points) {
            if (p.epochMillis() >= from && p.epochMillis() < to) {
                out.add(p);
            }
        }
        return out;
    }

    /** Replaces the points with what {@code rollup} makes of them; returns whether any remain. */
    synchronized boolean rollUp(Rollup rollup, long nowMillis) {
        List<DataPoint> kept = rollup.apply(points, nowMillis);
        points.clear();
        points.addAll(kept);
        return !points.isEmpty();
    }
}
