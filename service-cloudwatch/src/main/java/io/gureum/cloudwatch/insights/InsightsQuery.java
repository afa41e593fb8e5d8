package io.gureum.cloudwatch.insights;

import io.gureum.cloudwatch.math.MathException;
import io.gureum.cloudwatch.math.Value;
import io.gureum.cloudwatch.metrics.MetricKey;
import io.gureum.cloudwatch.metrics.MetricStore;
import io.gureum.cloudwatch.metrics.StatSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A parsed Metrics Insights query (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-metrics-insights-querylanguage.html):
 * {@code SELECT AVG|COUNT|MAX|MIN|SUM(metric) FROM namespace | SCHEMA(namespace[, dimension…])
 * [WHERE dim = 'v' | dim != 'v' [AND|OR …]] [GROUP BY dim, …] [ORDER BY FUNC() [ASC|DESC]] [LIMIT n]}.
 * SCHEMA selects only metrics with exactly the listed dimensions; a bare namespace, every metric in it.
 * Each group's series is the function over all the group's data points in each period. Only the last
 * three hours are queried, as AWS does.
 */
public final class InsightsQuery {
    private static final long WINDOW = 3 * 3_600_000L;

    private final String function;
    private final String metric;
    private final String namespace;
    private final Set<String> schema;
    private final Predicate<Map<String, String>> where;
    private final List<String> groupBy;
    private final String orderFunction;
    private final boolean descending;
    private final int limit;

    private InsightsQuery(String function, String metric, String namespace, Set<String> schema,
            Predicate<Map<String, String>> where, List<String> groupBy, String orderFunction, boolean descending,
            int limit) {
        this.function = function;
        this.metric = metric;
        this.namespace = namespace;
        this.schema = schema;
        this.where = where;
        this.groupBy = groupBy;
        this.orderFunction = orderFunction;
        this.descending = descending;
        this.limit = limit;
    }

    public static InsightsQuery parse(String text) {
        Tokens t = new Tokens(text);
        t.expect("SELECT");
        String function = statistic(t.name());
        t.expect("(");
        String metric = t.accept("*") ? null : t.name();
        t.expect(")");
        t.expect("FROM");
        String namespace;
        Set<String> schema = null;
        if (t.accept("SCHEMA")) {
            t.expect("(");
            namespace = t.name();
            schema = new TreeSet<>();
            while (t.accept(",")) {
                schema.add(t.name());
            }
            t.expect(")");
        } else {
            namespace = t.name();
        }
        Predicate<Map<String, String>> where = d -> true;
        if (t.accept("WHERE")) {
            where = Where.parse(t);
        }
        List<String> groupBy = new ArrayList<>();
        if (t.accept("GROUP")) {
            t.expect("BY");
            do {
                groupBy.add(t.name());
            } while (t.accept(","));
        }
        String order = null;
        boolean desc = false;
        if (t.accept("ORDER")) {
            t.expect("BY");
            order = statistic(t.name());
            t.expect("(");
            t.expect(")");
            desc = t.accept("DESC");
            if (!desc) {
                t.accept("ASC");
            }
        }
        int limit = Integer.MAX_VALUE;
        if (t.accept("LIMIT")) {
            limit = Integer.parseInt(t.next().text());
        }
        if (!t.done()) {
            throw new MathException("Unexpected '" + t.peek().text() + "' in the query.");
        }
        return new InsightsQuery(function, metric, namespace, schema, where, groupBy, order, desc, limit);
    }

    private static String statistic(String function) {
        return switch (function.toUpperCase(Locale.ROOT)) {
            case "AVG" -> "Average";
            case "COUNT" -> "SampleCount";
            case "MAX" -> "Maximum";
            case "MIN" -> "Minimum";
            case "SUM" -> "Sum";
            default -> throw new MathException("Unsupported function " + function + " in the query.");
        };
    }

    /** The query's series over the range (cut to the last three hours), one per group. */
    public Value.Array run(MetricStore store, int period, long start, long end, long now) {
        long from = Math.max(start, now - WINDOW);
        List<MetricKey> keys = store.list(k -> k.namespace().equals(namespace)
                && (metric == null || k.name().equals(metric))
                && (schema == null || k.dimensions().keySet().equals(schema))
                && where.test(k.dimensions()), now - WINDOW);
        Map<List<String>, List<MetricKey>> groups = new LinkedHashMap<>();
        for (MetricKey k : keys) {
            List<String> group = new ArrayList<>();
            boolean complete = true;
            for (String dim : groupBy) {
                String v = k.dimensions().get(dim);
                complete &= v != null;
                group.add(v);
            }
            if (complete) {
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(k);
            }
        }
        List<Value.Series> out = new ArrayList<>();
        groups.forEach((group, members) -> {
            List<StatSeries.Point> points = StatSeries.ofMany(store, members, function, period, null, from, end, now);
            String label = groupBy.isEmpty() ? (metric == null ? namespace : metric) : String.join(" ", group);
            out.add(new Value.Series(null, label, points.stream().mapToLong(StatSeries.Point::epochMillis).toArray(),
                    points.stream().mapToDouble(StatSeries.Point::value).toArray()));
        });
        if (orderFunction != null) {
            Comparator<Value.Series> order = Comparator.comparingDouble(s -> over(s.values(), orderFunction));
            out.sort(descending ? order.reversed() : order);
        }
        return new Value.Array(out.subList(0, Math.min(out.size(), limit)));
    }

    private static double over(double[] values, String stat) {
        return switch (stat) {
            case "Maximum" -> Arrays.stream(values).max().orElse(Double.NEGATIVE_INFINITY);
            case "Minimum" -> Arrays.stream(values).min().orElse(Double.POSITIVE_INFINITY);
            case "Sum", "SampleCount" -> Arrays.stream(values).sum();
            default -> Arrays.stream(values).average().orElse(0);
        };
    }
}
