package io.gureum.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.events.ServiceMetric;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.testing.Snapshots;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/** What CloudWatch finds again after a restart on the same --data-dir. */
class CloudWatchRestartIT {
    private static final String NS = "App";
    private static final String BODY = "{\"widgets\":[{\"type\":\"text\",\"x\":0,\"y\":0,\"width\":6,\"height\":3,"
            + "\"properties\":{\"markdown\":\"hi\"}}]}";

    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static CloudWatchClient cw(Gureum g) {
        return AwsClients.client(CloudWatchClient.builder(), g);
    }

    private static void put(CloudWatchClient cw, double value) {
        cw.putMetricData(b -> b.namespace(NS).metricData(d -> d.metricName("Load").value(value)));
    }

    private static MetricAlarm alarm(CloudWatchClient cw, String name) {
        return cw.describeAlarms(b -> b.alarmNames(name)).metricAlarms().get(0);
    }

    /** Waits for the alarm timer's workers; no bound on how fast, only a generous cap. */
    private static void waitFor(Supplier<Boolean> condition) throws InterruptedException {
        for (int i = 0; i < 1200 && !condition.get(); i++) {
            Thread.sleep(100);
        }
        assertTrue(condition.get(), "condition not reached");
    }

    private static List<Datapoint> sums(CloudWatchClient cw, Gureum g, String metric, String ns) {
        Instant now = g.context().clock().now();
        return cw.getMetricStatistics(b -> b.namespace(ns).metricName(metric).startTime(now.minus(Duration.ofHours(3)))
                .endTime(now.plus(Duration.ofMinutes(1))).period(3600).statistics(Statistic.SUM, Statistic.SAMPLE_COUNT)
                .dimensions(List.of())).datapoints();
    }

