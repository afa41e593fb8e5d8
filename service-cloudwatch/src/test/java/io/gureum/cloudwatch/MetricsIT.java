package io.gureum.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.cloudwatch.model.RecentlyActive;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

class MetricsIT extends CloudWatchTestSupport {

    private static Dimension dim(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    @Test
    void putAndGetStatisticsOfValuesSetsAndArrays() {
        String ns = unique("App");
        Instant t = now().minus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        cw.putMetricData(b -> b.namespace(ns).metricData(
                MetricDatum.builder().metricName("Latency").timestamp(t).value(10.0).unit(StandardUnit.MILLISECONDS)
                        .build(),
                MetricDatum.builder().metricName("Latency").timestamp(t.plusSeconds(5)).values(20.0, 30.0)
                        .counts(1.0, 2.0).unit(StandardUnit.MILLISECONDS).build(),
                MetricDatum.builder().metricName("Latency").timestamp(t.plusSeconds(70))
                        .statisticValues(s -> s.sampleCount(2.0).sum(8.0).minimum(3.0).maximum(5.0))
                        .unit(StandardUnit.MILLISECONDS).build()));

        GetMetricStatisticsResponse r = cw.getMetricStatistics(b -> b.namespace(ns).metricName("Latency")
                .startTime(t).endTime(t.plusSeconds(120)).period(60)
                .statistics(Statistic.SAMPLE_COUNT, Statistic.SUM, Statistic.AVERAGE, Statistic.MINIMUM,
                        Statistic.MAXIMUM));
        assertEquals("Latency", r.label());
        List<Datapoint> points = new ArrayList<>(r.datapoints());
        points.sort(java.util.Comparator.comparing(Datapoint::timestamp));
        assertEquals(2, points.size());
        Datapoint first = points.get(0);
        assertEquals(t, first.timestamp());
        assertEquals(4.0, first.sampleCount());
        assertEquals(90.0, first.sum());
        assertEquals(22.5, first.average());
        assertEquals(10.0, first.minimum());
        assertEquals(30.0, first.maximum());
        assertEquals(StandardUnit.MILLISECONDS, first.unit());
        assertEquals(2.0, points.get(1).sampleCount());
        assertEquals(4.0, points.get(1).average());

        GetMetricStatisticsResponse p = cw.getMetricStatistics(b -> b.namespace(ns).metricName("Latency")
                .startTime(t).endTime(t.plusSeconds(60)).period(60).extendedStatistics("p50", "p99"));
        assertEquals(1, p.datapoints().size());
        assertEquals(30.0, p.datapoints().get(0).extendedStatistics().get("p99"));
        assertEquals(20.0, p.datapoints().get(0).extendedStatistics().get("p50"));
        assertNull(p.datapoints().get(0).average());

        // The values are 10, 20, 30, 30 (the last two one value with count 2).
        GetMetricStatisticsResponse trimmed = cw.getMetricStatistics(b -> b.namespace(ns).metricName("Latency")
                .startTime(t).endTime(t.plusSeconds(60)).period(60)
                .extendedStatistics("IQM", "TC(10:30)", "PR(:20)", "wm50"));
        Map<String, Double> ext = trimmed.datapoints().get(0).extendedStatistics();
        assertEquals(25.0, ext.get("IQM"), "ranks 2 and 3: (20 + 30) / 2");
        assertEquals(3.0, ext.get("TC(10:30)"), "10 < v <= 30");
        assertEquals(50.0, ext.get("PR(:20)"));
        assertEquals(17.5, ext.get("wm50"), "(10 + 20 + 20 + 20) / 4");
    }

    @Test
    void dimensionsMakeSeparateMetricsAndListMetricsFilters() {
        String ns = unique("Shop");
        cw.putMetricData(b -> b.namespace(ns).metricData(
                MetricDatum.builder().metricName("Orders").dimensions(dim("Region", "eu")).value(1.0).build(),
                MetricDatum.builder().metricName("Orders").dimensions(dim("Region", "us")).value(2.0).build(),
                MetricDatum.builder().metricName("Refunds").value(3.0).build()));
        ListMetricsResponse all = cw.listMetrics(b -> b.namespace(ns));
        assertEquals(3, all.metrics().size());
        ListMetricsResponse orders = cw.listMetrics(b -> b.namespace(ns).metricName("Orders"));
        assertEquals(2, orders.metrics().size());
        ListMetricsResponse eu = cw.listMetrics(b -> b.namespace(ns)
                .dimensions(DimensionFilter.builder().name("Region").value("eu").build()));
        assertEquals(1, eu.metrics().size());
        assertEquals(List.of(dim("Region", "eu")), eu.metrics().get(0).dimensions());
        ListMetricsResponse anyRegion = cw.listMetrics(b -> b.namespace(ns)
                .dimensions(DimensionFilter.builder().name("Region").build()));
        assertEquals(2, anyRegion.metrics().size());
        assertEquals(3, cw.listMetrics(b -> b.namespace(ns).recentlyActive(RecentlyActive.PT3_H)).metrics().size());
        assertEquals(0, cw.listMetrics(b -> b.namespace(unique("None"))).metrics().size());
    }

    @Test
    void listMetricsPaginatesByFiveHundred() {
        String ns = unique("Many");
        for (int batch = 0; batch < 2; batch++) {
            List<MetricDatum> data = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                data.add(MetricDatum.builder().metricName("m" + (batch * 300 + i)).value(1.0).build());
            }
            cw.putMetricData(b -> b.namespace(ns).metricData(data));
        }
        ListMetricsResponse first = cw.listMetrics(b -> b.namespace(ns));
        assertEquals(500, first.metrics().size());
        assertNotNull(first.nextToken());
        ListMetricsResponse second = cw.listMetrics(b -> b.namespace(ns).nextToken(first.nextToken()));
        assertEquals(100, second.metrics().size());
        assertNull(second.nextToken());
        assertError(AwsServiceException.class, "InvalidNextToken", 400,
                () -> cw.listMetrics(b -> b.namespace(ns).nextToken("garbage!")));
    }

