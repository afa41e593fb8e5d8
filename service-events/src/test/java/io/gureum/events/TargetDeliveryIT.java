package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.testing.AwsClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Targets other than a standard queue: a FIFO queue, a log group, another bus. */
class TargetDeliveryIT extends EventsTestSupport {

    private static String put(String source, String busName) {
        return events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().source(source).detailType("t")
                .detail("{\"n\":1}").eventBusName(busName).build())).entries().get(0).eventId();
    }

    @Test
    void fifoQueueGetsTheMessageGroupAndTheEventIdAsDeduplicationId() {
        String source = unique("app");
        String rule = unique("fifo");
        String url = sqs.createQueue(b -> b.queueName(unique("q") + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        events.putRule(b -> b.name(rule).eventPattern("{\"source\":[\"" + source + "\"]}"));
        events.putTargets(b -> b.rule(rule).targets(t -> t.id("f").arn(queueArn(url))
                .sqsParameters(p -> p.messageGroupId("orders"))));
        String id = put(source, null);
        Message m = receive(url, 1).get(0);
        assertEquals("orders", m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
        assertEquals(id, m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
    }

    @Test
    void logGroupGetsTheEventInAStreamNamedAfterIt() {
        String source = unique("app");
        String rule = unique("logs");
        String group = "/aws/events/" + unique("g");
        try (CloudWatchLogsClient logs = AwsClients.client(CloudWatchLogsClient.builder(), gureum)) {
            logs.createLogGroup(b -> b.logGroupName(group));
            events.putRule(b -> b.name(rule).eventPattern("{\"source\":[\"" + source + "\"]}"));
            events.putTargets(b -> b.rule(rule).targets(t -> t.id("l")
                    .arn("arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:" + group)));
            String id = put(source, null);
            // the stream is created, then the event written: wait for the event
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            List<OutputLogEvent> written = List.of();
            while (written.isEmpty() && System.nanoTime() < deadline) {
                List<LogStream> streams = logs.describeLogStreams(b -> b.logGroupName(group)).logStreams();
                if (!streams.isEmpty()) {
                    assertEquals(id, streams.get(0).logStreamName());
                    written = logs.getLogEvents(b -> b.logGroupName(group).logStreamName(id).startFromHead(true))
                            .events();
                }
                Thread.onSpinWait();
            }
            assertEquals(1, written.size());
            assertEquals(id, json(written.get(0).message()).get("id").asText());
        }
    }

    @Test
    void anotherBusReceivesTheEventUnchanged() {
        String source = unique("app");
        String bus = unique("downstream");
        String busArn = events.createEventBus(b -> b.name(bus)).eventBusArn();
        String url = queue(unique("q"));
        events.putRule(b -> b.name("in").eventBusName(bus).eventPattern("{\"source\":[\"" + source + "\"]}"));
        events.putTargets(b -> b.rule("in").eventBusName(bus).targets(t -> t.id("q").arn(queueArn(url))));
        String rule = unique("forward");
        events.putRule(b -> b.name(rule).eventPattern("{\"source\":[\"" + source + "\"]}"));
        events.putTargets(b -> b.rule(rule).targets(t -> t.id("bus").arn(busArn)));
        String id = put(source, null);
        JsonNode e = json(receive(url, 1).get(0).body());
        assertEquals(id, e.get("id").asText());
        assertEquals(source, e.get("source").asText());
    }

    @Test
    void snsTopicPublishesTheEvent() {
        String source = unique("app");
        String rule = unique("sns");
        try (SnsClient sns = AwsClients.client(SnsClient.builder(), gureum)) {
            String topic = sns.createTopic(b -> b.name(unique("t"))).topicArn();
            String url = queue(unique("q"));
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn(url))
                    .attributes(Map.of("RawMessageDelivery", "true")));
            events.putRule(b -> b.name(rule).eventPattern("{\"source\":[\"" + source + "\"]}"));
            events.putTargets(b -> b.rule(rule).targets(t -> t.id("t").arn(topic).inputPath("$.detail")));
            put(source, null);
            assertEquals("{\"n\":1}", receive(url, 1).get(0).body());
        }
    }

    @Test
    void aBusInAnotherRegionReceivesTheEvent() {
        String source = unique("app");
        String bus = unique("west");
        try (EventBridgeClient west = AwsClients.client(EventBridgeClient.builder(), gureum.endpoint(), "test",
                "eu-west-1");
                SqsClient westSqs = AwsClients.client(SqsClient.builder(), gureum.endpoint(), "test", "eu-west-1")) {
            String busArn = west.createEventBus(b -> b.name(bus)).eventBusArn();
            String url = westSqs.createQueue(b -> b.queueName(unique("q"))).queueUrl();
            String arn = "arn:aws:sqs:eu-west-1:" + ACCOUNT + ":" + url.substring(url.lastIndexOf('/') + 1);
            west.putRule(b -> b.name("in").eventBusName(bus).eventPattern("{\"source\":[\"" + source + "\"]}"));
            west.putTargets(b -> b.rule("in").eventBusName(bus).targets(t -> t.id("q").arn(arn)));
            String rule = unique("to-west");
            events.putRule(b -> b.name(rule).eventPattern("{\"source\":[\"" + source + "\"]}"));
            events.putTargets(b -> b.rule(rule).targets(t -> t.id("bus").arn(busArn)));
            String id = put(source, null);
            List<Message> got = List.of();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (got.isEmpty() && System.nanoTime() < deadline) {
                got = westSqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2)).messages();
            }
            JsonNode e = json(got.get(0).body());
            assertEquals(id, e.get("id").asText());
            assertEquals("us-east-1", e.get("region").asText());
        }
    }

    @Test
    void anotherAccountsBusWithoutPermissionDeadLetters() {
        String source = unique("app");
        String rule = unique("cross");
        String dlq = queue(unique("dlq"));
        try (EventBridgeClient other = eventsAs("222233334444")) {
            String bus = unique("theirs");
            String busArn = other.createEventBus(b -> b.name(bus)).eventBusArn();
            events.putRule(b -> b.name(rule).eventPattern("{\"source\":[\"" + source + "\"]}"));
            events.putTargets(b -> b.rule(rule).targets(t -> t.id("bus").arn(busArn)
                    .deadLetterConfig(d -> d.arn(queueArn(dlq)))));
            put(source, null);
            Message m = receive(dlq, 1).get(0);
            assertEquals("NO_PERMISSIONS", m.messageAttributes().get("ERROR_CODE").stringValue());
            assertEquals(busArn, m.messageAttributes().get("TARGET_ARN").stringValue());
        }
    }
}
