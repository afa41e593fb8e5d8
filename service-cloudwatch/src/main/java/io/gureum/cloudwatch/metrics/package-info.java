/**
 * Metric data: the series of each account and region ({@link io.gureum.cloudwatch.metrics.MetricStore}), their
 * roll-up by age as CloudWatch retains them, and the statistics computed over a period.
 */
package io.gureum.cloudwatch.metrics;
