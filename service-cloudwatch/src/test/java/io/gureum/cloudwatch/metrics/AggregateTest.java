package io.gureum.cloudwatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Series series = new Series();
        for (int s = 0; s < 60; s++) {
            series.add(DataPoint.single(s * 1000L, 1, "None", 1), 60_000L);
        }
        assertEquals(60, series.between(0, hour).size(), "a second each while high resolution is kept");
        assertTrue(series.rollUp(4 * hour));
        List<DataPoint> rolled = series.between(0, hour);
        assertEquals(1, rolled.size());
        assertEquals(60.0, rolled.get(0).sampleCount());
        assertEquals(60, rolled.get(0).resolution());
        assertFalse(series.rollUp(456 * 24 * hour));
    }

    static Aggregate oneToHundred() {
        List<DataPoint> points = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            points.add(DataPoint.single(0, i, "None", 60));
        }
        return Aggregate.of(points);
    }

    @Test
    void trimmedStatisticsOfOneToHundred() {
        Aggregate a = oneToHundred();
        assertEquals(45.5, a.get("tm90"), "mean of 1..90");
        assertEquals(45.5, a.get("TM(:90%)"));
        assertEquals(50.5, a.get("TM(2%:98%)"), "mean of 3..98");
        assertEquals(50.5, a.get("IQM"), "mean of 26..75");
        assertEquals(15.5, a.get("TM(10:20)"), "values 10 < v <= 20: 11..20");
        assertEquals(10.0, a.get("TC(10:20)"));
        assertEquals(155.0, a.get("TS(10:20)"));
        assertEquals(90.0, a.get("tc90"));
        assertEquals(4095.0, a.get("ts90"), "1 + … + 90");
        assertEquals(50.47, a.get("wm98"), 1e-9, "(1 + … + 98 + 98 + 98) / 100");
        assertEquals(50.5, a.get("WM(10%:90%)"), 1e-9, "(10·11 + 11 + … + 90 + 10·90) / 100");
        assertEquals(30.0, a.get("PR(:30)"), "percent of the values <= 30");
        assertEquals(10.0, a.get("PR(10:20)"), "the lower bound excluded, the upper included");
        assertEquals(0.0, a.get("PR(200:)"));
        assertEquals(0.0, a.get("TC(200:)"));
        assertNull(a.get("TM(200:)"), "no value kept: no mean");
    }

    @Test
    void trimmedStatisticsUseTheCountsOfDistinctValues() {
        // 3 samples of 4 and 1 of 8 (a statistic set of 3 equal values, then a single one).
        Aggregate a = Aggregate.of(List.of(DataPoint.statisticSet(0, 3, 12, 4, 4, "None", 60),
                DataPoint.single(0, 8, "None", 60)));
        assertEquals(4.0, a.get("tm75"), "ranks 1..3 are the three 4s");
        assertEquals(5.0, a.get("TM(:8)"));
        assertEquals(75.0, a.get("PR(:4)"));
        assertEquals(4.0, a.get("WM(:75%)"), "the 8 counts as the last kept value, 4");
        assertNull(Aggregate.of(List.of(DataPoint.statisticSet(0, 2, 8, 3, 5, "None", 60))).get("IQM"),
                "no raw values");
    }

    @Test
    void trimmedStatisticNames() {
        for (String ok : new String[] {"tm99", "TM99.5", "wm10", "tc1", "ts50", "TM(10%:90%)", "TM(:95%)",
            "WM(5%:)", "TC(0.5:100)", "TS(1:2)", "PR(:300)", "PR(100:2000)", "IQM", "iqm", "p99"}) {
            org.junit.jupiter.api.Assertions.assertTrue(Aggregate.isPercentile(ok), ok);
        }
        for (String bad : new String[] {"tm101", "TM()", "TM(:)", "TM(90%:10%)", "PR(10%:20%)", "XX(1:2)", "tm",
            "TM(10:5)"}) {
            org.junit.jupiter.api.Assertions.assertFalse(Aggregate.isPercentile(bad), bad);
        }
    }
}
