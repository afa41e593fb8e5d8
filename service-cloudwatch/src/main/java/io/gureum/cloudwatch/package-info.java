/**
 * Amazon CloudWatch (the 2010-08-01 API, over rpcv2Cbor, awsJson 1.0 and query): metrics, metric math and
 * Metrics Insights, alarms evaluated on Gureum's clock with their actions, anomaly detectors, dashboards and
 * tags. Providers per operation group: {@link io.gureum.cloudwatch.Metrics}, {@link io.gureum.cloudwatch.MetricData},
 * {@link io.gureum.cloudwatch.alarms.Alarms}, {@link io.gureum.cloudwatch.Dashboards},
 * {@link io.gureum.cloudwatch.AnomalyDetectors}, {@link io.gureum.cloudwatch.Tags}.
 */
package io.gureum.cloudwatch;
