package io.gureum.cloudwatch.math;

import java.util.HashMap;
import java.util.Map;

/** FILL(series, value | REPEAT | LINEAR): a value at every period of the request's range. */
final class Fill {
    private Fill() {
    }

    static Value.Series fill(Value.Series s, Value how, long[] grid) {
        Map<Long, Double> known = new HashMap<>();
        for (int i = 0; i < s.size(); i++) {
            known.put(s.timestamps()[i], s.values()[i]);
        }
        double[] out = new double[grid.length];
        String mode = how instanceof Value.Text t ? t.text() : null;
        for (int i = 0; i < grid.length; i++) {
            Double v = known.get(grid[i]);
            if (v != null) {
                out[i] = v;
            } else if (how instanceof Value.Scalar c) {
                out[i] = c.value();
            } else if (how instanceof Value.Series other) {
                out[i] = valueAt(other, grid[i]);
            } else if ("REPEAT".equals(mode)) {
                out[i] = previous(s, grid[i]);
            } else if ("LINEAR".equals(mode)) {
                out[i] = linear(s, grid[i]);
            } else {
                throw new MathException("FILL expects a number, a time series, REPEAT or LINEAR.");
            }
        }
        // Periods FILL cannot fill (REPEAT before the first value, LINEAR outside the data) stay empty.
        int n = 0;
        for (double v : out) {
            n += Double.isNaN(v) ? 0 : 1;
        }
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0, j = 0; i < grid.length; i++) {
            if (!Double.isNaN(out[i])) {
                t[j] = grid[i];
                v[j++] = out[i];
            }
        }
        return s.withValues(s.label(), t, v);
    }

    private static double valueAt(Value.Series s, long t) {
        for (int i = 0; i < s.size(); i++) {
            if (s.timestamps()[i] == t) {
                return s.values()[i];
            }
        }
        return Double.NaN;
    }

    private static double previous(Value.Series s, long t) {
        double v = Double.NaN;
        for (int i = 0; i < s.size() && s.timestamps()[i] <= t; i++) {
            v = s.values()[i];
        }
        return v;
    }

    private static double linear(Value.Series s, long t) {
        for (int i = 1; i < s.size(); i++) {
            long t0 = s.timestamps()[i - 1];
            long t1 = s.timestamps()[i];
            if (t0 < t && t < t1) {
                double f = (double) (t - t0) / (t1 - t0);
                return s.values()[i - 1] + f * (s.values()[i] - s.values()[i - 1]);
            }
        }
        return Double.NaN;
    }
}
