package io.gureum.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.events.ServiceEvent;
import io.gureum.core.events.Subscription;
import io.gureum.core.testing.AwsClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** An alarm moved by Gureum's clock through OK → ALARM → OK, notifying an SNS topic an SQS queue subscribes to. */
class AlarmClockIT extends CloudWatchTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void clockMovesAlarmThroughAlarmAndBackWithSnsNotifications() throws Exception {
        try (SnsClient sns = AwsClients.client(SnsClient.builder(), gureum);
                SqsClient sqs = AwsClients.client(SqsClient.builder(), gureum)) {
            String topic = sns.createTopic(b -> b.name(unique("alarms"))).topicArn();
            String queueUrl = sqs.createQueue(b -> b.queueName(unique("alarm-inbox"))).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn)
                    .attributes(java.util.Map.of("RawMessageDelivery", "false")));
            List<ServiceEvent> events = new CopyOnWriteArrayList<>();
            Subscription sub = gureum.context().events().subscribe(ServiceEvent.class, events::add);

            String ns = unique("Clock");
            String name = unique("busy");
            cw.putMetricAlarm(b -> b.alarmName(name).namespace(ns).metricName("Load").statistic(Statistic.MAXIMUM)
                    .period(60).evaluationPeriods(1).threshold(5.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData("missing")
                    .alarmActions(topic).okActions(topic));

            put(ns, 1.0);
            advance();
            waitFor(() -> state(name) == StateValue.OK);

            put(ns, 9.0);
            advance();
            waitFor(() -> state(name) == StateValue.ALARM);
            String reason = cw.describeAlarms(b -> b.alarmNames(name)).metricAlarms().get(0).stateReason();
            assertTrue(reason.startsWith("Threshold Crossed: 1 datapoint [9.0 ("), reason);
            assertTrue(reason.endsWith(")] was greater than the threshold (5.0)."), reason);

            put(ns, 2.0);
            advance();
            waitFor(() -> state(name) == StateValue.OK);

            List<JsonNode> notifications = receive(sqs, queueUrl, 3);
            JsonNode alarm = notifications.stream().filter(n -> n.get("NewStateValue").asText().equals("ALARM"))
                    .findFirst().orElseThrow();
            assertEquals(name, alarm.get("AlarmName").asText());
            assertEquals("OK", alarm.get("OldStateValue").asText());
            assertEquals("US East (N. Virginia)", alarm.get("Region").asText());
            assertEquals("Load", alarm.get("Trigger").get("MetricName").asText());
            assertEquals("GreaterThanThreshold", alarm.get("Trigger").get("ComparisonOperator").asText());
            assertTrue(notifications.stream().anyMatch(n -> n.get("NewStateValue").asText().equals("OK")
                    && n.get("OldStateValue").asText().equals("ALARM")));

            sub.close();
            List<ServiceEvent> mine = events.stream().filter(e -> e.resources().get(0).endsWith(":alarm:" + name))
                    .toList();
            assertEquals(3, mine.size(), mine.toString());
            assertEquals("aws.cloudwatch", mine.get(1).source());
            assertEquals("CloudWatch Alarm State Change", mine.get(1).detailType());
            JsonNode detail = JSON.readTree(mine.get(1).detailJson());
            assertEquals("ALARM", detail.get("state").get("value").asText());
            assertEquals("OK", detail.get("previousState").get("value").asText());
            assertEquals("Load", detail.get("configuration").get("metrics").get(0).get("metricStat").get("metric")
                    .get("name").asText());

            List<String> summaries = cw.describeAlarmHistory(b -> b.alarmName(name)).alarmHistoryItems().stream()
                    .map(h -> h.historySummary()).toList();
            assertTrue(summaries.contains("Alarm updated from OK to ALARM"), summaries.toString());
            waitFor(() -> cw.describeAlarmHistory(b -> b.alarmName(name).historyItemType("Action"))
                    .alarmHistoryItems().size() == 3);
            assertTrue(cw.describeAlarmHistory(b -> b.alarmName(name).historyItemType("Action")).alarmHistoryItems()
                    .get(0).historySummary().startsWith("Successfully executed action " + topic));
        }
    }

    private static void put(String ns, double value) {
        cw.putMetricData(b -> b.namespace(ns).metricData(d -> d.metricName("Load").value(value)));
    }

    private static void advance() {
        gureum.context().clock().advance(Duration.ofSeconds(60));
    }

    private static StateValue state(String name) {
        return cw.describeAlarms(b -> b.alarmNames(name)).metricAlarms().get(0).stateValue();
    }

    /** Waits for asynchronous work (the alarm timer's workers); no bound on how fast it must be, only a generous cap. */
    private static void waitFor(Supplier<Boolean> condition) throws InterruptedException {
        for (int i = 0; i < 1200 && !condition.get(); i++) {
            Thread.sleep(100);
        }
        assertTrue(condition.get(), "condition not reached");
    }

    private static List<JsonNode> receive(SqsClient sqs, String queueUrl, int count) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < 60 && out.size() < count; i++) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                JsonNode envelope = JSON.readTree(m.body());
                out.add(JSON.readTree(envelope.get("Message").asText()));
            }
        }
        assertEquals(count, out.size());
        return out;
    }
}
