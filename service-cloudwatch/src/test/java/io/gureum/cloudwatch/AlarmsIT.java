package io.gureum.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

class AlarmsIT extends CloudWatchTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    static void simpleAlarm(String name, String ns) {
        cw.putMetricAlarm(b -> b.alarmName(name).namespace(ns).metricName("Errors").statistic(Statistic.SUM)
                .period(60).evaluationPeriods(1).threshold(5.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .dimensions(Dimension.builder().name("Service").value("api").build()));
    }

    @Test
    void putDescribeAndDeleteMetricAlarm() {
        String name = unique("errors");
        String ns = unique("App");
        simpleAlarm(name, ns);
        DescribeAlarmsResponse r = cw.describeAlarms(b -> b.alarmNames(name));
        assertEquals(1, r.metricAlarms().size());
        MetricAlarm a = r.metricAlarms().get(0);
        assertEquals(StateValue.INSUFFICIENT_DATA, a.stateValue());
        assertEquals("Unchecked: Initial alarm creation", a.stateReason());
        assertTrue(a.alarmArn().matches("arn:aws:cloudwatch:us-east-1:\\d{12}:alarm:" + name), a.alarmArn());
        assertEquals(60, a.period());
        assertTrue(a.actionsEnabled());

        assertEquals(1, cw.describeAlarmsForMetric(b -> b.namespace(ns).metricName("Errors")).metricAlarms().size());
        assertEquals(0, cw.describeAlarmsForMetric(b -> b.namespace(ns).metricName("Errors").period(300))
                .metricAlarms().size());
        assertEquals(1, cw.describeAlarms(b -> b.alarmNamePrefix(name.substring(0, 10))).metricAlarms().stream()
                .filter(x -> x.alarmName().equals(name)).count());
        assertEquals(0, cw.describeAlarms(b -> b.alarmNames(name).stateValue(StateValue.ALARM)).metricAlarms().size());
        assertEquals(0, cw.describeAlarms(b -> b.alarmNames(name).alarmTypes(AlarmType.COMPOSITE_ALARM))
                .metricAlarms().size());

        List<AlarmHistoryItem> history = cw.describeAlarmHistory(b -> b.alarmName(name)).alarmHistoryItems();
        assertEquals(HistoryItemType.CONFIGURATION_UPDATE, history.get(0).historyItemType());
        assertEquals("Alarm \"" + name + "\" created", history.get(0).historySummary());

        cw.deleteAlarms(b -> b.alarmNames(name));
        assertEquals(0, cw.describeAlarms(b -> b.alarmNames(name)).metricAlarms().size());
        assertError(AwsServiceException.class, "ResourceNotFound", 404, () -> cw.deleteAlarms(b -> b.alarmNames(name)));
    }