    @Test
    void putMetricDataErrors() {
        String ns = unique("Bad");
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.putMetricData(b -> b.namespace(ns).metricData(MetricDatum.builder().metricName("m")
                        .value(1.0).timestamp(now().minus(Duration.ofDays(15))).build())));
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.putMetricData(b -> b.namespace(ns).metricData(MetricDatum.builder().metricName("m")
                        .value(1.0).timestamp(now().plus(Duration.ofHours(3))).build())));
        InvalidParameterCombinationException both = assertError(InvalidParameterCombinationException.class,
                "InvalidParameterCombination", 400,
                () -> cw.putMetricData(b -> b.namespace(ns).metricData(MetricDatum.builder().metricName("m")
                        .value(1.0).statisticValues(s -> s.sampleCount(1.0).sum(1.0).minimum(1.0).maximum(1.0))
                        .build())));
        assertTrue(both.awsErrorDetails().errorMessage().contains("MetricData.member.1.Value"));
        assertError(MissingRequiredParameterException.class, "MissingParameter", 400,
                () -> cw.putMetricData(b -> b.namespace(ns).metricData(MetricDatum.builder().metricName("m").build())));
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.putMetricData(b -> b.namespace(ns).metricData(MetricDatum.builder().metricName("m")
                        .values(1.0, 2.0).counts(1.0).build())));
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.putMetricData(b -> b.namespace(ns).metricData(MetricDatum.builder().metricName("m")
                        .value(1.0).storageResolution(5).build())));
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.putMetricData(b -> b.namespace("AWS/EC2").metricData(MetricDatum.builder().metricName("m")
                        .value(1.0).build())));
        List<MetricDatum> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(MetricDatum.builder().metricName("m").value(1.0).build());
        }
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.putMetricData(b -> b.namespace(ns).metricData(tooMany)));
        List<Dimension> dims = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            dims.add(dim("d" + i, "v"));
        }
        AwsServiceException e = assertError(AwsServiceException.class, "ValidationError", 400,
                () -> cw.putMetricData(b -> b.namespace(ns).metricData(MetricDatum.builder().metricName("m")
                        .dimensions(dims).value(1.0).build())));
        assertTrue(e.awsErrorDetails().errorMessage().contains("validation error"), e.getMessage());
        assertEquals(0, cw.listMetrics(b -> b.namespace(ns)).metrics().size(), "a refused request stores nothing");
    }

    @Test
    void getMetricStatisticsRules() {
        String ns = unique("Rules");
        Instant end = now();
        assertError(InvalidParameterCombinationException.class, "InvalidParameterCombination", 400,
                () -> cw.getMetricStatistics(b -> b.namespace(ns).metricName("m").startTime(end.minus(Duration.ofDays(2)))
                        .endTime(end).period(60).statistics(Statistic.SUM)));
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.getMetricStatistics(b -> b.namespace(ns).metricName("m").startTime(end.minusSeconds(600))
                        .endTime(end).period(45).statistics(Statistic.SUM)));
        assertError(InvalidParameterCombinationException.class, "InvalidParameterCombination", 400,
                () -> cw.getMetricStatistics(b -> b.namespace(ns).metricName("m").startTime(end.minusSeconds(600))
                        .endTime(end).period(60).statistics(Statistic.SUM).extendedStatistics("p90")));
        assertError(MissingRequiredParameterException.class, "MissingParameter", 400,
                () -> cw.getMetricStatistics(b -> b.namespace(ns).metricName("m").startTime(end.minusSeconds(600))
                        .endTime(end).period(60)));
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.getMetricStatistics(b -> b.namespace(ns).metricName("m").startTime(end)
                        .endTime(end.minusSeconds(60)).period(60).statistics(Statistic.SUM)));
        assertEquals(0, cw.getMetricStatistics(b -> b.namespace(ns).metricName("m").startTime(end.minusSeconds(600))
                .endTime(end).period(60).statistics(Statistic.SUM)).datapoints().size());
    }

    @Test
    void highResolutionDataReadAtOneSecond() {
        String ns = unique("HighRes");
        Instant t = now().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        cw.putMetricData(b -> b.namespace(ns).metricData(
                MetricDatum.builder().metricName("m").timestamp(t).value(1.0).storageResolution(1).build(),
                MetricDatum.builder().metricName("m").timestamp(t.plusSeconds(1)).value(2.0).storageResolution(1)
                        .build()));
        GetMetricStatisticsResponse r = cw.getMetricStatistics(b -> b.namespace(ns).metricName("m").startTime(t)
                .endTime(t.plusSeconds(10)).period(1).statistics(Statistic.SUM));
        assertEquals(2, r.datapoints().size());
    }
}
