package io.gureum.cloudwatch;

import io.gureum.cloudwatch.math.Value;
import io.gureum.cloudwatch.metrics.MetricKey;
import io.gureum.cloudwatch.metrics.MetricStore;
import io.gureum.cloudwatch.metrics.StatSeries;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * Gureum's anomaly detection model (AWS does not publish its own): for each timestamp of the metric, the
 * mean and standard deviation of the same statistic at the same period over the two weeks before it; the
 * band is mean ± deviations × standard deviation. With fewer than {@value #MIN_TRAINING} earlier periods of
 * data there is no band at that timestamp (AWS likewise needs training data first).
 */
final class AnomalyBand {
    static final int MIN_TRAINING = 3;
    private static final long TRAINING = 14 * 86_400_000L;

    private AnomalyBand() {
    }

    static Value.Array of(MetricStore store, MetricStat stat, Value.Series metric, double deviations, long now) {
        MetricKey key = Metrics.key(stat.metric().namespace(), stat.metric().metricName(), stat.metric().dimensions());
        long from = metric.size() == 0 ? now - TRAINING : metric.timestamps()[0] - TRAINING;
        List<StatSeries.Point> history = StatSeries.of(store, key, stat.stat(), stat.period(), stat.unitAsString(),
                from, now, now);
        List<Long> t = new ArrayList<>();
        List<Double> lower = new ArrayList<>();
        List<Double> upper = new ArrayList<>();
        for (long at : metric.timestamps()) {
            double n = 0;
            double sum = 0;
            double sq = 0;
            for (StatSeries.Point p : history) {
                if (p.epochMillis() < at && p.epochMillis() >= at - TRAINING) {
                    n++;
                    sum += p.value();
                    sq += p.value() * p.value();
                }
            }
            if (n >= MIN_TRAINING) {
                double mean = sum / n;
                double sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
                t.add(at);
                lower.add(mean - deviations * sd);
                upper.add(mean + deviations * sd);
            }
        }
        long[] ts = t.stream().mapToLong(Long::longValue).toArray();
        String label = metric.label() == null ? "" : metric.label() + " ";
        return new Value.Array(List.of(
                new Value.Series(metric.id(), label + "Lower", ts, lower.stream().mapToDouble(d -> d).toArray()),
                new Value.Series(metric.id(), label + "Upper", ts, upper.stream().mapToDouble(d -> d).toArray())));
    }
}
