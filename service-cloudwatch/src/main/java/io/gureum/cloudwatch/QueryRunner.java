package io.gureum.cloudwatch;

import io.gureum.cloudwatch.insights.InsightsQuery;
import io.gureum.cloudwatch.math.Evaluator;
import io.gureum.cloudwatch.math.MathContext;
import io.gureum.cloudwatch.math.MathException;
import io.gureum.cloudwatch.math.SearchQuery;
import io.gureum.cloudwatch.math.Value;
import io.gureum.cloudwatch.metrics.Aggregate;
import io.gureum.cloudwatch.metrics.MetricKey;
import io.gureum.cloudwatch.metrics.MetricStore;
import io.gureum.cloudwatch.metrics.Periods;
import io.gureum.cloudwatch.metrics.StatSeries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * Runs the MetricDataQueries of GetMetricData and of math alarms over a time range: each MetricStat as the
 * statistic per period, each expression as metric math (or a Metrics Insights query when it starts with
 * SELECT) over the other queries' results. Checks the queries as AWS does first.
 */
public final class QueryRunner {
    private static final int MAX_SEARCH_RESULTS = 500;

    private final MetricStore store;
    private final long start;
    private final long end;
    private final long now;
    private final Map<String, MetricDataQuery> byId = new LinkedHashMap<>();
    private final Map<String, Value> done = new HashMap<>();
    private final Set<String> running = new HashSet<>();
    private final int gridPeriod;
    /** INSIGHT_RULE_METRIC's source: the caller's Contributor Insights rules (GetMetricData only). */
    private InsightMetrics insights;

    /** A Contributor Insights rule's metric per period over a range, as a series. */
    public interface InsightMetrics {
        Value.Series metric(String rule, String metric, int period, long start, long end);
    }

    /** Lets expressions use INSIGHT_RULE_METRIC with these rules. */
    public QueryRunner withInsights(InsightMetrics source) {
        this.insights = source;
        return this;
    }

    public QueryRunner(MetricStore store, List<MetricDataQuery> queries, long start, long end, long now) {
        this.store = store;
        this.start = start;
        this.end = end;
        this.now = now;
        int smallest = Integer.MAX_VALUE;
        for (int i = 0; i < queries.size(); i++) {
            MetricDataQuery q = queries.get(i);
            String at = "MetricDataQueries.member." + (i + 1) + ".";
            check(q, at);
            if (byId.put(q.id(), q) != null) {
                throw CloudWatchErrors.validation("The values for parameter id in MetricDataQueries are not unique.");
            }
            Integer p = q.metricStat() != null ? q.metricStat().period() : q.period();
            if (p != null) {
                smallest = Math.min(smallest, p);
            }
        }
        this.gridPeriod = smallest == Integer.MAX_VALUE ? 60 : smallest;
    }

    private static void check(MetricDataQuery q, String at) {
        boolean stat = q.metricStat() != null;
        boolean expr = q.expression() != null;
        if (stat == expr) {
            throw CloudWatchErrors.validation("Exactly one of " + at + "MetricStat and " + at
                    + "Expression must be specified.");
        }
        if (stat) {
            MetricStat s = q.metricStat();
            if (!Aggregate.isKnown(s.stat())) {
                throw CloudWatchErrors.validation("The value for parameter " + at
                        + "MetricStat.Stat is not a valid statistic.");
            }
            if (!Periods.validQueryPeriod(s.period())) {
                throw CloudWatchErrors.validation("The value for parameter " + at
                        + "MetricStat.Period must be 1, 5, 10, 20, 30, or a multiple of 60.");
            }
        } else if (q.period() != null && !Periods.validQueryPeriod(q.period())) {
            throw CloudWatchErrors.validation("The value for parameter " + at
                    + "Period must be 1, 5, 10, 20, 30, or a multiple of 60.");
        }
    }

    /** Every query's results in request order. */
    public List<QueryResult> run() {
        List<QueryResult> out = new ArrayList<>();
        for (MetricDataQuery q : byId.values()) {
            boolean returns = q.returnData() == null || q.returnData();
            Value v = value(q.id());
            for (Value.Series s : asSeries(v)) {
                String label = q.label() != null ? q.label() : s.label() != null ? s.label() : q.id();
                out.add(new QueryResult(q.id(), label, s.timestamps(), s.values(), returns));
            }
        }
        return out;
    }

    private List<Value.Series> asSeries(Value v) {
        if (v instanceof Value.Series s) {
            return List.of(s);
        }
        if (v instanceof Value.Array a) {
            return a.series();
        }
        if (v instanceof Value.Scalar s) {
            long[] grid = grid();
            double[] values = new double[grid.length];
            java.util.Arrays.fill(values, s.value());
            return List.of(new Value.Series(null, null, grid, values));
        }
        throw CloudWatchErrors.validation("The expression result is not a time series: " + ((Value.Text) v).text());
    }

