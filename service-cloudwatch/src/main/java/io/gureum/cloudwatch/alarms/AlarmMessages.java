package io.gureum.cloudwatch.alarms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * The documents an alarm state change produces, in AWS's shapes: the SNS notification
 * (AlarmThatSendsEmail, "Alarm notification" message), the Lambda event and the EventBridge detail
 * ("CloudWatch Alarm State Change", cloudwatch-and-eventbridge.html), and the history items' HistoryData.
 */
final class AlarmMessages {
    private AlarmMessages() {
    }

    /** A state change: the alarm's state before and after. */
    record Change(String oldState, String oldReason, String oldReasonData, long oldTimestamp, String newState,
            String newReason, String newReasonData, long timestamp) {
    }

    static String snsSubject(Alarm a, Change c, String regionName) {
        String subject = c.newState() + ": \"" + a.name + "\" in " + regionName;
        return subject.length() > 100 ? subject.substring(0, 100) : subject;
    }

    static String snsMessage(Alarm a, Change c, String account, String regionName) {
        ObjectNode m = Json.object();
        m.put("AlarmName", a.name);
        m.put("AlarmDescription", a.description);
        m.put("AWSAccountId", account);
        m.put("AlarmConfigurationUpdatedTimestamp", Json.time(a.configurationUpdated));
        m.put("NewStateValue", c.newState());
        m.put("NewStateReason", c.newReason());
        m.put("StateChangeTime", Json.time(c.timestamp()));
        m.put("Region", regionName);
        m.put("AlarmArn", a.arn);
        m.put("OldStateValue", c.oldState());
        m.set("OKActions", strings(a.okActions));
        m.set("AlarmActions", strings(a.alarmActions));
        m.set("InsufficientDataActions", strings(a.insufficientDataActions));
        if (a.composite) {
            m.put("AlarmRule", a.alarmRule);
        } else {
            m.set("Trigger", trigger(a));
        }
        return Json.write(m);
    }

    private static ObjectNode trigger(Alarm a) {
        ObjectNode t = Json.object();
        if (a.metrics.isEmpty()) {
            t.put("MetricName", a.metricName);
            t.put("Namespace", a.namespace);
            t.put("StatisticType", a.statistic != null ? "Statistic" : "ExtendedStatistic");
            t.put("Statistic", a.statistic != null ? a.statistic.toUpperCase(java.util.Locale.ROOT)
                    : a.extendedStatistic);
            t.put("Unit", a.unit);
            ArrayNode dims = t.putArray("Dimensions");
            for (Dimension d : a.dimensions) {
                dims.addObject().put("value", d.value()).put("name", d.name());
            }
            t.put("Period", a.period);
        } else {
            ArrayNode metrics = t.putArray("Metrics");
            for (MetricDataQuery q : a.metrics) {
                metrics.add(query(q, true));
            }
        }
        t.put("EvaluationPeriods", a.evaluationPeriods);
        if (a.datapointsToAlarm != null) {
            t.put("DatapointsToAlarm", a.datapointsToAlarm);
        }
        t.put("ComparisonOperator", a.comparisonOperator);
        if (a.threshold != null) {
            t.put("Threshold", a.threshold);
        }
        if (a.thresholdMetricId != null) {
            t.put("ThresholdMetricId", a.thresholdMetricId);
        }
        t.put("TreatMissingData", a.treatMissingData == null ? "" : a.treatMissingData);
        t.put("EvaluateLowSampleCountPercentile",
                a.evaluateLowSampleCountPercentile == null ? "" : a.evaluateLowSampleCountPercentile);
        return t;
    }

    /** A metric data query as the alarm documents write it: PascalCase for SNS, camelCase for events. */
    private static ObjectNode query(MetricDataQuery q, boolean pascal) {
        ObjectNode o = Json.object();
        o.put(pascal ? "Id" : "id", q.id());
        if (q.expression() != null) {
            o.put(pascal ? "Expression" : "expression", q.expression());
        }
        if (q.label() != null) {
            o.put(pascal ? "Label" : "label", q.label());
        }
        if (q.metricStat() != null) {
            ObjectNode stat = o.putObject(pascal ? "MetricStat" : "metricStat");
            ObjectNode metric = stat.putObject(pascal ? "Metric" : "metric");
            metric.put(pascal ? "Namespace" : "namespace", q.metricStat().metric().namespace());
            metric.put(pascal ? "MetricName" : "name", q.metricStat().metric().metricName());
            if (pascal) {
                ArrayNode dims = metric.putArray("Dimensions");
                q.metricStat().metric().dimensions().forEach(d -> dims.addObject().put("value", d.value())
                        .put("name", d.name()));
            } else {
                ObjectNode dims = metric.putObject("dimensions");
                q.metricStat().metric().dimensions().forEach(d -> dims.put(d.name(), d.value()));
            }
            stat.put(pascal ? "Period" : "period", q.metricStat().period());
            stat.put(pascal ? "Stat" : "stat", q.metricStat().stat());
            if (q.metricStat().unit() != null) {
                stat.put(pascal ? "Unit" : "unit", q.metricStat().unitAsString());
            }
        }
        o.put(pascal ? "ReturnData" : "returnData", q.returnData() == null || q.returnData());
        return o;
    }

