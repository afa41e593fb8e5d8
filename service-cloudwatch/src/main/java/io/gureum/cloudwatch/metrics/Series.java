package io.gureum.cloudwatch.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The data of one metric as {@link Bucket}s by resolution and start time, and when data last arrived.
 * A value lands in the bucket of the resolution CloudWatch still keeps at its age ({@link Rollup}): a
 * high-resolution value older than three hours goes straight into its minute. Thread-safe.
 */
final class Series {
    /** resolution (s) → bucket start (ms) → the buckets of that interval, one per unit. */
    private final Map<Integer, NavigableMap<Long, List<Bucket>>> buckets = new TreeMap<>();
    private long lastPutMillis;

    synchronized void add(DataPoint p, long nowMillis) {
        lastPutMillis = Math.max(lastPutMillis, nowMillis);
        int resolution = Rollup.retainedResolution(p.resolution(), nowMillis - p.epochMillis());
        bucketFor(resolution, p.epochMillis(), p.unit()).add(p);
    }

    private Bucket bucketFor(int resolution, long epochMillis, String unit) {
        long size = resolution * 1000L;
        long start = Math.floorDiv(epochMillis, size) * size;
        List<Bucket> atStart = buckets.computeIfAbsent(resolution, r -> new TreeMap<>())
                .computeIfAbsent(start, s -> new ArrayList<>(1));
        for (Bucket b : atStart) {
            if (b.holds(unit)) {
                return b;
            }
        }
        Bucket b = new Bucket(start, resolution, unit);
        atStart.add(b);
        return b;
    }

    synchronized long lastPutMillis() {
        return lastPutMillis;
    }

    /** The points with {@code from <= time < to}, one per bucket. */
    synchronized List<DataPoint> between(long from, long to) {
        List<DataPoint> out = new ArrayList<>();
        if (from >= to) {
            return out;
        }
        for (NavigableMap<Long, List<Bucket>> byStart : buckets.values()) {
            for (List<Bucket> atStart : byStart.subMap(from, true, to, false).values()) {
                atStart.forEach(b -> out.add(b.toDataPoint()));
            }
        }
        return out;
    }

    /**
     * Moves buckets CloudWatch no longer keeps at their resolution into the coarser one, and drops what is
     * past retention; returns whether any data remains.
     */
    synchronized boolean rollUp(long nowMillis) {
        for (Integer resolution : List.copyOf(buckets.keySet())) {
            NavigableMap<Long, List<Bucket>> byStart = buckets.get(resolution);
            var it = byStart.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                long age = nowMillis - e.getKey();
                if (age > Rollup.MAX_AGE) {
                    it.remove();
                    continue;
                }
                int retained = Rollup.retainedResolution(resolution, age);
                if (retained != resolution) {
                    for (Bucket b : e.getValue()) {
                        bucketFor(retained, b.start, b.unit).addAll(b);
                    }
                    it.remove();
                }
            }
            if (byStart.isEmpty()) {
                buckets.remove(resolution);
            }
        }
        return !buckets.isEmpty();
    }
}
