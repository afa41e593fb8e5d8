package io.gureum.cloudwatch.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** The metrics of one account and region. Thread-safe. */
public final class MetricStore {
    private final Map<MetricKey, Series> series = new ConcurrentHashMap<>();

    public void put(MetricKey key, DataPoint point, long receivedMillis) {
        series.computeIfAbsent(key, k -> new Series()).add(point, receivedMillis);
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
        series.entrySet().removeIf(e -> !e.getValue().rollUp(nowMillis));
    }
}