    @Test
    void putMetricAlarmErrors() {
        String ns = unique("App");
        assertError(AwsServiceException.class, "InvalidParameterValue", 400,
                () -> cw.putMetricAlarm(b -> b.alarmName(unique("a")).namespace(ns).metricName("m")
                        .statistic(Statistic.SUM).period(45).evaluationPeriods(1).threshold(1.0)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)));
        assertError(InvalidParameterCombinationException.class, "InvalidParameterCombination", 400,
                () -> cw.putMetricAlarm(b -> b.alarmName(unique("a")).namespace(ns).metricName("m")
                        .statistic(Statistic.SUM).extendedStatistic("p99").period(60).evaluationPeriods(1)
                        .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)));
        assertError(AwsServiceException.class, "ValidationError", 400,
                () -> cw.putMetricAlarm(b -> b.alarmName(unique("a")).namespace(ns).metricName("m")
                        .statistic(Statistic.SUM).period(60).evaluationPeriods(1).datapointsToAlarm(2).threshold(1.0)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)));
        assertError(AwsServiceException.class, "ValidationError", 400,
                () -> cw.putMetricAlarm(b -> b.alarmName(unique("a")).namespace(ns).metricName("m")
                        .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(1.0)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                        .alarmActions("arn:aws:automate:us-east-1:ec2:stop")));
        // The model no longer marks EvaluationPeriods required (PromQL alarms omit it); metric alarms need it.
        assertError(MissingRequiredParameterException.class, "MissingParameter", 400,
                () -> cw.putMetricAlarm(b -> b.alarmName(unique("a")).namespace(ns).metricName("m")
                        .statistic(Statistic.SUM).period(60).threshold(1.0)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)));
    }

    @Test
    void setAlarmStateCompositeAlarmsAndHistory() throws Exception {
        String ns = unique("App");
        String child = unique("child");
        String parent = unique("parent");
        simpleAlarm(child, ns);
        cw.putCompositeAlarm(b -> b.alarmName(parent).alarmRule("ALARM(\"" + child + "\") AND NOT FALSE"));
        DescribeAlarmsResponse composite = cw.describeAlarms(b -> b.alarmNames(parent)
                .alarmTypes(AlarmType.COMPOSITE_ALARM));
        assertEquals(1, composite.compositeAlarms().size());
        assertEquals(StateValue.OK, composite.compositeAlarms().get(0).stateValue());

        cw.setAlarmState(b -> b.alarmName(child).stateValue(StateValue.ALARM).stateReason("testing")
                .stateReasonData("{\"k\":1}"));
        MetricAlarm a = cw.describeAlarms(b -> b.alarmNames(child)).metricAlarms().get(0);
        assertEquals(StateValue.ALARM, a.stateValue());
        assertEquals("testing", a.stateReason());
        assertEquals(StateValue.ALARM, cw.describeAlarms(b -> b.alarmNames(parent)
                .alarmTypes(AlarmType.COMPOSITE_ALARM)).compositeAlarms().get(0).stateValue());
        assertEquals(1, cw.describeAlarms(b -> b.childrenOfAlarmName(parent)).metricAlarms().size());
        assertEquals(1, cw.describeAlarms(b -> b.parentsOfAlarmName(child).alarmTypes(AlarmType.COMPOSITE_ALARM))
                .compositeAlarms().size());

        AlarmHistoryItem update = cw.describeAlarmHistory(b -> b.alarmName(child)
                .historyItemType(HistoryItemType.STATE_UPDATE)).alarmHistoryItems().get(0);
        assertEquals("Alarm updated from INSUFFICIENT_DATA to ALARM", update.historySummary());
        JsonNode data = JSON.readTree(update.historyData());
        assertEquals("1.0", data.get("version").asText());
        assertEquals("INSUFFICIENT_DATA", data.get("oldState").get("stateValue").asText());
        assertEquals("ALARM", data.get("newState").get("stateValue").asText());
        assertEquals(1, data.get("newState").get("stateReasonData").get("k").asInt());

        assertError(AwsServiceException.class, "ValidationError", 400, () -> cw.deleteAlarms(b -> b.alarmNames(child)));
        assertError(AwsServiceException.class, "ResourceNotFound", 404,
                () -> cw.setAlarmState(b -> b.alarmName(unique("none")).stateValue(StateValue.OK).stateReason("x")));
        assertError(AwsServiceException.class, "InvalidFormat", 400,
                () -> cw.setAlarmState(b -> b.alarmName(child).stateValue(StateValue.OK).stateReason("x")
                        .stateReasonData("not json")));
        assertError(AwsServiceException.class, "ValidationError", 400,
                () -> cw.putCompositeAlarm(b -> b.alarmName(unique("c")).alarmRule("ALARM(" + unique("none") + ")")));
        assertError(AwsServiceException.class, "ValidationError", 400,
                () -> cw.putCompositeAlarm(b -> b.alarmName(unique("c")).alarmRule("ALARM(" + child + ") XOR")));
        cw.deleteAlarms(b -> b.alarmNames(parent, child));
    }

    @Test
    void actionsCanBeDisabledAndTagsManaged() {
        String name = unique("tagged");
        simpleAlarm(name, unique("App"));
        cw.disableAlarmActions(b -> b.alarmNames(name));
        assertFalse(cw.describeAlarms(b -> b.alarmNames(name)).metricAlarms().get(0).actionsEnabled());
        cw.enableAlarmActions(b -> b.alarmNames(name));
        String arn = cw.describeAlarms(b -> b.alarmNames(name)).metricAlarms().get(0).alarmArn();
        cw.tagResource(b -> b.resourceARN(arn).tags(t -> t.key("team").value("core"), t -> t.key("env").value("dev")));
        assertEquals(2, cw.listTagsForResource(b -> b.resourceARN(arn)).tags().size());
        cw.untagResource(b -> b.resourceARN(arn).tagKeys("env"));
        assertEquals("team", cw.listTagsForResource(b -> b.resourceARN(arn)).tags().get(0).key());
        io.gureum.core.ids.Arn parsed = io.gureum.core.ids.Arn.parse(arn);
        assertEquals(java.util.Map.of("team", "core"), gureum.context().registry().tags(parsed),
                "alarms are in core's resource registry, for the Resource Groups Tagging API");
        cw.deleteAlarms(b -> b.alarmNames(name));
        assertTrue(gureum.context().registry().byArn(parsed).isEmpty());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> cw.listTagsForResource(b -> b.resourceARN(arn)));
    }

    @Test
    void actionsOfServicesNotEmulatedAreRecordedAsNotInvoked() throws Exception {
        String name = unique("scaling");
        String policy = "arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:1a2b:autoScalingGroupName/g:"
                + "policyName/up";
        cw.putMetricAlarm(b -> b.alarmName(name).namespace("App").metricName("m").statistic(Statistic.SUM)
                .period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(policy));
        cw.setAlarmState(b -> b.alarmName(name).stateValue(StateValue.ALARM).stateReason("test"));
        List<AlarmHistoryItem> actions = List.of();
        for (int i = 0; i < 600 && actions.isEmpty(); i++) {
            Thread.sleep(100);
            actions = cw.describeAlarmHistory(b -> b.alarmName(name).historyItemType(HistoryItemType.ACTION))
                    .alarmHistoryItems();
        }
        assertEquals(1, actions.size());
        assertTrue(actions.get(0).historySummary().startsWith("Failed to execute action " + policy),
                actions.get(0).historySummary());
        assertEquals("Failed", JSON.readTree(actions.get(0).historyData()).get("actionState").asText());
    }

    @Test
    void describeAlarmsPaginates() {
        String prefix = unique("page");
        for (int i = 0; i < 3; i++) {
            simpleAlarm(prefix + "-" + i, "App");
        }
        DescribeAlarmsResponse first = cw.describeAlarms(b -> b.alarmNamePrefix(prefix).maxRecords(2));
        assertEquals(2, first.metricAlarms().size());
        assertNotNull(first.nextToken());
        DescribeAlarmsResponse second = cw.describeAlarms(b -> b.alarmNamePrefix(prefix).maxRecords(2)
                .nextToken(first.nextToken()));
        assertEquals(1, second.metricAlarms().size());
        assertError(InvalidParameterCombinationException.class, "InvalidParameterCombination", 400,
                () -> cw.describeAlarms(b -> b.alarmNamePrefix(prefix).alarmNames("x")));
    }

    @Test
    void mathAndAnomalyBandAlarmsAreAccepted() {
        String ns = unique("App");
        MetricDataQuery m1 = MetricDataQuery.builder().id("m1").returnData(false).metricStat(s -> s.period(60)
                .stat("Sum").metric(m -> m.namespace(ns).metricName("Errors"))).build();
        MetricDataQuery m2 = MetricDataQuery.builder().id("m2").returnData(false).metricStat(s -> s.period(60)
                .stat("Sum").metric(m -> m.namespace(ns).metricName("Requests"))).build();
        MetricDataQuery e1 = MetricDataQuery.builder().id("e1").expression("100 * m1 / m2").label("Error rate")
                .returnData(true).build();
        String math = unique("math");
        cw.putMetricAlarm(b -> b.alarmName(math).metrics(m1, m2, e1).evaluationPeriods(1).threshold(5.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        assertEquals(3, cw.describeAlarms(b -> b.alarmNames(math)).metricAlarms().get(0).metrics().size());

        MetricDataQuery m = MetricDataQuery.builder().id("m1").returnData(true).metricStat(s -> s.period(60)
                .stat("Average").metric(x -> x.namespace(ns).metricName("Latency"))).build();
        MetricDataQuery band = MetricDataQuery.builder().id("ad1").expression("ANOMALY_DETECTION_BAND(m1, 2)")
                .returnData(true).build();
        String anomaly = unique("anomaly");
        cw.putMetricAlarm(b -> b.alarmName(anomaly).metrics(m, band).thresholdMetricId("ad1").evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD));
        assertEquals("ad1", cw.describeAlarms(b -> b.alarmNames(anomaly)).metricAlarms().get(0).thresholdMetricId());
        assertError(AwsServiceException.class, "ValidationError", 400,
                () -> cw.putMetricAlarm(b -> b.alarmName(unique("bad")).metrics(m, band).evaluationPeriods(1)
                        .comparisonOperator(ComparisonOperator.LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD)));
        assertError(InvalidParameterCombinationException.class, "InvalidParameterCombination", 400,
                () -> cw.putMetricAlarm(b -> b.alarmName(unique("bad")).metrics(m1, m2, e1).namespace(ns)
                        .evaluationPeriods(1).threshold(1.0)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)));
    }

    @Test
    void trimmedStatisticsAreExtendedStatisticsAndSearchIsNotForAlarms() {
        String ns = unique("App");
        String name = unique("iqm");
        cw.putMetricAlarm(b -> b.alarmName(name).namespace(ns).metricName("Latency").extendedStatistic("IQM")
                .period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        assertEquals("IQM", cw.describeAlarms(b -> b.alarmNames(name)).metricAlarms().get(0).extendedStatistic());
        assertError(AwsServiceException.class, "InvalidParameterValue", 400,
                () -> cw.putMetricAlarm(b -> b.alarmName(unique("a")).namespace(ns).metricName("m")
                        .extendedStatistic("TM(90%:10%)").period(60).evaluationPeriods(1).threshold(1.0)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)));
        MetricDataQuery search = MetricDataQuery.builder().id("e1").returnData(true)
                .expression("MAX(SEARCH('{" + ns + "} Latency', 'Average', 60))").build();
        assertError(AwsServiceException.class, "ValidationError", 400,
                () -> cw.putMetricAlarm(b -> b.alarmName(unique("s")).metrics(search).evaluationPeriods(1)
                        .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)));
    }
}