    /** The {@code alarmData}/{@code detail} object of the Lambda event and the EventBridge event. */
    static ObjectNode alarmData(Alarm a, Change c) {
        ObjectNode d = Json.object();
        d.put("alarmName", a.name);
        d.set("state", state(c.newState(), c.newReason(), c.newReasonData(), c.timestamp()));
        d.set("previousState", state(c.oldState(), c.oldReason(), c.oldReasonData(), c.oldTimestamp()));
        ObjectNode config = d.putObject("configuration");
        if (a.description != null) {
            config.put("description", a.description);
        }
        if (a.composite) {
            config.put("alarmRule", a.alarmRule);
        } else {
            ArrayNode metrics = config.putArray("metrics");
            if (a.metrics.isEmpty()) {
                ObjectNode m = metrics.addObject();
                m.put("id", "m1");
                ObjectNode stat = m.putObject("metricStat");
                ObjectNode metric = stat.putObject("metric");
                metric.put("namespace", a.namespace);
                metric.put("name", a.metricName);
                ObjectNode dims = metric.putObject("dimensions");
                a.dimensions.forEach(dim -> dims.put(dim.name(), dim.value()));
                stat.put("period", a.period);
                stat.put("stat", a.statistic != null ? a.statistic : a.extendedStatistic);
                if (a.unit != null) {
                    stat.put("unit", a.unit);
                }
                m.put("returnData", true);
            } else {
                a.metrics.forEach(q -> metrics.add(query(q, false)));
            }
        }
        return d;
    }

    private static ObjectNode state(String value, String reason, String reasonData, long timestamp) {
        ObjectNode s = Json.object();
        s.put("value", value);
        s.put("reason", reason);
        if (reasonData != null) {
            s.put("reasonData", reasonData);
        }
        s.put("timestamp", Json.time(timestamp));
        return s;
    }

    /** The documented Lambda alarm action event (AlarmThatSendsEmail, "Lambda alarm actions"). */
    static String lambdaEvent(Alarm a, Change c, String account, String region) {
        ObjectNode e = Json.object();
        e.put("source", "aws.cloudwatch");
        e.put("alarmArn", a.arn);
        e.put("accountId", account);
        e.put("time", Json.time(c.timestamp()).replace("+0000", "Z"));
        e.put("region", region);
        e.set("alarmData", alarmData(a, c));
        return Json.write(e);
    }

    static String stateHistory(Change c) {
        ObjectNode h = Json.object();
        h.put("version", "1.0");
        ObjectNode old = h.putObject("oldState");
        old.put("stateValue", c.oldState());
        old.put("stateReason", c.oldReason());
        ObjectNode now = h.putObject("newState");
        now.put("stateValue", c.newState());
        now.put("stateReason", c.newReason());
        if (c.newReasonData() != null) {
            try {
                now.set("stateReasonData", Json.MAPPER.readTree(c.newReasonData()));
            } catch (java.io.IOException e) {
                now.put("stateReasonData", c.newReasonData());
            }
        }
        return Json.write(h);
    }

    static String configurationHistory(Alarm a, boolean created) {
        ObjectNode h = Json.object();
        h.put("version", "1.0");
        h.put("type", created ? "Create" : "Update");
        ObjectNode alarm = h.putObject(created ? "createdAlarm" : "updatedAlarm");
        alarm.put("alarmName", a.name);
        alarm.put("alarmArn", a.arn);
        alarm.put("actionsEnabled", a.actionsEnabled);
        alarm.set("oKActions", strings(a.okActions));
        alarm.set("alarmActions", strings(a.alarmActions));
        alarm.set("insufficientDataActions", strings(a.insufficientDataActions));
        if (a.composite) {
            alarm.put("alarmRule", a.alarmRule);
        } else {
            alarm.put("namespace", a.namespace);
            alarm.put("metricName", a.metricName);
            alarm.put("statistic", a.statistic);
            alarm.put("period", a.period);
            alarm.put("evaluationPeriods", a.evaluationPeriods);
            alarm.put("threshold", a.threshold);
            alarm.put("comparisonOperator", a.comparisonOperator);
        }
        return Json.write(h);
    }

    static String actionHistory(String action, boolean ok, String error, String published, long timestamp) {
        ObjectNode h = Json.object();
        h.put("actionState", ok ? "Succeeded" : "Failed");
        h.put("stateUpdateTimestamp", timestamp);
        if (action.startsWith("arn:aws:sns:")) {
            h.put("notificationResource", action);
        } else {
            h.put("actionResource", action);
        }
        if (published != null) {
            try {
                JsonNode message = Json.MAPPER.readTree(published);
                h.set("publishedMessage", message);
            } catch (java.io.IOException e) {
                h.put("publishedMessage", published);
            }
        }
        if (error != null) {
            h.put("error", error);
        }
        return Json.write(h);
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        values.forEach(a::add);
        return a;
    }
}
