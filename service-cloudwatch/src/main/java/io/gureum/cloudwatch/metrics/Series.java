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
        add(p, nowMillis, null, null, false);
    }

    synchronized boolean rollUp(long nowMillis) {
        return rollUp(nowMillis, null, null);
    }

    /**
     * Adds a point; with a sink, records its bucket now ({@code recordNow}) or marks it for {@link #flush}.
     * Returns whether the bucket was marked.
     */
    synchronized boolean add(DataPoint p, long nowMillis, MetricKey key, BucketSink sink, boolean recordNow) {
        lastPutMillis = Math.max(lastPutMillis, nowMillis);
        int resolution = Rollup.retainedResolution(p.resolution(), nowMillis - p.epochMillis());
        Bucket b = bucketFor(resolution, p.epochMillis(), p.unit());
        b.add(p);
        if (sink == null) {
            return false;
        }
        if (recordNow) {
            b.dirty = false;
            sink.put(b.value(key, lastPutMillis));
            return false;
        }
        b.dirty = true;
        return true;
    }

    /** Records the buckets changed since they were last recorded. */
    synchronized void flush(MetricKey key, BucketSink sink) {
        for (NavigableMap<Long, List<Bucket>> byStart : buckets.values()) {
            for (List<Bucket> atStart : byStart.values()) {
                for (Bucket b : atStart) {
                    if (b.dirty) {
                        b.dirty = false;
                        sink.put(b.value(key, lastPutMillis));
                    }
                }
            }
        }
    }

    /** Every bucket, for a snapshot. */
    synchronized void capture(MetricKey key, java.util.function.Consumer<BucketValue> out) {
        for (NavigableMap<Long, List<Bucket>> byStart : buckets.values()) {
            for (List<Bucket> atStart : byStart.values()) {
                atStart.forEach(b -> out.accept(b.value(key, lastPutMillis)));
            }
        }
    }

    /** A bucket recorded before a restart. */
    synchronized void restore(BucketValue v) {
        lastPutMillis = Math.max(lastPutMillis, v.lastPutMillis());
        List<Bucket> atStart = buckets.computeIfAbsent(v.resolution(), r -> new TreeMap<>())
                .computeIfAbsent(v.start(), s -> new ArrayList<>(1));
        atStart.removeIf(b -> b.holds(v.unit()));
        atStart.add(Bucket.of(v));
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
    synchronized boolean rollUp(long nowMillis, MetricKey key, BucketSink sink) {
        for (Integer resolution : List.copyOf(buckets.keySet())) {
            NavigableMap<Long, List<Bucket>> byStart = buckets.get(resolution);
            var it = byStart.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                long age = nowMillis - e.getKey();
                if (age > Rollup.MAX_AGE) {
                    if (sink != null) {
                        e.getValue().forEach(b -> sink.delete(b.recordKey(key)));
                    }
                    it.remove();
                    continue;
                }
                int retained = Rollup.retainedResolution(resolution, age);
                if (retained != resolution) {
                    for (Bucket b : e.getValue()) {
                        Bucket coarser = bucketFor(retained, b.start, b.unit);
                        coarser.addAll(b);
                        if (sink != null) {
                            sink.delete(b.recordKey(key));
                            coarser.dirty = true;
                        }
                    }
                    it.remove();
                }
            }
            if (byStart.isEmpty()) {
                buckets.remove(resolution);
            }
        }
        if (sink != null) {
            flush(key, sink);
        }
        return !buckets.isEmpty();
    }
}
