package io.gureum.cloudwatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Values are summed per interval of their resolution, as CloudWatch keeps them: memory follows time, not
 * how often anyone writes, in any order, and every statistic of the interval stays exact.
 */
class SeriesTest {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long T0 = 1_800_000_000_000L - (1_800_000_000_000L % HOUR);

    @Test
    void tenThousandValuesOfOneMinuteAreOnePointWithExactStatistics() {
        Series s = new Series();
        for (int i = 0; i < 10_000; i++) {
            s.add(DataPoint.single(T0 + (i % 60) * 1000, i % 10, "Count", 60), T0 + MINUTE);
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
    void valuesArrivingOutOfOrderStillLandInTheirMinutes() {
        Series s = new Series();
        s.add(DataPoint.single(T0 + 5_000, 1, "Count", 60), T0 + 2 * MINUTE);
        s.add(DataPoint.single(T0 + MINUTE + 1_000, 5, "Count", 60), T0 + 2 * MINUTE);
        s.add(DataPoint.single(T0 + 30_000, 7, "Count", 60), T0 + 2 * MINUTE);
        List<DataPoint> first = s.between(T0, T0 + MINUTE);
        assertEquals(1, first.size());
        assertEquals(8, first.get(0).sum());
        assertEquals(5, s.between(T0 + MINUTE, T0 + 2 * MINUTE).get(0).sum());
    }

    @Test
    void highResolutionDataIsKeptBySecondForThreeHoursThenByMinute() {
        Series s = new Series();
        for (int i = 0; i < 120; i++) {
            s.add(DataPoint.single(T0 + i * 1000L, 1, "Count", 1), T0 + 2 * MINUTE);
        }
        assertEquals(60, s.between(T0, T0 + MINUTE).size());
        Series old = new Series();
        for (int i = 0; i < 120; i++) {
            old.add(DataPoint.single(T0 + i * 1000L, 1, "Count", 1), T0 + 4 * HOUR);
        }
        List<DataPoint> minutes = old.between(T0, T0 + 2 * MINUTE);
        assertEquals(2, minutes.size(), "a second older than three hours lands in its minute at once");
        assertEquals(60, minutes.get(0).resolution());
    }

    @Test
    void statisticSetsKeepTheirStatisticsButNoPercentiles() {
        Series s = new Series();
        s.add(DataPoint.single(T0, 3, "Count", 60), T0);
        s.add(DataPoint.statisticSet(T0, 4, 20, 2, 8, "Count", 60), T0);
        DataPoint p = s.between(T0, T0 + MINUTE).get(0);
        assertEquals(5, p.sampleCount());
        assertEquals(23, p.sum());
        assertNull(p.values());
    }

    @Test
    void distinctValuesAreCappedWhileTheStatisticSetStaysExact() {
        Series s = new Series();
        int n = Bucket.MAX_DISTINCT + 500;
        for (int i = 0; i < n; i++) {
            s.add(DataPoint.single(T0, i, "Milliseconds", 60), T0);
        }
        DataPoint p = s.between(T0, T0 + MINUTE).get(0);
        assertEquals(n, p.sampleCount());
        assertEquals(n - 1, p.max());
        assertEquals(Bucket.MAX_DISTINCT, p.values().length);
        assertEquals(List.of(), s.between(T0 + MINUTE, T0 + 2 * MINUTE));
    }
}
