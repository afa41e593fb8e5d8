package io.gureum.cloudwatch.alarms;

import io.gureum.core.state.RegisteredTags;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * One alarm, metric or composite. Its definition is replaced as a whole by PutMetricAlarm/PutCompositeAlarm;
 * its state moves with evaluation and SetAlarmState. Guarded by its {@link AlarmBook}'s lock.
 */
public final class Alarm {
    final String name;
    final String arn;
    final boolean composite;
    /** Bumped on each update and on delete, so a scheduled evaluation of an old definition does nothing. */
    long generation;

    String description;
    boolean actionsEnabled = true;
    List<String> okActions = List.of();
    List<String> alarmActions = List.of();
    List<String> insufficientDataActions = List.of();
    long configurationUpdated;

    // Metric alarms
    String namespace;
    String metricName;
    List<Dimension> dimensions = List.of();
    String statistic;
    String extendedStatistic;
    Integer period;
    String unit;
    int evaluationPeriods;
    Integer datapointsToAlarm;
    Double threshold;
    String comparisonOperator;
    String treatMissingData;
    String evaluateLowSampleCountPercentile;
    List<MetricDataQuery> metrics = List.of();
    String thresholdMetricId;

    // Composite alarms
    String alarmRule;
    String actionsSuppressor;
    Integer actionsSuppressorWaitPeriod;
    Integer actionsSuppressorExtensionPeriod;

    String stateValue = "INSUFFICIENT_DATA";
    String stateReason = "Unchecked: Initial alarm creation";
    String stateReasonData;
    long stateUpdated;
    long stateTransitioned;

    /** Recorded in core's resource registry while the alarm exists (Resource Groups Tagging API). */
    final RegisteredTags tags = new RegisteredTags();

    Alarm(String name, String arn, boolean composite) {
        this.name = name;
        this.arn = arn;
        this.composite = composite;
    }

    public String name() {
        return name;
    }

    public String arn() {
        return arn;
    }

    public RegisteredTags tags() {
        return tags;
    }

    int effectiveDatapointsToAlarm() {
        return datapointsToAlarm == null ? evaluationPeriods : datapointsToAlarm;
    }

    String treatMissing() {
        return treatMissingData == null ? "missing" : treatMissingData;
    }

    /** The period between evaluations: the alarm's, or its math queries' smallest, or one minute (composite). */
    int evaluationSeconds() {
        if (period != null) {
            return period;
        }
        int p = Integer.MAX_VALUE;
        for (MetricDataQuery q : metrics) {
            Integer qp = q.metricStat() != null ? q.metricStat().period() : q.period();
            if (qp != null) {
                p = Math.min(p, qp);
            }
        }
        return p == Integer.MAX_VALUE ? 60 : p;
    }

    List<String> actionsFor(String state) {
        return switch (state) {
            case "OK" -> okActions;
            case "ALARM" -> alarmActions;
            default -> insufficientDataActions;
        };
    }

    List<String> allActions() {
        List<String> all = new ArrayList<>(okActions);
        all.addAll(alarmActions);
        all.addAll(insufficientDataActions);
        return all;
    }
}
