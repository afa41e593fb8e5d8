/**
 * Metrics Insights queries in GetMetricData and alarms: {@code SELECT FUNC(metric) FROM namespace|SCHEMA(...)
 * [WHERE ...] [GROUP BY ...] [ORDER BY FUNC() ASC|DESC] [LIMIT n]}.
 */
package io.gureum.cloudwatch.insights;
