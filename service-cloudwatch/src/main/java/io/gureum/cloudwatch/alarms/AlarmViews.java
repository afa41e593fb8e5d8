package io.gureum.cloudwatch.alarms;

import java.time.Instant;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/** An alarm as DescribeAlarms returns it. */
final class AlarmViews {
    private AlarmViews() {
    }

    static MetricAlarm metric(Alarm a) {
        MetricAlarm.Builder b = MetricAlarm.builder().alarmName(a.name).alarmArn(a.arn).alarmDescription(a.description)
                .alarmConfigurationUpdatedTimestamp(Instant.ofEpochMilli(a.configurationUpdated))
                .actionsEnabled(a.actionsEnabled).okActions(a.okActions).alarmActions(a.alarmActions)
                .insufficientDataActions(a.insufficientDataActions).stateValue(a.stateValue)
                .stateReason(a.stateReason).stateReasonData(a.stateReasonData)
                .stateUpdatedTimestamp(Instant.ofEpochMilli(a.stateUpdated))
                .stateTransitionedTimestamp(Instant.ofEpochMilli(a.stateTransitioned))
                .evaluationPeriods(a.evaluationPeriods).datapointsToAlarm(a.datapointsToAlarm).threshold(a.threshold)
                .comparisonOperator(a.comparisonOperator).treatMissingData(a.treatMissingData)
                .evaluateLowSampleCountPercentile(a.evaluateLowSampleCountPercentile)
                .thresholdMetricId(a.thresholdMetricId);
        if (a.metrics.isEmpty()) {
            b.metricName(a.metricName).namespace(a.namespace).statistic(a.statistic)
                    .extendedStatistic(a.extendedStatistic).dimensions(a.dimensions).period(a.period).unit(a.unit);
        } else {
            b.metrics(a.metrics);
        }
        return b.build();
    }

    static CompositeAlarm composite(Alarm a) {
        return CompositeAlarm.builder().alarmName(a.name).alarmArn(a.arn).alarmDescription(a.description)
                .alarmRule(a.alarmRule).alarmConfigurationUpdatedTimestamp(Instant.ofEpochMilli(a.configurationUpdated))
                .actionsEnabled(a.actionsEnabled).okActions(a.okActions).alarmActions(a.alarmActions)
                .insufficientDataActions(a.insufficientDataActions).stateValue(a.stateValue)
                .stateReason(a.stateReason).stateReasonData(a.stateReasonData)
                .stateUpdatedTimestamp(Instant.ofEpochMilli(a.stateUpdated))
                .stateTransitionedTimestamp(Instant.ofEpochMilli(a.stateTransitioned))
                .actionsSuppressor(a.actionsSuppressor).actionsSuppressorWaitPeriod(a.actionsSuppressorWaitPeriod)
                .actionsSuppressorExtensionPeriod(a.actionsSuppressorExtensionPeriod).build();
    }
}
