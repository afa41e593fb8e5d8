package io.gureum.cloudwatch.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistics of a set of data points (one period of a metric): SampleCount, Sum, Average, Minimum,
 * Maximum, the percentiles {@code pNN} and the trimmed statistics ({@link Trimmed}), which need every point's
 * raw values and no negative value (API_GetMetricStatistics).
 */
public final class Aggregate {
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(\\.\\d{1,10})?|100(\\.0{1,10})?)");

    private double sampleCount;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final List<double[]> values = new ArrayList<>();
    private final List<double[]> counts = new ArrayList<>();
    private boolean valuesKnown = true;
    private String unit;

    public static Aggregate of(List<DataPoint> points) {
        Aggregate a = new Aggregate();
        points.forEach(a::add);
        return a;
    }

    public void add(DataPoint p) {
        sampleCount += p.sampleCount();
        sum += p.sum();
        min = Math.min(min, p.min());
        max = Math.max(max, p.max());
        if (p.values() == null) {
            valuesKnown = false;
        } else {
            values.add(p.values());
            counts.add(p.counts());
        }
        if (unit == null) {
            unit = p.unit();
        }
    }

    public boolean isEmpty() {
        return sampleCount == 0;
    }

    public String unit() {
        return unit == null ? "None" : unit;
    }

    public double sampleCount() {
        return sampleCount;
    }

    public double sum() {
        return sum;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** A point with these statistics and values, at {@code epochMillis}, of {@code resolution}. */
    public DataPoint toPoint(long epochMillis, int resolution) {
        double[] v = null;
        double[] c = null;
        if (valuesKnown) {
            v = values.stream().flatMapToDouble(Arrays::stream).toArray();
            c = counts.stream().flatMapToDouble(Arrays::stream).toArray();
        }
        return new DataPoint(epochMillis, sampleCount, sum, min, max, v, c, unit, resolution);
    }

    /** Whether {@code stat} is a statistic this class computes (the five, or a percentile pNN). */
    public static boolean isKnown(String stat) {
        return switch (stat) {
            case "SampleCount", "Sum", "Average", "Minimum", "Maximum" -> true;
            default -> isPercentile(stat);
        };
    }

    /**
     * Whether {@code stat} is accepted where a percentile is (ExtendedStatistics, MetricStat.Stat): pNN or one of
     * the trimmed statistics ({@link Trimmed}).
     */
    public static boolean isPercentile(String stat) {
        return PERCENTILE.matcher(stat).matches() || Trimmed.parse(stat) != null;
    }

    /** The statistic, or null when it cannot be computed (no data, or a percentile without raw values). */
    public Double get(String stat) {
        if (isEmpty()) {
            return null;
        }
        return switch (stat) {
            case "SampleCount" -> sampleCount;
            case "Sum" -> sum;
            case "Average" -> sum / sampleCount;
            case "Minimum" -> min;
            case "Maximum" -> max;
            default -> percentile(stat.toLowerCase(Locale.ROOT));
        };
    }

    private Double percentile(String stat) {
        if (!valuesKnown || min < 0) {
            return null;
        }
        Matcher m = PERCENTILE.matcher(stat);
        if (!m.matches()) {
            Trimmed.Spec spec = Trimmed.parse(stat);
            return spec == null ? null : Trimmed.compute(spec, sortedPairs());
        }
        double p = Double.parseDouble(m.group(1));
        List<double[]> pairs = sortedPairs();
        double total = 0;
        for (double[] pair : pairs) {
            total += pair[1];
        }
        // Nearest rank: the smallest value with at least p% of the samples at or below it.
        double rank = Math.max(1, Math.ceil(p / 100.0 * total));
        double seen = 0;
        for (double[] pair : pairs) {
            seen += pair[1];
            if (seen >= rank) {
                return pair[0];
            }
        }
        return pairs.get(pairs.size() - 1)[0];
    }

    /** The distinct values with their counts, ascending by value. */
    private List<double[]> sortedPairs() {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            for (int j = 0; j < values.get(i).length; j++) {
                pairs.add(new double[] {values.get(i)[j], counts.get(i)[j]});
            }
        }
        pairs.sort((a, b) -> Double.compare(a[0], b[0]));
        return pairs;
    }
}
