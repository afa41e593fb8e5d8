package io.gureum.cloudwatch.math;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The metric math functions served (Metric math syntax and functions, CloudWatch User Guide):
 * ABS, ANOMALY_DETECTION_BAND, AVG, CEIL, CONCAT, DATAPOINT_COUNT, the date functions ({@link Dates}), DIFF,
 * DIFF_TIME, FILL (value, REPEAT, LINEAR), FIRST, FLOOR, IF, LAST, LOG, LOG10, MAX, METRICS, MIN, PERIOD, RATE,
 * REMOVE_EMPTY, RUNNING_SUM, INSIGHT_RULE_METRIC (GetMetricData only), SEARCH ({@link Search}), SLICE, SORT, STDDEV, SUM, TIME_SERIES. AVG, MAX, MIN, STDDEV and SUM of one series give a number; of an array, a series
 * with the statistic across the array at each timestamp.
 */
final class Functions {
    private Functions() {
    }

    static Value call(Evaluator ev, String name, List<Expr> argExprs) {
        List<Value> args = new ArrayList<>();
        for (Expr a : argExprs) {
            args.add(ev.eval(a));
        }
        MathContext ctx = ev.context();
        return switch (name) {
            case "ABS" -> Evaluator.map(arg(args, 0, name), Math::abs);
            case "CEIL" -> Evaluator.map(arg(args, 0, name), Math::ceil);
            case "FLOOR" -> Evaluator.map(arg(args, 0, name), Math::floor);
            case "LOG" -> Evaluator.map(arg(args, 0, name), Math::log);
            case "LOG10" -> Evaluator.map(arg(args, 0, name), Math::log10);
            case "AVG" -> reduce(arg(args, 0, name), v -> Arrays.stream(v).average().orElse(Double.NaN));
            case "SUM" -> reduce(arg(args, 0, name), v -> Arrays.stream(v).sum());
            case "MIN" -> reduce(arg(args, 0, name), v -> Arrays.stream(v).min().orElse(Double.NaN));
            case "MAX" -> reduce(arg(args, 0, name), v -> Arrays.stream(v).max().orElse(Double.NaN));
            case "STDDEV" -> reduce(arg(args, 0, name), Functions::stddev);
            case "DATAPOINT_COUNT" -> perSeries(arg(args, 0, name), s -> new Value.Scalar(s.size()));
            case "METRICS" -> metrics(ctx, args);
            case "PERIOD" -> new Value.Scalar(ctx.period());
            case "DIFF" -> perSeries(arg(args, 0, name), s -> difference(s, false, false));
            case "DIFF_TIME" -> perSeries(arg(args, 0, name), s -> difference(s, true, false));
            case "RATE" -> perSeries(arg(args, 0, name), s -> difference(s, false, true));
            case "RUNNING_SUM" -> perSeries(arg(args, 0, name), Functions::runningSum);
            case "FILL" -> perSeries(arg(args, 0, name), s -> Fill.fill(s, arg(args, 1, name), ctx.grid()));
            case "IF" -> If.apply(args);
            case "TIME_SERIES" -> timeSeries(arg(args, 0, name), ctx.grid());
            case "FIRST" -> element(arg(args, 0, name), true);
            case "LAST" -> element(arg(args, 0, name), false);
            case "REMOVE_EMPTY" -> removeEmpty(arg(args, 0, name));
            case "SORT" -> sort(args);
            case "ANOMALY_DETECTION_BAND" -> band(ctx, args);
            case "SLICE" -> ArrayFunctions.slice(args);
            case "CONCAT" -> ArrayFunctions.concat(args);
            case "SEARCH" -> Search.apply(ctx, args);
            case "INSIGHT_RULE_METRIC" -> insightRuleMetric(ctx, args);
            case "MINUTE", "HOUR", "DAY", "DATE", "MONTH", "YEAR", "EPOCH" -> Dates.apply(name, arg(args, 0, name));
            default -> throw new MathException("Unsupported function " + name + ".");
        };
    }

    /** INSIGHT_RULE_METRIC(ruleName, metricName), both in quotes, at the expression's period. */
    private static Value insightRuleMetric(MathContext ctx, List<Value> args) {
        if (args.size() != 2 || !(args.get(0) instanceof Value.Text rule)
                || !(args.get(1) instanceof Value.Text metric)) {
            throw new MathException("INSIGHT_RULE_METRIC expects a rule name and a metric name in quotes.");
        }
        return ctx.insightRuleMetric(rule.text(), metric.text(), ctx.period());
    }

    static Value arg(List<Value> args, int i, String function) {
        if (i >= args.size()) {
            throw new MathException("Function " + function + " requires at least " + (i + 1) + " argument(s).");
        }
        return args.get(i);
    }

