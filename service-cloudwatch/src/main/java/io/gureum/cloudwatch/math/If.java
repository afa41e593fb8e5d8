package io.gureum.cloudwatch.math;

import java.util.ArrayList;
import java.util.List;

/**
 * IF(condition, trueValue[, falseValue]): at each timestamp of the condition, the true value where the
 * condition is non-zero, else the false value; without a false value those timestamps are left out.
 */
final class If {
    private If() {
    }

    static Value apply(List<Value> args) {
        Value cond = Functions.arg(args, 0, "IF");
        Value yes = Functions.arg(args, 1, "IF");
        Value no = args.size() > 2 ? args.get(2) : null;
        if (cond instanceof Value.Scalar c) {
            return c.value() != 0 ? yes : no == null ? new Value.Array(List.of()) : no;
        }
        return Functions.perSeries(cond, s -> series(s, yes, no));
    }

    private static Value.Series series(Value.Series cond, Value yes, Value no) {
        List<Long> t = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < cond.size(); i++) {
            long at = cond.timestamps()[i];
            Value pick = cond.values()[i] != 0 ? yes : no;
            double x = pick == null ? Double.NaN : at(pick, at);
            if (!Double.isNaN(x)) {
                t.add(at);
                v.add(x);
            }
        }
        return cond.withValues(cond.label(), t.stream().mapToLong(Long::longValue).toArray(),
                v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double at(Value v, long t) {
        if (v instanceof Value.Scalar s) {
            return s.value();
        }
        if (v instanceof Value.Series s) {
            for (int i = 0; i < s.size(); i++) {
                if (s.timestamps()[i] == t) {
                    return s.values()[i];
                }
            }
            return Double.NaN;
        }
        throw new MathException("IF expects numbers or time series.");
    }
}