    @Test
    void metricDataAlarmsDashboardsAndDetectorsSurviveARestart() throws Exception {
        Instant transitioned;
        try (Gureum g = start(); CloudWatchClient cw = cw(g)) {
            cw.putMetricAlarm(b -> b.alarmName("busy").namespace(NS).metricName("Load").statistic(Statistic.MAXIMUM)
                    .period(60).evaluationPeriods(1).threshold(5.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData("missing")
                    .tags(Tag.builder().key("team").value("a").build()));
            cw.putCompositeAlarm(b -> b.alarmName("any").alarmRule("ALARM(\"busy\")"));
            cw.putMetricAlarm(b -> b.alarmName("gone").namespace(NS).metricName("x").statistic(Statistic.SUM)
                    .period(60).evaluationPeriods(1).threshold(1.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            cw.deleteAlarms(b -> b.alarmNames("gone"));
            put(cw, 9.0);
            put(cw, 3.0);
            // A metric an AWS service publishes (recorded in a batch; a clean stop records what is pending).
            g.context().events().publish(new ServiceMetric("000000000000", "us-east-1", "AWS/SQS", "NumberOfMessagesSent",
                    Map.of(), 4.0, "Count", g.context().clock().now()));
            g.context().clock().advance(Duration.ofSeconds(60));
            waitFor(() -> alarm(cw, "busy").stateValue() == StateValue.ALARM);
            waitFor(() -> cw.describeAlarms(b -> b.alarmNames("any").alarmTypes(software.amazon.awssdk.services.cloudwatch.model.AlarmType.COMPOSITE_ALARM)).compositeAlarms().get(0).stateValue()
                    == StateValue.ALARM);
            transitioned = alarm(cw, "busy").stateUpdatedTimestamp();
            cw.putDashboard(b -> b.dashboardName("main").dashboardBody(BODY));
            cw.putAnomalyDetector(b -> b.singleMetricAnomalyDetector(d -> d.namespace(NS).metricName("Load")
                    .stat("Average")));
        }
        try (Gureum g = start(); CloudWatchClient cw = cw(g)) {
            MetricAlarm busy = alarm(cw, "busy");
            assertEquals(StateValue.ALARM, busy.stateValue(), "the state is kept");
            assertEquals(transitioned, busy.stateUpdatedTimestamp());
            assertTrue(busy.stateReason().startsWith("Threshold Crossed"), busy.stateReason());
            assertEquals(List.of(Tag.builder().key("team").value("a").build()),
                    cw.listTagsForResource(b -> b.resourceARN(busy.alarmArn())).tags());
            assertEquals(StateValue.ALARM, cw.describeAlarms(b -> b.alarmNames("any").alarmTypes(software.amazon.awssdk.services.cloudwatch.model.AlarmType.COMPOSITE_ALARM)).compositeAlarms().get(0)
                    .stateValue());
            assertEquals(0, cw.describeAlarms(b -> b.alarmNames("gone")).metricAlarms().size());
            assertTrue(cw.describeAlarmHistory(b -> b.alarmName("busy").historyItemType(HistoryItemType.STATE_UPDATE))
                    .alarmHistoryItems().stream().anyMatch(h -> h.historySummary().equals(
                            "Alarm updated from INSUFFICIENT_DATA to ALARM")));

            List<Datapoint> load = sums(cw, g, "Load", NS);
            assertEquals(1, load.size());
            assertEquals(12.0, load.get(0).sum());
            assertEquals(2.0, load.get(0).sampleCount());
            assertEquals(4.0, sums(cw, g, "NumberOfMessagesSent", "AWS/SQS").get(0).sum());
            assertEquals(BODY, cw.getDashboard(b -> b.dashboardName("main")).dashboardBody());
            assertEquals(1, cw.describeAnomalyDetectors(b -> b.namespace(NS)).anomalyDetectors().size());

            // The alarm goes on evaluating on the clock after the restart.
            put(cw, 1.0);
            g.context().clock().advance(Duration.ofSeconds(60));
            waitFor(() -> alarm(cw, "busy").stateValue() == StateValue.OK);
            waitFor(() -> cw.describeAlarms(b -> b.alarmNames("any").alarmTypes(software.amazon.awssdk.services.cloudwatch.model.AlarmType.COMPOSITE_ALARM)).compositeAlarms().get(0).stateValue()
                    == StateValue.OK);
        }
        try (Gureum g = start(); CloudWatchClient cw = cw(g)) {
            assertEquals(StateValue.OK, alarm(cw, "busy").stateValue(), "a change on the clock is recorded too");
        }
    }

    @Test
    void aResetClearsWhatWasPendingToo() throws Exception {
        try (Gureum g = start(); CloudWatchClient cw = cw(g)) {
            put(cw, 1.0);
            g.context().events().publish(new ServiceMetric("000000000000", "us-east-1", "AWS/SQS", "NumberOfMessagesSent",
                    Map.of(), 4.0, "Count", g.context().clock().now()));
            var http = java.net.http.HttpClient.newHttpClient();
            var response = http.send(java.net.http.HttpRequest.newBuilder(g.endpoint().resolve(
                    "/_gureum/reset?service=cloudwatch")).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
        }
        try (Gureum g = start(); CloudWatchClient cw = cw(g)) {
            assertEquals(List.of(), sums(cw, g, "Load", NS));
            assertEquals(List.of(), sums(cw, g, "NumberOfMessagesSent", "AWS/SQS"));
        }
    }

    @Test
    void aSnapshotTakenWhileServingCountsEachValueOnce() throws Exception {
        int[] count = {0};
        System.setProperty("gureum.compactBytes", "8192");
        try (Gureum g = start(); CloudWatchClient cw = cw(g)) {
            cw.putMetricAlarm(b -> b.alarmName("snap").namespace(NS).metricName("Load").statistic(Statistic.MAXIMUM)
                    .period(60).evaluationPeriods(1).threshold(5.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            Snapshots.writeUntilSnapshot(dataDir, n -> {
                count[0]++;
                put(cw, 2.0);
            });
            put(cw, 2.0);
        } finally {
            System.clearProperty("gureum.compactBytes");
        }
        try (Gureum g = start(); CloudWatchClient cw = cw(g)) {
            List<Datapoint> load = sums(cw, g, "Load", NS);
            assertEquals(2.0 * (count[0] + 1), load.get(0).sum(),
                    "every value once, whether the snapshot or the journal held it");
            assertEquals(count[0] + 1.0, load.get(0).sampleCount());
            assertEquals("snap", alarm(cw, "snap").alarmName());
        }
    }
}
