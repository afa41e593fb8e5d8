package io.gureum.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

class MetricDataIT extends CloudWatchTestSupport {
    static String ns;
    static Instant t0;

    @BeforeAll
    static void data() {
        ns = unique("Web");
        t0 = now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.HOURS).plus(0, ChronoUnit.MINUTES);
        if (t0.isBefore(now().minus(2, ChronoUnit.HOURS))) {
            t0 = now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        }
        for (int i = 0; i < 4; i++) {
            Instant t = t0.plusSeconds(60L * i);
            double requests = 10 * (i + 1);
            double errors = i == 2 ? 0 : i + 1;
            cw.putMetricData(b -> b.namespace(ns).metricData(
                    MetricDatum.builder().metricName("Requests").timestamp(t).value(requests)
                            .dimensions(Dimension.builder().name("Host").value("a").build()).build(),
                    MetricDatum.builder().metricName("Requests").timestamp(t).value(requests * 2)
                            .dimensions(Dimension.builder().name("Host").value("b").build()).build(),
                    MetricDatum.builder().metricName("Errors").timestamp(t).value(errors)
                            .dimensions(Dimension.builder().name("Host").value("a").build()).build()));
        }
    }

    static MetricDataQuery stat(String id, String metric, String host, boolean returnData) {
        return MetricDataQuery.builder().id(id).returnData(returnData).metricStat(s -> s.period(60).stat("Sum")
                .metric(m -> m.namespace(ns).metricName(metric).dimensions(d -> d.name("Host").value(host)))).build();
    }

    static MetricDataQuery expr(String id, String expression) {
        return MetricDataQuery.builder().id(id).expression(expression).build();
    }

    static Map<String, MetricDataResult> run(MetricDataQuery... queries) {
        GetMetricDataResponse r = cw.getMetricData(b -> b.startTime(t0).endTime(t0.plusSeconds(240))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(queries));
        return r.metricDataResults().stream().collect(Collectors.toMap(MetricDataResult::id, x -> x, (a, b) -> a));
    }

    static double[] values(MetricDataResult r) {
        return r.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void metricStatAndArithmetic() {
        Map<String, MetricDataResult> r = run(stat("m1", "Errors", "a", false), stat("m2", "Requests", "a", true),
                expr("e1", "100 * m1 / m2"));
        assertEquals(2, r.size(), "m1 does not return data");
        assertArrayEquals(new double[] {10, 20, 30, 40}, values(r.get("m2")));
        assertEquals(StatusCode.COMPLETE, r.get("m2").statusCode());
        assertEquals("Requests", r.get("m2").label());
        assertArrayEquals(new double[] {10, 10, 0, 10}, values(r.get("e1")), 1e-9);
        assertEquals(t0, r.get("e1").timestamps().get(0));
    }

    @Test
    void functions() {
        MetricDataQuery m1 = stat("m1", "Requests", "a", false);
        MetricDataQuery m2 = stat("m2", "Requests", "b", false);
        assertArrayEquals(new double[] {30, 60, 90, 120}, values(run(m1, m2, expr("s", "SUM(METRICS())")).get("s")));
        assertArrayEquals(new double[] {25, 25, 25, 25}, values(run(m1, expr("a", "AVG(m1)")).get("a")));
        assertArrayEquals(new double[] {10, 10, 10}, values(run(m1, expr("d", "DIFF(m1)")).get("d")));
        assertArrayEquals(new double[] {10 / 60.0, 10 / 60.0, 10 / 60.0}, values(run(m1, expr("r", "RATE(m1)")).get("r")),
                1e-9);
        assertArrayEquals(new double[] {0, 0, 30, 40}, values(run(m1, expr("i", "IF(m1 > 20, m1, 0)")).get("i")));
        assertArrayEquals(new double[] {10, 20, 30, 40}, values(run(m1, expr("x", "ABS(-m1)")).get("x")));
        assertArrayEquals(new double[] {10, 30, 60, 100}, values(run(m1, expr("x", "RUNNING_SUM(m1)")).get("x")));
        Map<String, MetricDataResult> both = run(m1, m2, expr("all", "METRICS()"));
        assertEquals(2, cw.getMetricData(b -> b.startTime(t0).endTime(t0.plusSeconds(240))
                .metricDataQueries(m1, m2, expr("all", "METRICS() * 2"))).metricDataResults().size());
        assertNotNull(both.get("all"));
    }

    @Test
    void fillCoversMissingPeriods() {
        MetricDataQuery m1 = MetricDataQuery.builder().id("m1").returnData(false).metricStat(s -> s.period(60)
                .stat("Sum").metric(m -> m.namespace(ns).metricName("Errors").dimensions(d -> d.name("Host")
                        .value("a")))).build();
        MetricDataResult filled = cw.getMetricData(b -> b.startTime(t0).endTime(t0.plusSeconds(360))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(m1, expr("f", "FILL(m1, 0)")))
                .metricDataResults().get(0);
        assertArrayEquals(new double[] {1, 2, 0, 4, 0, 0}, values(filled));
        MetricDataResult repeat = cw.getMetricData(b -> b.startTime(t0).endTime(t0.plusSeconds(360))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(m1, expr("f", "FILL(m1, REPEAT)")))
                .metricDataResults().get(0);
        assertArrayEquals(new double[] {1, 2, 0, 4, 4, 4}, values(repeat));
    }

    @Test
    void descendingByDefaultAndPaginatedByMaxDatapoints() {
        GetMetricDataResponse first = cw.getMetricData(b -> b.startTime(t0).endTime(t0.plusSeconds(240))
                .maxDatapoints(3).metricDataQueries(stat("m1", "Requests", "a", true)));
        MetricDataResult r = first.metricDataResults().get(0);
        assertArrayEquals(new double[] {40, 30, 20}, values(r));
        assertEquals(StatusCode.PARTIAL_DATA, r.statusCode());
        assertNotNull(first.nextToken());
        GetMetricDataResponse second = cw.getMetricData(b -> b.startTime(t0).endTime(t0.plusSeconds(240))
                .maxDatapoints(3).nextToken(first.nextToken()).metricDataQueries(stat("m1", "Requests", "a", true)));
        assertArrayEquals(new double[] {10}, values(second.metricDataResults().get(0)));
        assertEquals(StatusCode.COMPLETE, second.metricDataResults().get(0).statusCode());
    }

    @Test
    void metricsInsightsGroupsAndOrders() {
        GetMetricDataResponse r = cw.getMetricData(b -> b.startTime(t0).endTime(t0.plusSeconds(240))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(MetricDataQuery.builder().id("q").period(60)
                        .expression("SELECT SUM(Requests) FROM SCHEMA(\"" + ns + "\", Host) GROUP BY Host"
                                + " ORDER BY SUM() DESC LIMIT 1")
                        .build()));
        assertEquals(1, r.metricDataResults().size());
        assertEquals("b", r.metricDataResults().get(0).label());
        assertArrayEquals(new double[] {20, 40, 60, 80}, values(r.metricDataResults().get(0)));
        GetMetricDataResponse where = cw.getMetricData(b -> b.startTime(t0).endTime(t0.plusSeconds(240))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(MetricDataQuery.builder().id("q").period(60)
                        .expression("SELECT AVG(Requests) FROM \"" + ns + "\" WHERE Host = 'a'").build()));
        assertArrayEquals(new double[] {10, 20, 30, 40}, values(where.metricDataResults().get(0)));
    }

    @Test
    void errors() {
        assertError(AwsServiceException.class, "ValidationError", 400, () -> run(expr("e", "m9 +")));
        assertError(AwsServiceException.class, "ValidationError", 400,
                () -> run(stat("m1", "Requests", "a", true), stat("m1", "Errors", "a", true)));
        assertError(AwsServiceException.class, "ValidationError", 400,
                () -> run(MetricDataQuery.builder().id("m1").metricStat(s -> s.period(60).stat("Median")
                        .metric(m -> m.namespace(ns).metricName("Requests"))).build()));
        assertError(AwsServiceException.class, "InvalidParameterValue", 400,
                () -> cw.getMetricData(b -> b.startTime(t0).endTime(t0)
                        .metricDataQueries(stat("m1", "Requests", "a", true))));
    }

    @Test
    void widgetImageIsAPng() throws Exception {
        String widget = "{\"metrics\":[[\"" + ns + "\",\"Requests\",\"Host\",\"a\"],[\".\",\".\",\".\",\"b\"]],"
                + "\"period\":60,\"stat\":\"Sum\",\"start\":\"-PT1H\",\"width\":400,\"height\":200,\"title\":\"Requests\"}";
        byte[] png = cw.getMetricWidgetImage(b -> b.metricWidget(widget)).metricWidgetImage().asByteArray();
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(400, image.getWidth());
        assertEquals(200, image.getHeight());
        assertError(AwsServiceException.class, "InvalidParameterValue", 400,
                () -> cw.getMetricWidgetImage(b -> b.metricWidget("{not json")));
        assertTrue(List.of(png).size() == 1);
    }

    @Test
    void searchReturnsOneSeriesPerMatchingMetric() {
        GetMetricDataResponse r = cw.getMetricData(b -> b.startTime(t0).endTime(t0.plusSeconds(240))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(
                        expr("s1", "SEARCH('{" + ns + ",Host} MetricName=\"Requests\"', 'Sum', 60)")));
        List<MetricDataResult> results = r.metricDataResults();
        assertEquals(2, results.size());
        Map<String, MetricDataResult> byLabel = results.stream()
                .collect(Collectors.toMap(MetricDataResult::label, x -> x));
        assertEquals(Set.of("Requests a", "Requests b"), byLabel.keySet());
        assertTrue(results.stream().allMatch(x -> x.id().equals("s1")));
        assertArrayEquals(new double[] {10, 20, 30, 40}, values(byLabel.get("Requests a")));
        assertArrayEquals(new double[] {20, 40, 60, 80}, values(byLabel.get("Requests b")));

        Map<String, MetricDataResult> one = run(
                expr("s2", "SUM(SEARCH('{" + ns + ",Host} Requests NOT Host=\"b\"', 'Maximum', 60))"));
        assertArrayEquals(new double[] {10, 20, 30, 40}, values(one.get("s2")));
        AwsServiceException e = org.junit.jupiter.api.Assertions.assertThrows(AwsServiceException.class,
                () -> run(expr("s3", "SEARCH('{" + ns + ",Host} Requests', 'Nope', 60)")));
        assertEquals(400, e.statusCode());
    }

    @Test
    void trimmedStatisticsAsMetricStat() {
        String space = unique("Trim");
        for (double v : new double[] {10, 20, 30, 40}) {
            cw.putMetricData(b -> b.namespace(space).metricData(
                    MetricDatum.builder().metricName("Latency").timestamp(t0).value(v).build()));
        }
        java.util.function.Function<String, Double> stat = name -> {
            GetMetricDataResponse r = cw.getMetricData(b -> b.startTime(t0).endTime(t0.plusSeconds(60))
                    .metricDataQueries(MetricDataQuery.builder().id("m").metricStat(s -> s.period(60).stat(name)
                            .metric(m -> m.namespace(space).metricName("Latency"))).build()));
            return r.metricDataResults().get(0).values().get(0);
        };
        // Ranks 2 and 3 of four: (20 + 30) / 2.
        assertEquals(25.0, stat.apply("IQM"));
        assertEquals(90.0, stat.apply("TS(10:)"));
        assertEquals(50.0, stat.apply("PR(:20)"));
        // tm75 keeps ranks 1..3.
        assertEquals(20.0, stat.apply("tm75"));
    }
}
