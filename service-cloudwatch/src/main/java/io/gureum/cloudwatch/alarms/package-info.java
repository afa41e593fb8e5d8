/**
 * Metric and composite alarms: their definitions and history ({@link io.gureum.cloudwatch.alarms.AlarmBook}),
 * evaluation at each period boundary of Gureum's clock ({@link io.gureum.cloudwatch.alarms.AlarmClock},
 * {@link io.gureum.cloudwatch.alarms.MetricEvaluator}, {@link io.gureum.cloudwatch.alarms.AlarmRule}), and what a
 * state change does: history, the EventBridge event and the actions ({@link io.gureum.cloudwatch.alarms.ActionRunner}).
 */
package io.gureum.cloudwatch.alarms;
