package io.gureum.cloudwatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateTest {
    @Test
    void statisticsAndPercentiles() {
        List<DataPoint> points = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            points.add(DataPoint.single(0, i, "None", 60));
        }
        Aggregate a = Aggregate.of(points);
        assertEquals(100.0, a.get("SampleCount"));
        assertEquals(50.5, a.get("Average"));
        assertEquals(99.0, a.get("p99"));
        assertEquals(50.0, a.get("p50"));
        assertEquals(100.0, a.get("p100"));
        assertEquals(1.0, a.get("p0"));
    }

    @Test
    void statisticSetsHaveNoPercentilesUnlessTheirValueIsKnown() {
        assertNull(Aggregate.of(List.of(DataPoint.statisticSet(0, 2, 8, 3, 5, "None", 60))).get("p50"));
        assertEquals(4.0, Aggregate.of(List.of(DataPoint.statisticSet(0, 3, 12, 4, 4, "None", 60))).get("p50"));
        assertNull(Aggregate.of(List.of(DataPoint.single(0, -1, "None", 60))).get("p50"));
    }

    @Test
    void rollupAggregatesOldHighResolutionData() {
        long hour = 3_600_000L;
        List<DataPoint> points = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            points.add(DataPoint.single(s * 1000L, 1, "None", 1));
        }
        List<DataPoint> rolled = new Rollup().apply(points, 4 * hour);
        assertEquals(1, rolled.size());
        assertEquals(60.0, rolled.get(0).sampleCount());
        assertEquals(60, rolled.get(0).resolution());
        assertEquals(0, new Rollup().apply(points, 456 * 24 * hour).size());
    }
}
