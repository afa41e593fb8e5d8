package io.gureum.cloudwatch.alarms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudwatch.QueryResult;
import io.gureum.cloudwatch.QueryRunner;
import io.gureum.cloudwatch.metrics.MetricKey;
import io.gureum.cloudwatch.metrics.MetricStore;
import io.gureum.cloudwatch.metrics.StatSeries;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;

/**
 * Evaluates a metric alarm at a period boundary T: the statistic of each of the last EvaluationPeriods
 * periods before T, each compared with the threshold (or the anomaly band), then "M out of N"
 * (DatapointsToAlarm). Missing data follows TreatMissingData (AlarmThatSendsEmail, "Configuring how
 * CloudWatch alarms treat missing data"): {@code breaching} and {@code notBreaching} count missing periods as
 * such; with {@code missing} a range with no data at all is INSUFFICIENT_DATA and {@code ignore} keeps the
 * current state; otherwise the periods present decide.
 */
final class MetricEvaluator {
    private static final DateTimeFormatter POINT_TIME =
            DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);

    private MetricEvaluator() {
    }

    /** The evaluation at boundary {@code t}, or null to keep the current state ({@code ignore} with no data). */
    static Evaluation evaluate(Alarm a, MetricStore store, long t, long now) {
        return evaluate(a, store, t, now, null);
    }

    /** As above, with the alarm's account's Contributor Insights rules for INSIGHT_RULE_METRIC (null: none). */
    static Evaluation evaluate(Alarm a, MetricStore store, long t, long now, QueryRunner.InsightMetrics insights) {
        int n = a.evaluationPeriods;
        long periodMs = a.evaluationSeconds() * 1000L;
        long from = t - n * periodMs;
        double[] values = new double[n];
        double[] lower = new double[n];
        double[] upper = new double[n];
        Arrays.fill(values, Double.NaN);
        Arrays.fill(lower, Double.NaN);
        Arrays.fill(upper, Double.NaN);
        if (a.metrics.isEmpty()) {
            String stat = a.statistic != null ? a.statistic : a.extendedStatistic;
            MetricKey key = MetricKey.of(a.namespace, a.metricName, dims(a.dimensions));
            for (StatSeries.Point p : StatSeries.of(store, key, stat, a.period, a.unit, from, t, now)) {
                place(values, p.epochMillis(), p.value(), from, periodMs);
            }
        } else {
            int bandSeries = 0;
            for (QueryResult r : new QueryRunner(store, a.metrics, from, t, now).withInsights(insights).run()) {
                boolean band = r.id().equals(a.thresholdMetricId);
                // ANOMALY_DETECTION_BAND returns the lower series, then the upper one.
                boolean lowerSeries = band && bandSeries++ == 0;
                for (int i = 0; i < r.timestamps().length; i++) {
                    if (lowerSeries) {
                        place(lower, r.timestamps()[i], r.values()[i], from, periodMs);
                    } else if (band) {
                        place(upper, r.timestamps()[i], r.values()[i], from, periodMs);
                    } else if (r.returnData()) {
                        place(values, r.timestamps()[i], r.values()[i], from, periodMs);
                    }
                }
            }
        }
        return decide(a, values, lower, upper, from, periodMs, now);
    }

    private static java.util.Map<String, String> dims(List<Dimension> dimensions) {
        TreeMap<String, String> m = new TreeMap<>();
        dimensions.forEach(d -> m.put(d.name(), d.value()));
        return m;
    }

    private static void place(double[] into, long time, double value, long from, long periodMs) {
        int i = (int) Math.floorDiv(time - from, periodMs);
        if (i >= 0 && i < into.length) {
            into[i] = value;
        }
    }

    private static Evaluation decide(Alarm a, double[] values, double[] lower, double[] upper, long from,
            long periodMs, long now) {
        Comparison op = Comparison.of(a.comparisonOperator);
        int n = values.length;
        int m = a.effectiveDatapointsToAlarm();
        String treat = a.treatMissing();
        int breaching = 0;
        int present = 0;
        List<Integer> shown = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            boolean missing = Double.isNaN(values[i]) || (op.band && Double.isNaN(lower[i]));
            if (missing) {
                breaching += "breaching".equals(treat) ? 1 : 0;
                continue;
            }
            present++;
            shown.add(i);
            double threshold = a.threshold == null ? Double.NaN : a.threshold;
            if (op.breaches(values[i], threshold, lower[i], upper[i])) {
                breaching++;
            }
        }
        String data = reasonData(a, values, shown, from, periodMs, now);
        if (breaching >= m) {
            List<Integer> breached = new ArrayList<>();
            for (int i : shown) {
                if (op.breaches(values[i], a.threshold == null ? Double.NaN : a.threshold, lower[i], upper[i])) {
                    breached.add(i);
                }
            }
            return new Evaluation("ALARM", reason(a, op, values, breached, from, periodMs, true, breaching), data);
        }
        if (present == 0 && !"breaching".equals(treat) && !"notBreaching".equals(treat)) {
            if ("ignore".equals(treat)) {
                return null;
            }
            return new Evaluation("INSUFFICIENT_DATA", "Insufficient Data: " + n
                    + (n == 1 ? " datapoint was unknown." : " datapoints were unknown."), data);
        }
        return new Evaluation("OK", reason(a, op, values, shown, from, periodMs, false, present), data);
    }

    private static String reason(Alarm a, Comparison op, double[] values, List<Integer> shown, long from,
            long periodMs, boolean alarm, int count) {
        StringBuilder points = new StringBuilder();
        for (int i : shown) {
            points.append(points.length() == 0 ? "" : ", ").append(values[i]).append(" (")
                    .append(POINT_TIME.format(Instant.ofEpochMilli(from + i * periodMs))).append(")");
        }
        String threshold = op.band ? "" : " (" + a.threshold + ")";
        String verb = alarm ? "" : "not ";
        if (values.length == 1) {
            return "Threshold Crossed: 1 datapoint [" + points + "] was " + verb + op.words + threshold + ".";
        }
        return String.format(Locale.ROOT, "Threshold Crossed: %d out of the last %d datapoints [%s] %s %s%s%s",
                count, values.length, points, count == 1 ? "was" : "were", verb, op.words, threshold)
                + (alarm ? String.format(Locale.ROOT, " (minimum %d datapoint%s for OK -> ALARM transition)",
                        a.effectiveDatapointsToAlarm(), a.effectiveDatapointsToAlarm() == 1 ? "" : "s") : "") + ".";
    }

    private static String reasonData(Alarm a, double[] values, List<Integer> shown, long from, long periodMs,
            long now) {
        ObjectNode d = Json.object();
        d.put("version", "1.0");
        d.put("queryDate", Json.time(now));
        d.put("startDate", Json.time(from));
        if (a.metrics.isEmpty()) {
            if (a.statistic != null) {
                d.put("statistic", a.statistic);
            } else {
                d.put("extendedStatistic", a.extendedStatistic);
            }
            if (a.unit != null) {
                d.put("unit", a.unit);
            }
        }
        d.put("period", a.evaluationSeconds());
        ArrayNode recent = d.putArray("recentDatapoints");
        ArrayNode evaluated = d.putArray("evaluatedDatapoints");
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                recent.add(values[i]);
            }
        }
        for (int i : shown) {
            ObjectNode p = evaluated.addObject();
            p.put("timestamp", Json.time(from + i * periodMs));
            p.put("value", values[i]);
        }
        if (a.threshold != null) {
            d.put("threshold", a.threshold);
        }
        return Json.write(d);
    }
}
