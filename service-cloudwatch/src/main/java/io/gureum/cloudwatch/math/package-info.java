/**
 * Metric math (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html): a
 * small parser of the expression language and an evaluator over scalars, time series and arrays of
 * time series. The functions served are listed on {@link io.gureum.cloudwatch.math.Functions}.
 */
package io.gureum.cloudwatch.math;
