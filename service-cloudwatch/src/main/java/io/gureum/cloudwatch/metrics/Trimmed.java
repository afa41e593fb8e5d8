package io.gureum.cloudwatch.metrics;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trimmed statistics of Statistics-definitions (CloudWatch User Guide): trimmed mean {@code TM}, winsorized
 * mean {@code WM}, trimmed count {@code TC}, trimmed sum {@code TS}, percentile rank {@code PR} and {@code IQM}
 * (= TM(25%:75%)). {@code tm90} keeps the lowest 90% of the data points; {@code TM(a%:b%)} drops the lowest a%
 * and the highest (100-b)%; {@code TM(a:b)} keeps the values v with a &lt; v &lt;= b ("the lower bound is not
 * included, the upper bound is"); either bound may be left empty. WM does not drop the values outside the
 * bounds but counts them as the value at the nearest bound. PR(a:b) is the percentage of data points with
 * a &lt; v &lt;= b.
 */
final class Trimmed {
    private static final String NUM = "\\d{1,15}(?:\\.\\d{1,10})?";
    private static final Pattern SHORT = Pattern.compile("(tm|wm|tc|ts)(" + NUM + ")", Pattern.CASE_INSENSITIVE);
    private static final Pattern RANGE = Pattern.compile("(tm|wm|tc|ts|pr)\\((?:(" + NUM + ")(%?))?:(?:(" + NUM
            + ")(%?))?\\)", Pattern.CASE_INSENSITIVE);

    private Trimmed() {
    }

    /** A parsed statistic: the function and its bounds (null when open), each a percentage or a value. */
    record Spec(String function, Double low, boolean lowPercent, Double high, boolean highPercent) {
    }

    static Spec parse(String stat) {
        if (stat.equalsIgnoreCase("IQM")) {
            return new Spec("tm", 25.0, true, 75.0, true);
        }
        Matcher m = SHORT.matcher(stat);
        if (m.matches()) {
            double p = Double.parseDouble(m.group(2));
            return p <= 100 ? new Spec(m.group(1).toLowerCase(Locale.ROOT), null, true, p, true) : null;
        }
        m = RANGE.matcher(stat);
        if (!m.matches() || (m.group(2) == null && m.group(4) == null)) {
            return null;
        }
        String f = m.group(1).toLowerCase(Locale.ROOT);
        Double low = m.group(2) == null ? null : Double.parseDouble(m.group(2));
        Double high = m.group(4) == null ? null : Double.parseDouble(m.group(4));
        boolean lowPct = "%".equals(m.group(3));
        boolean highPct = "%".equals(m.group(5));
        if (f.equals("pr") && (lowPct || highPct)) {
            return null; // percentile rank takes values, not percentages
        }
        if ((lowPct && low > 100) || (highPct && high > 100) || (low != null && high != null && low > high)) {
            return null;
        }
        return new Spec(f, low, lowPct, high, highPct);
    }

    /**
     * The statistic over {@code sorted} (value, count) pairs ascending by value, or null when no data point is
     * kept (no value to average).
     */
    static Double compute(Spec s, List<double[]> sorted) {
        double total = 0;
        for (double[] p : sorted) {
            total += p[1];
        }
        if (s.function().equals("pr")) {
            double in = 0;
            for (double[] p : sorted) {
                if ((s.low() == null || p[0] > s.low()) && (s.high() == null || p[0] <= s.high())) {
                    in += p[1];
                }
            }
            return 100.0 * in / total;
        }
        // Each data point has a rank 1..total; the kept ones are those within the bounds.
        double sum = 0;
        double count = 0;
        double rank = 0;
        Double first = null;
        Double last = null;
        double below = 0;
        double above = 0;
        for (double[] p : sorted) {
            for (int i = 0; i < p[1]; i++) {
                rank++;
                int where = position(s, p[0], rank, total);
                if (where < 0) {
                    below++;
                } else if (where > 0) {
                    above++;
                } else {
                    sum += p[0];
                    count++;
                    if (first == null) {
                        first = p[0];
                    }
                    last = p[0];
                }
            }
        }
        return switch (s.function()) {
            case "tc" -> count;
            case "ts" -> count == 0 ? null : sum;
            case "wm" -> count == 0 ? null : (sum + below * first + above * last) / total;
            default -> count == 0 ? null : sum / count;
        };
    }

    /** -1 below the lower bound, 1 above the upper bound, 0 kept. */
    private static int position(Spec s, double value, double rank, double total) {
        if (s.low() != null) {
            boolean out = s.lowPercent() ? rank <= s.low() / 100.0 * total : value <= s.low();
            if (out) {
                return -1;
            }
        }
        if (s.high() != null) {
            boolean out = s.highPercent() ? rank > s.high() / 100.0 * total : value > s.high();
            if (out) {
                return 1;
            }
        }
        return 0;
    }
}