    Value value(String id) {
        Value v = done.get(id);
        if (v != null) {
            return v;
        }
        MetricDataQuery q = byId.get(id);
        if (q == null) {
            throw new MathException("Unknown metric or expression id " + id + ".");
        }
        if (!running.add(id)) {
            throw CloudWatchErrors.validation("Circular dependency on the metric data query " + id + ".");
        }
        try {
            v = q.metricStat() != null ? metricStat(q) : expression(q);
        } finally {
            running.remove(id);
        }
        done.put(id, v);
        return v;
    }

    private Value.Series metricStat(MetricDataQuery q) {
        MetricStat s = q.metricStat();
        MetricKey key = Metrics.key(s.metric().namespace(), s.metric().metricName(), s.metric().dimensions());
        List<StatSeries.Point> points = StatSeries.of(store, key, s.stat(), s.period(), s.unitAsString(), start, end,
                now);
        return new Value.Series(q.id(), key.name(), points.stream().mapToLong(StatSeries.Point::epochMillis).toArray(),
                points.stream().mapToDouble(StatSeries.Point::value).toArray());
    }

    private Value expression(MetricDataQuery q) {
        String text = q.expression().trim();
        try {
            if (text.regionMatches(true, 0, "SELECT", 0, 6)) {
                int period = q.period() == null ? gridPeriod : q.period();
                return InsightsQuery.parse(text).run(store, period, start, end, now);
            }
            return new Evaluator(context(q)).evaluate(text);
        } catch (MathException e) {
            throw CloudWatchErrors.validation("Error in expression " + q.id() + ": " + e.getMessage());
        }
    }

    /**
     * SEARCH over the caller's metrics: each match's statistic per period, labelled with its metric name and
     * dimension values. "It can return up to 500 time series" (using-search-expressions).
     */
    private Value.Array search(SearchQuery query, String stat, int period) {
        if (!Aggregate.isKnown(stat)) {
            throw new MathException("The statistic " + stat + " of SEARCH is not a valid statistic.");
        }
        if (!Periods.validQueryPeriod(period)) {
            throw new MathException("The period of SEARCH must be 1, 5, 10, 20, 30, or a multiple of 60.");
        }
        List<MetricKey> keys = store.list(
                k -> query.matches(new SearchQuery.Candidate(k.namespace(), k.name(), k.dimensions())), 0);
        List<Value.Series> out = new ArrayList<>();
        for (MetricKey key : keys.subList(0, Math.min(keys.size(), MAX_SEARCH_RESULTS))) {
            List<StatSeries.Point> points = StatSeries.of(store, key, stat, period, null, start, end, now);
            StringBuilder label = new StringBuilder(key.name());
            key.dimensions().values().forEach(v -> label.append(' ').append(v));
            out.add(new Value.Series(null, label.toString(),
                    points.stream().mapToLong(StatSeries.Point::epochMillis).toArray(),
                    points.stream().mapToDouble(StatSeries.Point::value).toArray()));
        }
        return new Value.Array(out);
    }

    long[] grid() {
        long rounded = Periods.roundStart(start, gridPeriod, now);
        return Periods.starts(rounded, end, gridPeriod).stream().mapToLong(Long::longValue).toArray();
    }

    private MathContext context(MetricDataQuery q) {
        QueryRunner runner = this;
        return new MathContext() {
            @Override
            public Value value(String id) {
                return runner.value(id);
            }

            @Override
            public List<Value.Series> metrics() {
                List<Value.Series> out = new ArrayList<>();
                for (MetricDataQuery other : byId.values()) {
                    if (other.metricStat() != null) {
                        Value.Series s = (Value.Series) runner.value(other.id());
                        out.add(other.label() == null ? s : s.withValues(other.label(), s.timestamps(), s.values()));
                    }
                }
                return out;
            }

            @Override
            public long[] grid() {
                return runner.grid();
            }

            @Override
            public int period() {
                return q.period() == null ? gridPeriod : q.period();
            }

            @Override
            public Value.Array anomalyBand(Value.Series metric, double deviations) {
                MetricDataQuery source = metric.id() == null ? null : byId.get(metric.id());
                if (source == null || source.metricStat() == null) {
                    throw new MathException("ANOMALY_DETECTION_BAND expects the id of a metric.");
                }
                return AnomalyBand.of(store, source.metricStat(), metric, deviations, now);
            }

            @Override
            public Value.Array search(SearchQuery query, String stat, int period) {
                return runner.search(query, stat, period);
            }

            @Override
            public Value.Series insightRuleMetric(String rule, String metric, int period) {
                if (insights == null) {
                    throw new MathException("INSIGHT_RULE_METRIC is not available here.");
                }
                return insights.metric(rule, metric, period, start, end);
            }
        };
    }
}