    private static double stddev(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double mean = Arrays.stream(v).average().orElse(0);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length);
    }

    private static Value reduce(Value v, ToDoubleFunction<double[]> f) {
        if (v instanceof Value.Scalar s) {
            return s;
        }
        if (v instanceof Value.Series s) {
            return new Value.Scalar(f.applyAsDouble(s.values()));
        }
        if (v instanceof Value.Array a) {
            return across(a, f);
        }
        throw new MathException("A string cannot be used as a number: " + ((Value.Text) v).text());
    }

    /** The statistic across an array's series at each timestamp any of them has. */
    private static Value.Series across(Value.Array a, ToDoubleFunction<double[]> f) {
        TreeMap<Long, List<Double>> byTime = new TreeMap<>();
        for (Value.Series s : a.series()) {
            for (int i = 0; i < s.size(); i++) {
                byTime.computeIfAbsent(s.timestamps()[i], t -> new ArrayList<>()).add(s.values()[i]);
            }
        }
        long[] t = byTime.keySet().stream().mapToLong(Long::longValue).toArray();
        double[] out = byTime.values().stream()
                .mapToDouble(l -> f.applyAsDouble(l.stream().mapToDouble(Double::doubleValue).toArray())).toArray();
        return new Value.Series(null, null, t, out);
    }

    static Value perSeries(Value v, java.util.function.Function<Value.Series, Value> f) {
        if (v instanceof Value.Series s) {
            return f.apply(s);
        }
        if (v instanceof Value.Array a) {
            return new Value.Array(a.series().stream().map(s -> (Value.Series) f.apply(s)).toList());
        }
        throw new MathException("The function expects a time series.");
    }

    private static Value metrics(MathContext ctx, List<Value> args) {
        String filter = args.isEmpty() ? null : args.get(0) instanceof Value.Text t ? t.text() : null;
        List<Value.Series> out = new ArrayList<>();
        for (Value.Series s : ctx.metrics()) {
            if (filter == null || (s.id() != null && s.id().contains(filter))
                    || (s.label() != null && s.label().contains(filter))) {
                out.add(s);
            }
        }
        return new Value.Array(out);
    }

    private static Value.Series difference(Value.Series s, boolean time, boolean rate) {
        int n = Math.max(0, s.size() - 1);
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 1; i < s.size(); i++) {
            double seconds = (s.timestamps()[i] - s.timestamps()[i - 1]) / 1000.0;
            double dv = s.values()[i] - s.values()[i - 1];
            t[i - 1] = s.timestamps()[i];
            v[i - 1] = time ? seconds : rate ? dv / seconds : dv;
        }
        return s.withValues(s.label(), t, v);
    }

    private static Value.Series runningSum(Value.Series s) {
        double[] v = new double[s.size()];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            sum += s.values()[i];
            v[i] = sum;
        }
        return s.withValues(s.label(), s.timestamps(), v);
    }

    private static Value timeSeries(Value v, long[] grid) {
        if (v instanceof Value.Scalar s) {
            double[] out = new double[grid.length];
            Arrays.fill(out, s.value());
            return new Value.Series(null, null, grid, out);
        }
        return v;
    }

    private static Value element(Value v, boolean first) {
        if (v instanceof Value.Array a) {
            if (a.series().isEmpty()) {
                return a;
            }
            return first ? a.series().get(0) : a.series().get(a.series().size() - 1);
        }
        return v;
    }

    private static Value removeEmpty(Value v) {
        if (v instanceof Value.Array a) {
            return new Value.Array(a.series().stream().filter(s -> s.size() > 0).toList());
        }
        return v;
    }

    /** SORT(array, FUNCTION, ASC|DESC[, limit]). */
    private static Value sort(List<Value> args) {
        if (!(arg(args, 0, "SORT") instanceof Value.Array a)) {
            return args.get(0);
        }
        String by = arg(args, 1, "SORT") instanceof Value.Text t ? t.text() : "AVG";
        boolean desc = args.size() > 2 && args.get(2) instanceof Value.Text t && "DESC".equals(t.text());
        ToDoubleFunction<Value.Series> key = s -> switch (by.toUpperCase(Locale.ROOT)) {
            case "SUM" -> Arrays.stream(s.values()).sum();
            case "MIN" -> Arrays.stream(s.values()).min().orElse(Double.NaN);
            case "MAX" -> Arrays.stream(s.values()).max().orElse(Double.NaN);
            default -> Arrays.stream(s.values()).average().orElse(Double.NaN);
        };
        List<Value.Series> sorted = new ArrayList<>(a.series());
        Comparator<Value.Series> order = Comparator.comparingDouble(key);
        sorted.sort(desc ? order.reversed() : order);
        if (args.size() > 3 && args.get(3) instanceof Value.Scalar limit) {
            sorted = sorted.subList(0, Math.min(sorted.size(), (int) limit.value()));
        }
        return new Value.Array(sorted);
    }

    private static Value band(MathContext ctx, List<Value> args) {
        Value metric = arg(args, 0, "ANOMALY_DETECTION_BAND");
        double deviations = args.size() > 1 && args.get(1) instanceof Value.Scalar s ? s.value() : 2;
        if (!(metric instanceof Value.Series series)) {
            throw new MathException("ANOMALY_DETECTION_BAND expects a single metric.");
        }
        return ctx.anomalyBand(series, deviations);
    }
}
