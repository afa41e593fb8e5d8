package io.gureum.cloudwatch.alarms;

import io.gureum.cloudwatch.CloudWatchErrors;
import io.gureum.cloudwatch.math.ExpressionParser;
import io.gureum.cloudwatch.metrics.Aggregate;
import io.gureum.cloudwatch.metrics.Periods;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/** PutMetricAlarm's rules beyond the model's constraints (API_PutMetricAlarm). */
final class AlarmChecks {
    /** "An alarm's total current evaluation period can be no longer than seven days." */
    private static final long MAX_EVALUATION_SECONDS = 7 * 86_400L;

    private AlarmChecks() {
    }

    static void check(PutMetricAlarmRequest r, String region) {
        if (r.evaluationCriteria() != null || r.evaluationInterval() != null) {
            throw CloudWatchErrors.invalidValue("EvaluationCriteria and EvaluationInterval (PromQL alarms) are not"
                    + " supported by this emulator.");
        }
        // The model no longer marks these required (EvaluationCriteria alarms omit them); metric alarms need them.
        if (r.evaluationPeriods() == null) {
            throw CloudWatchErrors.missing("The parameter EvaluationPeriods is required.");
        }
        if (r.comparisonOperator() == null) {
            throw CloudWatchErrors.missing("The parameter ComparisonOperator is required.");
        }
        boolean math = r.hasMetrics() && !r.metrics().isEmpty();
        boolean single = r.metricName() != null;
        if (math && (single || r.namespace() != null || r.hasDimensions() && !r.dimensions().isEmpty()
                || r.period() != null || r.unit() != null || r.statistic() != null || r.extendedStatistic() != null)) {
            throw CloudWatchErrors.combination("The parameters MetricName, Namespace, Dimensions, Period, Unit,"
                    + " Statistic and ExtendedStatistic cannot be specified together with Metrics.");
        }
        if (!math && !single) {
            throw CloudWatchErrors.missing("One of the parameters MetricName or Metrics must be specified.");
        }
        Comparison op = Comparison.of(r.comparisonOperatorAsString());
        if (single) {
            if (r.namespace() == null) {
                throw CloudWatchErrors.missing("The parameter Namespace is required.");
            }
            if (r.statistic() != null && r.extendedStatistic() != null) {
                throw CloudWatchErrors.combination("The parameters Statistic and ExtendedStatistic are mutually"
                        + " exclusive and you have specified both.");
            }
            if (r.statistic() == null && r.extendedStatistic() == null) {
                throw CloudWatchErrors.missing("One of the parameters Statistic or ExtendedStatistic must be specified.");
            }
            if (r.extendedStatistic() != null && !Aggregate.isPercentile(r.extendedStatistic())) {
                throw CloudWatchErrors.invalidValue(r.extendedStatistic(), "ExtendedStatistic");
            }
            if (r.period() == null) {
                throw CloudWatchErrors.missing("The parameter Period is required.");
            }
            if (!Periods.validAlarmPeriod(r.period())) {
                throw CloudWatchErrors.invalidValue("Period must be 10, 20, 30 or a multiple of 60.");
            }
            if ((long) r.period() * r.evaluationPeriods() > MAX_EVALUATION_SECONDS) {
                throw CloudWatchErrors.validation("The evaluation period of the alarm (Period * EvaluationPeriods)"
                        + " must not exceed 7 days.");
            }
            if (op != null && op.band) {
                throw CloudWatchErrors.validation("Anomaly detection comparison operators require Metrics with a"
                        + " ThresholdMetricId.");
            }
        } else {
            checkMetrics(r.metrics(), r.thresholdMetricId(), op);
        }
        if (op != null && !op.band && r.threshold() == null) {
            throw CloudWatchErrors.missing("The parameter Threshold is required for ComparisonOperator "
                    + r.comparisonOperatorAsString() + ".");
        }
        if (op != null && op.band && r.threshold() != null) {
            throw CloudWatchErrors.combination("The parameters Threshold and ThresholdMetricId are mutually exclusive"
                    + " and you have specified both.");
        }
        if (r.datapointsToAlarm() != null && r.datapointsToAlarm() > r.evaluationPeriods()) {
            throw CloudWatchErrors.validation("DatapointsToAlarm must be less than or equal to EvaluationPeriods.");
        }
        if (r.treatMissingData() != null && !List.of("breaching", "notBreaching", "ignore", "missing")
                .contains(r.treatMissingData())) {
            throw CloudWatchErrors.validation("The value " + r.treatMissingData()
                    + " for parameter TreatMissingData is invalid.");
        }
        checkActions(r.okActions(), region, r.dimensions());
        checkActions(r.alarmActions(), region, r.dimensions());
        checkActions(r.insufficientDataActions(), region, r.dimensions());
    }

