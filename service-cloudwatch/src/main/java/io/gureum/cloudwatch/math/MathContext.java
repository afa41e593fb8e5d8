package io.gureum.cloudwatch.math;

import java.util.List;

/** What an expression can see: the other queries' results and the request's time grid. */
public interface MathContext {

    /** The value of query {@code id}; {@link MathException} when there is none. */
    Value value(String id);

    /** Every MetricStat query's series, in request order (METRICS()). */
    List<Value.Series> metrics();

    /** The period start times of the request's range, for FILL and TIME_SERIES. */
    long[] grid();

    /** The period in seconds of the expression (PERIOD()). */
    int period();

    /**
     * The expected band of the metric query {@code id}: lower and upper series over its timestamps, {@code
     * deviations} standard deviations wide (ANOMALY_DETECTION_BAND).
     */
    Value.Array anomalyBand(Value.Series metric, double deviations);

    /**
     * SEARCH: the statistic per period of every metric of the caller's account and region that {@code query}
     * matches, one series each.
     */
    default Value.Array search(SearchQuery query, String stat, int period) {
        throw new MathException("SEARCH is not available here.");
    }

    /**
     * INSIGHT_RULE_METRIC: the Contributor Insights rule's metric (UniqueContributors, MaxContributorValue,
     * SampleCount, Sum, Minimum, Maximum, Average) per period over the range.
     */
    default Value.Series insightRuleMetric(String rule, String metric, int period) {
        throw new MathException("INSIGHT_RULE_METRIC is not available here.");
    }
}
