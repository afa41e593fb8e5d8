package io.gureum.cloudwatch.alarms;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.persist.SdkJson;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * An alarm as {@code --data-dir} keeps it: its definition, its state with reason and times (epoch ms on the core
 * clock), and its tags. Dimensions and metric queries are the SDK's objects, written with their members.
 */
record AlarmValue(String name, String arn, boolean composite, String description, boolean actionsEnabled,
        List<String> okActions, List<String> alarmActions, List<String> insufficientDataActions,
        long configurationUpdated, String namespace, String metricName, List<JsonNode> dimensions, String statistic,
        String extendedStatistic, Integer period, String unit, int evaluationPeriods, Integer datapointsToAlarm,
        Double threshold, String comparisonOperator, String treatMissingData, String evaluateLowSampleCountPercentile,
        List<JsonNode> metrics, String thresholdMetricId, String alarmRule, String actionsSuppressor,
        Integer actionsSuppressorWaitPeriod, Integer actionsSuppressorExtensionPeriod, String stateValue,
        String stateReason, String stateReasonData, long stateUpdated, long stateTransitioned,
        Map<String, String> tags) {

    static AlarmValue of(Alarm a) {
        return new AlarmValue(a.name, a.arn, a.composite, a.description, a.actionsEnabled, a.okActions, a.alarmActions,
                a.insufficientDataActions, a.configurationUpdated, a.namespace, a.metricName,
                a.dimensions.stream().map(SdkJson::toJson).toList(), a.statistic, a.extendedStatistic, a.period, a.unit,
                a.evaluationPeriods, a.datapointsToAlarm, a.threshold, a.comparisonOperator, a.treatMissingData,
                a.evaluateLowSampleCountPercentile, a.metrics.stream().map(SdkJson::toJson).toList(),
                a.thresholdMetricId, a.alarmRule, a.actionsSuppressor, a.actionsSuppressorWaitPeriod,
                a.actionsSuppressorExtensionPeriod, a.stateValue, a.stateReason, a.stateReasonData, a.stateUpdated,
                a.stateTransitioned, new java.util.LinkedHashMap<>(a.tags));
    }

    Alarm toAlarm() {
        Alarm a = new Alarm(name, arn, composite);
        a.description = description;
        a.actionsEnabled = actionsEnabled;
        a.okActions = List.copyOf(okActions);
        a.alarmActions = List.copyOf(alarmActions);
        a.insufficientDataActions = List.copyOf(insufficientDataActions);
        a.configurationUpdated = configurationUpdated;
        a.namespace = namespace;
        a.metricName = metricName;
        a.dimensions = dimensions.stream().map(d -> SdkJson.fromJson(d, Dimension.class)).toList();
        a.statistic = statistic;
        a.extendedStatistic = extendedStatistic;
        a.period = period;
        a.unit = unit;
        a.evaluationPeriods = evaluationPeriods;
        a.datapointsToAlarm = datapointsToAlarm;
        a.threshold = threshold;
        a.comparisonOperator = comparisonOperator;
        a.treatMissingData = treatMissingData;
        a.evaluateLowSampleCountPercentile = evaluateLowSampleCountPercentile;
        a.metrics = metrics.stream().map(m -> SdkJson.fromJson(m, MetricDataQuery.class)).toList();
        a.thresholdMetricId = thresholdMetricId;
        a.alarmRule = alarmRule;
        a.actionsSuppressor = actionsSuppressor;
        a.actionsSuppressorWaitPeriod = actionsSuppressorWaitPeriod;
        a.actionsSuppressorExtensionPeriod = actionsSuppressorExtensionPeriod;
        a.stateValue = stateValue;
        a.stateReason = stateReason;
        a.stateReasonData = stateReasonData;
        a.stateUpdated = stateUpdated;
        a.stateTransitioned = stateTransitioned;
        a.tags.putAll(tags);
        return a;
    }
}