    private static void checkMetrics(List<MetricDataQuery> metrics, String thresholdMetricId, Comparison op) {
        long returning = metrics.stream().filter(q -> q.returnData() == null || q.returnData())
                .filter(q -> !q.id().equals(thresholdMetricId)).count();
        if (returning != 1) {
            throw CloudWatchErrors.validation("Exactly one element of the metrics list should return data.");
        }
        for (MetricDataQuery q : metrics) {
            if (q.expression() != null) {
                boolean search;
                try {
                    ExpressionParser.references(q.expression());
                    search = ExpressionParser.calls(q.expression(), "SEARCH");
                } catch (RuntimeException e) {
                    throw CloudWatchErrors.validation("Invalid metrics list: " + e.getMessage());
                }
                // "You can't create an alarm based on the SEARCH expression" (using-search-expressions).
                if (search) {
                    throw CloudWatchErrors.validation("Invalid metrics list: SEARCH expressions are not supported"
                            + " in alarms.");
                }
            }
            if (q.metricStat() != null && !Periods.validAlarmPeriod(q.metricStat().period())) {
                throw CloudWatchErrors.invalidValue("Period must be 10, 20, 30 or a multiple of 60.");
            }
        }
        if (op != null && op.band) {
            MetricDataQuery band = thresholdMetricId == null ? null : metrics.stream()
                    .filter(q -> q.id().equals(thresholdMetricId)).findFirst().orElse(null);
            if (band == null || band.expression() == null
                    || !band.expression().trim().toUpperCase().startsWith("ANOMALY_DETECTION_BAND")) {
                throw CloudWatchErrors.validation("ThresholdMetricId must be the id of an ANOMALY_DETECTION_BAND"
                        + " expression in Metrics.");
            }
        } else if (thresholdMetricId != null) {
            throw CloudWatchErrors.validation("ThresholdMetricId can only be used with anomaly detection comparison"
                    + " operators.");
        }
    }

    /** Actions AWS accepts: SNS topics, Lambda functions, EC2 automate, Auto Scaling policies, SSM. */
    static void checkActions(List<String> actions, String region,
            List<software.amazon.awssdk.services.cloudwatch.model.Dimension> dimensions) {
        for (String a : actions) {
            boolean ok = a.startsWith("arn:aws:sns:") || a.startsWith("arn:aws:lambda:")
                    || a.startsWith("arn:aws:autoscaling:") || a.startsWith("arn:aws:ssm:")
                    || a.startsWith("arn:aws:ssm-incidents:") || a.startsWith("arn:aws:swf:");
            if (a.startsWith("arn:aws:automate:")) {
                ok = a.matches("arn:aws:automate:" + java.util.regex.Pattern.quote(region)
                        + ":ec2:(stop|terminate|reboot|recover)");
                if (ok && (dimensions == null
                        || dimensions.stream().noneMatch(d -> d.name().equals("InstanceId")))) {
                    throw CloudWatchErrors.validation("Invalid use of EC2 action. An EC2 action can only be used"
                            + " if the alarm is monitoring an EC2 instance.");
                }
            }
            if (!ok) {
                throw CloudWatchErrors.validation("Invalid arn syntax: " + a);
            }
        }
    }
}
