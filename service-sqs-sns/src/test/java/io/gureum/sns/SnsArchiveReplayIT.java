package io.gureum.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Message archiving and replay for FIFO topics
 * (https://docs.aws.amazon.com/sns/latest/dg/fifo-message-archiving-replay.html): a topic with an
 * ArchivePolicy keeps what is published for its retention period on the clock, and a subscription's
 * ReplayPolicy redelivers a window of it with the original IDs and timestamps, marked replayed.
 */
class SnsArchiveReplayIT extends SnsTestSupport {

    private static String fifoTopic(String archivePolicy) {
        Map<String, String> attributes = archivePolicy == null
                ? Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true")
                : Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true", "ArchivePolicy", archivePolicy);
        return sns.createTopic(b -> b.name(unique("archive") + ".fifo").attributes(attributes)).topicArn();
    }

    private static String publish(String topic, String body, String color) {
        return sns.publish(b -> b.topicArn(topic).message(body).messageGroupId("g").messageAttributes(Map.of("color",
                MessageAttributeValue.builder().dataType("String").stringValue(color).build()))).messageId();
    }

    private static Instant now() {
        return gureum.context().clock().now();
    }

    private static String window(Instant start, Instant end) {
        return "{\"PointType\":\"Timestamp\",\"StartingPoint\":\"" + start + "\""
                + (end == null ? "" : ",\"EndingPoint\":\"" + end + "\"") + "}";
    }

    @Test
    void aNewSubscriptionReplaysTheArchiveInOrderWithTheOriginalIdsMarkedReplayed() throws Exception {
        String topic = fifoTopic("{\"MessageRetentionPeriod\":\"7\"}");
        Instant start = now();
        String first = publish(topic, "one", "red");
        String second = publish(topic, "two", "blue");
        Map<String, String> attributes = sns.getTopicAttributes(b -> b.topicArn(topic)).attributes();
        assertEquals("{\"MessageRetentionPeriod\":\"7\"}", attributes.get("ArchivePolicy"));
        assertFalse(Instant.parse(attributes.get("BeginningArchiveTime")).isAfter(start));

        Queue late = queue(unique("late") + ".fifo");
        String sub = sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(late.arn())
                .attributes(Map.of("ReplayPolicy", window(start.minusSeconds(1), null)))).subscriptionArn();
        List<Message> replayed = SnsFanOutIT.drain(late);
        assertEquals(2, replayed.size());
        JsonNode one = SnsFanOutIT.json(replayed.get(0).body());
        assertEquals(first, one.get("MessageId").asText());
        assertEquals("one", one.get("Message").asText());
        assertTrue(one.get("Replayed").asBoolean());
        assertEquals(second, SnsFanOutIT.json(replayed.get(1).body()).get("MessageId").asText());
        assertEquals("Completed", sns.getSubscriptionAttributes(b -> b.subscriptionArn(sub)).attributes().get("ReplayStatus"));

        // Without an ending point the subscription goes on receiving new messages, not marked replayed.
        publish(topic, "three", "red");
        List<Message> fresh = SnsFanOutIT.drain(late);
        assertEquals(1, fresh.size());
        assertNull(SnsFanOutIT.json(fresh.get(0).body()).get("Replayed"));
    }

    @Test
    void aReplayWindowWithAnEndingPointAndAFilterPolicyReplaysOnlyThatAndStopsNewDeliveries() throws Exception {
        String topic = fifoTopic("{\"MessageRetentionPeriod\":30}");
        Queue q = queue(unique("window") + ".fifo");
        String sub = sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(q.arn())
                .attributes(Map.of("FilterPolicy", "{\"color\":[\"red\"]}"))).subscriptionArn();
        Instant start = now();
        publish(topic, "early red", "red");
        publish(topic, "early blue", "blue");
        gureum.context().clock().advance(Duration.ofHours(1));
        Instant end = now();
        gureum.context().clock().advance(Duration.ofHours(1));
        publish(topic, "late red", "red");
        assertEquals(2, SnsFanOutIT.drain(q).size()); // delivered as published: the two red ones

        sns.setSubscriptionAttributes(b -> b.subscriptionArn(sub).attributeName("ReplayPolicy")
                .attributeValue(window(start, end)));
        List<Message> replayed = SnsFanOutIT.drain(q);
        assertEquals(1, replayed.size());
        assertEquals("early red", SnsFanOutIT.json(replayed.get(0).body()).get("Message").asText());
        assertEquals("Completed", sns.getSubscriptionAttributes(b -> b.subscriptionArn(sub)).attributes().get("ReplayStatus"));

        publish(topic, "after the replay", "red");
        assertTrue(SnsFanOutIT.drain(q).isEmpty(), "a replay with an ending point stops new deliveries");
    }

    @Test
    void messagesOlderThanTheRetentionPeriodAreGoneAndTheBeginningMovesOn() throws Exception {
        String topic = fifoTopic("{\"MessageRetentionPeriod\":\"1\"}");
        Instant start = now();
        publish(topic, "old", "red");
        gureum.context().clock().advance(Duration.ofHours(25));
        publish(topic, "new", "red");
        Instant beginning = Instant.parse(sns.getTopicAttributes(b -> b.topicArn(topic)).attributes()
                .get("BeginningArchiveTime"));
        // A day's retention 25 hours on: replays can start an hour after the archive began.
        assertTrue(beginning.isAfter(start.plus(Duration.ofHours(1)).minusSeconds(1))
                && beginning.isBefore(start.plus(Duration.ofHours(2))), beginning + " after " + start);

        Queue q = queue(unique("retained") + ".fifo");
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(q.arn())
                .attributes(Map.of("ReplayPolicy", window(start, null))));
        List<Message> replayed = SnsFanOutIT.drain(q);
        assertEquals(1, replayed.size());
        assertEquals("new", SnsFanOutIT.json(replayed.get(0).body()).get("Message").asText());

        // {} ends the archive: the attribute goes and replays are refused.
        sns.setTopicAttributes(b -> b.topicArn(topic).attributeName("ArchivePolicy").attributeValue("{}"));
        assertNull(sns.getTopicAttributes(b -> b.topicArn(topic)).attributes().get("BeginningArchiveTime"));
        Queue other = queue(unique("none") + ".fifo");
        assertThrows(InvalidParameterException.class, () -> sns.subscribe(b -> b.topicArn(topic).protocol("sqs")
                .endpoint(other.arn()).attributes(Map.of("ReplayPolicy", window(start, null)))));
    }

    @Test
    void invalidArchiveAndReplayPoliciesAreRefused() {
        InvalidParameterException standard = assertThrows(InvalidParameterException.class, () -> sns.createTopic(b -> b
                .name(unique("standard")).attributes(Map.of("ArchivePolicy", "{\"MessageRetentionPeriod\":\"7\"}"))));
        assertEquals(400, standard.statusCode());
        assertEquals("InvalidParameter", standard.awsErrorDetails().errorCode());
        for (String bad : List.of("{\"MessageRetentionPeriod\":\"0\"}", "{\"MessageRetentionPeriod\":\"366\"}",
                "{\"MessageRetentionPeriod\":\"x\"}", "{\"Other\":1}", "[1]")) {
            assertThrows(InvalidParameterException.class, () -> fifoTopic(bad), bad);
        }
        String topic = fifoTopic("{\"MessageRetentionPeriod\":\"7\"}");
        Queue q = queue(unique("bad") + ".fifo");
        String sub = sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(q.arn())).subscriptionArn();
        for (String bad : List.of("{\"PointType\":\"Sequence\",\"StartingPoint\":\"2024-01-01T00:00:00Z\"}",
                "{\"PointType\":\"Timestamp\"}", "{\"PointType\":\"Timestamp\",\"StartingPoint\":\"yesterday\"}",
                "{\"PointType\":\"Timestamp\",\"StartingPoint\":\"2024-01-02T00:00:00Z\",\"EndingPoint\":\"2024-01-01T00:00:00Z\"}")) {
            assertThrows(InvalidParameterException.class, () -> sns.setSubscriptionAttributes(b -> b.subscriptionArn(sub)
                    .attributeName("ReplayPolicy").attributeValue(bad)), bad);
        }
        assertNull(sns.getSubscriptionAttributes(b -> b.subscriptionArn(sub)).attributes().get("ReplayStatus"));
    }
}
