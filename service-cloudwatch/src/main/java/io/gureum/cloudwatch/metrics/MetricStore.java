package io.gureum.cloudwatch.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** The metrics of one account and region. Thread-safe. */
public final class MetricStore {
    private final Map<MetricKey, Series> series = new ConcurrentHashMap<>();
    /** Where buckets are recorded with {@code --data-dir}, or null. */
    private volatile BucketSink sink;
    /** Metrics with buckets changed but not yet recorded. */
    private final java.util.Set<MetricKey> dirty = ConcurrentHashMap.newKeySet();

    /** Records buckets from now on (with {@code --data-dir}). */
    public void recordTo(BucketSink sink) {
        this.sink = sink;
    }

    /** A point a client put: its bucket is recorded before the call answers. */
    public void put(MetricKey key, DataPoint point, long receivedMillis) {
        put(key, point, receivedMillis, true);
    }

    /**
     * A point; {@code recordNow} false (metrics services publish on every request) marks its bucket, recorded at the
     * next {@link #flush}, so a request of another API does not wait for CloudWatch's journal write.
     */
    public void put(MetricKey key, DataPoint point, long receivedMillis, boolean recordNow) {
        BucketSink s = sink;
        if (series.computeIfAbsent(key, k -> new Series()).add(point, receivedMillis, key, s, recordNow)) {
            dirty.add(key);
        }
    }

    /** Records the buckets changed by points not recorded at once. */
    public void flush() {
        BucketSink s = sink;
        if (s == null) {
            return;
        }
        for (MetricKey key : List.copyOf(dirty)) {
            dirty.remove(key);
            Series one = series.get(key);
            if (one != null) {
                one.flush(key, s);
            }
        }
    }

    /** Every bucket, for a snapshot. */
    public void capture(java.util.function.Consumer<BucketValue> out) {
        series.forEach((k, s) -> s.capture(k, out));
    }

    /** A bucket recorded before a restart. */
    public void restore(BucketValue v) {
        MetricKey key = v.metricKey();
        series.computeIfAbsent(key, k -> new Series()).restore(v);
    }


    /** The metrics {@code filter} accepts, with data received at or after {@code activeSinceMillis}, sorted. */
    public List<MetricKey> list(Predicate<MetricKey> filter, long activeSinceMillis) {
        List<MetricKey> out = new ArrayList<>();
        series.forEach((k, s) -> {
            if (filter.test(k) && s.lastPutMillis() >= activeSinceMillis) {
                out.add(k);
            }
        });
        out.sort(java.util.Comparator.comparing(MetricKey::sortKey));
        return out;
    }

    /** The points of a metric with {@code from <= time < to}, of {@code unit} when it is not null. */
    public List<DataPoint> points(MetricKey key, long from, long to, String unit) {
        Series s = series.get(key);
        if (s == null) {
            return List.of();
        }
        List<DataPoint> points = s.between(from, to);
        if (unit != null) {
            points.removeIf(p -> !unit.equals(p.unit()));
        }
        return points;
    }

    /** Rolls every series up to what CloudWatch still keeps at {@code nowMillis}; drops emptied metrics. */
    public void expire(long nowMillis) {
        BucketSink s = sink;
        series.entrySet().removeIf(e -> !e.getValue().rollUp(nowMillis, e.getKey(), s));
    }
}
