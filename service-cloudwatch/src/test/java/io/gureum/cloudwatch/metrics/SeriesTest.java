package io.gureum.cloudwatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A service's per-request values are summed per minute: memory follows minutes, not requests, and every
 * statistic of the minute stays exact.
 */
class SeriesTest {
    private static final long MINUTE = 60_000;
    private static final long T0 = 1_800_000_000_000L - (1_800_000_000_000L % MINUTE);

    @Test
    void tenThousandValuesOfOneMinuteAreOnePointWithExactStatistics() {
        Series s = new Series();
        for (int i = 0; i < 10_000; i++) {
            s.merge(DataPoint.single(T0 + (i % 60) * 1000, i % 10, "Count", 60), T0);
        }
        List<DataPoint> points = s.between(T0, T0 + MINUTE);
        assertEquals(1, points.size());
        DataPoint p = points.get(0);
        assertEquals(10_000, p.sampleCount());
        assertEquals(45_000, p.sum()); // 1,000 times each of 0..9
        assertEquals(0, p.min());
        assertEquals(9, p.max());
        assertEquals(10, p.values().length, "distinct values with their counts, for percentiles");
        assertEquals(T0, p.epochMillis());
    }

    @Test
    void aNewMinuteClosesThePreviousOneAndALateValueIsKeptAsItCame() {
        Series s = new Series();
        s.merge(DataPoint.single(T0 + 5_000, 1, "Count", 60), T0);
        s.merge(DataPoint.single(T0 + 10_000, 2, "Count", 60), T0);
        s.merge(DataPoint.single(T0 + MINUTE + 1_000, 5, "Count", 60), T0);
        s.merge(DataPoint.single(T0 + 30_000, 7, "Count", 60), T0); // late: the first minute again
        List<DataPoint> first = s.between(T0, T0 + MINUTE);
        assertEquals(2, first.size());
        assertEquals(10, first.stream().mapToDouble(DataPoint::sum).sum());
        List<DataPoint> second = s.between(T0 + MINUTE, T0 + 2 * MINUTE);
        assertEquals(1, second.size());
        assertEquals(5, second.get(0).sum());
    }

    @Test
    void distinctValuesAreCappedWhileTheStatisticSetStaysExact() {
        Series s = new Series();
        int n = MinuteBucket.MAX_DISTINCT + 500;
        for (int i = 0; i < n; i++) {
            s.merge(DataPoint.single(T0, i, "Milliseconds", 60), T0);
        }
        DataPoint p = s.between(T0, T0 + MINUTE).get(0);
        assertEquals(n, p.sampleCount());
        assertEquals(n - 1, p.max());
        assertEquals(MinuteBucket.MAX_DISTINCT, p.values().length);
        assertNull(s.between(T0 + MINUTE, T0 + 2 * MINUTE).stream().findFirst().orElse(null));
    }
}
