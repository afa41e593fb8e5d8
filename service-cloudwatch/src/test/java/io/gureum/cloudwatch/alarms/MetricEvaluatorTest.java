package io.gureum.cloudwatch.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudwatch.metrics.DataPoint;
import io.gureum.cloudwatch.metrics.MetricKey;
import io.gureum.cloudwatch.metrics.MetricStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

class MetricEvaluatorTest {
    static final long MIN = 60_000L;
    static final long T = 1_000 * MIN; // a period boundary
    static final MetricKey KEY = MetricKey.of("App", "Load", Map.of());

    static Alarm alarm(int n, Integer m, String treat) {
        Alarm a = new Alarm("a", "arn:aws:cloudwatch:us-east-1:000000000000:alarm:a", false);
        a.namespace = "App";
        a.metricName = "Load";
        a.statistic = "Maximum";
        a.period = 60;
        a.evaluationPeriods = n;
        a.datapointsToAlarm = m;
        a.threshold = 5.0;
        a.comparisonOperator = "GreaterThanThreshold";
        a.treatMissingData = treat;
        return a;
    }

    /** One value per period, oldest first, ending at T; NaN leaves the period empty. */
    static MetricStore store(double... values) {
        MetricStore s = new MetricStore();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                long at = T - (values.length - i) * MIN + 1000;
                s.put(KEY, DataPoint.single(at, values[i], "None", 60), at);
            }
        }
        return s;
    }

    static String state(Alarm a, MetricStore s) {
        Evaluation e = MetricEvaluator.evaluate(a, s, T, T + 1000);
        return e == null ? null : e.state();
    }

    @Test
    void mOutOfN() {
        assertEquals("ALARM", state(alarm(3, 2, null), store(9, 1, 9)));
        assertEquals("OK", state(alarm(3, 3, null), store(9, 1, 9)));
        assertEquals("OK", state(alarm(1, null, null), store(1)));
        Evaluation e = MetricEvaluator.evaluate(alarm(3, 2, null), store(9, 1, 9), T, T);
        assertTrue(e.reason().startsWith("Threshold Crossed: 2 out of the last 3 datapoints ["), e.reason());
        assertTrue(e.reason().endsWith("were greater than the threshold (5.0) (minimum 2 datapoints for OK -> ALARM"
                + " transition)."), e.reason());
    }

    @Test
    void missingData() {
        double x = Double.NaN;
        assertEquals("INSUFFICIENT_DATA", state(alarm(3, null, "missing"), store(x, x, x)));
        assertNull(state(alarm(3, null, "ignore"), store(x, x, x)), "ignore keeps the current state");
        assertEquals("ALARM", state(alarm(3, null, "breaching"), store(x, x, x)));
        assertEquals("OK", state(alarm(3, null, "notBreaching"), store(x, x, x)));
        assertEquals("ALARM", state(alarm(3, 3, "breaching"), store(9, x, x)));
        assertEquals("OK", state(alarm(3, 3, "missing"), store(9, x, x)));
    }

    @Test
    void anomalyBand() {
        Alarm a = alarm(1, null, null);
        a.statistic = null;
        a.period = null;
        a.threshold = null;
        a.comparisonOperator = "LessThanLowerOrGreaterThanUpperThreshold";
        a.thresholdMetricId = "ad1";
        a.metrics = List.of(
                MetricDataQuery.builder().id("m1").returnData(true).metricStat(s -> s.period(60).stat("Maximum")
                        .metric(m -> m.namespace("App").metricName("Load"))).build(),
                MetricDataQuery.builder().id("ad1").expression("ANOMALY_DETECTION_BAND(m1, 2)").build());
        assertEquals("ALARM", state(a, store(10, 11, 9, 10, 100)));
        assertEquals("OK", state(a, store(10, 11, 9, 10, 10)));
        assertEquals("INSUFFICIENT_DATA", state(a, store(10, 100)), "no band without training data");
    }
}
