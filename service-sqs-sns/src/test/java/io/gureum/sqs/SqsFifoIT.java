package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

class SqsFifoIT extends SqsTestSupport {

    @Test
    void aGroupIsDeliveredInOrderAndOneBatchAtATime() {
        String url = createFifoQueue(unique("order"), false);
        List<String> seq = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            SendMessageResponse r = sqs.sendMessage(b -> b.queueUrl(url).messageBody("a" + n).messageGroupId("A")
                    .messageDeduplicationId("a" + n));
            assertNotNull(r.sequenceNumber());
            seq.add(r.sequenceNumber());
        }
        assertEquals(seq.stream().sorted().toList(), seq, "sequence numbers grow");
        List<Message> first = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(2)).messages();
        assertEquals(List.of("a0", "a1"), SqsMessagesIT.bodies(first));
        // The group is locked while a0 and a1 are in flight.
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages().isEmpty());
        first.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        assertEquals(List.of("a2", "a3", "a4"),
                SqsMessagesIT.bodies(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()));
    }

    @Test
    void otherGroupsAreNotBlockedByAnInFlightGroup() {
        String url = createFifoQueue(unique("groups"), true);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("a1").messageGroupId("A"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("a2").messageGroupId("A"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("b1").messageGroupId("B"));
        Message a1 = sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0);
        assertEquals("a1", a1.body());
        Message b1 = sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0);
        assertEquals("b1", b1.body());
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(url)).messages().isEmpty());
        // a1's visibility runs out: a1 comes back before a2.
        advance(31);
        assertEquals("a1", sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0).body());
    }

    @Test
    void duplicatesWithinFiveMinutesAreAcceptedButNotDelivered() {
        String url = createFifoQueue(unique("dedup"), false);
        SendMessageResponse one = sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("g")
                .messageDeduplicationId("d1"));
        SendMessageResponse two = sqs.sendMessage(b -> b.queueUrl(url).messageBody("other body").messageGroupId("g")
                .messageDeduplicationId("d1"));
        assertEquals(one.messageId(), two.messageId());
        assertEquals(1, sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages().size());
        advance(301);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("g").messageDeduplicationId("d1"));
        assertEquals("2", sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings(
                "ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages"));
    }

    @Test
    void contentBasedDeduplicationHashesTheBody() {
        String url = createFifoQueue(unique("content"), true);
        String id1 = sqs.sendMessage(b -> b.queueUrl(url).messageBody("same").messageGroupId("g")).messageId();
        String id2 = sqs.sendMessage(b -> b.queueUrl(url).messageBody("same").messageGroupId("g")).messageId();
        String id3 = sqs.sendMessage(b -> b.queueUrl(url).messageBody("different").messageGroupId("g")).messageId();
        assertEquals(id1, id2);
        assertTrue(!id1.equals(id3));
        Message m = sqs.receiveMessage(b -> b.queueUrl(url).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages().get(0);
        assertEquals("g", m.attributesAsStrings().get("MessageGroupId"));
        assertEquals(64, m.attributesAsStrings().get("MessageDeduplicationId").length());
        assertNotNull(m.attributesAsStrings().get("SequenceNumber"));
    }

    @Test
    void deduplicationScopeMessageGroupKeepsGroupsApart() {
        String url = sqs.createQueue(b -> b.queueName(unique("scope") + ".fifo").attributesWithStrings(Map.of(
                "FifoQueue", "true", "DeduplicationScope", "messageGroup", "FifoThroughputLimit", "perMessageGroupId")))
                .queueUrl();
        String a = sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("A").messageDeduplicationId("d"))
                .messageId();
        String bId = sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("B").messageDeduplicationId("d"))
                .messageId();
        assertTrue(!a.equals(bId));
    }

    @Test
    void fifoRulesAreEnforced() {
        String url = createFifoQueue(unique("rules"), false);
        AwsServiceException noGroup = assertThrows(AwsServiceException.class,
                () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageDeduplicationId("d")));
        assertEquals("MissingParameter", noGroup.awsErrorDetails().errorCode());
        AwsServiceException noDedup = assertThrows(AwsServiceException.class,
                () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("g")));
        assertEquals("InvalidParameterValue", noDedup.awsErrorDetails().errorCode());
        AwsServiceException delay = assertThrows(AwsServiceException.class, () -> sqs.sendMessage(b -> b.queueUrl(url)
                .messageBody("x").messageGroupId("g").messageDeduplicationId("d").delaySeconds(5)));
        assertEquals("InvalidParameterValue", delay.awsErrorDetails().errorCode());
        String standard = createQueue(unique("std"));
        AwsServiceException dedupOnStandard = assertThrows(AwsServiceException.class,
                () -> sqs.sendMessage(b -> b.queueUrl(standard).messageBody("x").messageDeduplicationId("d")));
        assertEquals("InvalidParameterValue", dedupOnStandard.awsErrorDetails().errorCode());
        AwsServiceException throughput = assertThrows(AwsServiceException.class, () -> sqs.setQueueAttributes(
                b -> b.queueUrl(url).attributesWithStrings(Map.of("FifoThroughputLimit", "perMessageGroupId"))));
        assertEquals("InvalidParameterValue", throughput.awsErrorDetails().errorCode());
    }

    @Test
    void aRetriedReceiveAttemptGetsTheSameMessagesAndHandles() {
        String url = createFifoQueue(unique("attempt"), true);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("m1").messageGroupId("g"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("m2").messageGroupId("h"));
        List<Message> first = sqs.receiveMessage(b -> b.queueUrl(url).receiveRequestAttemptId("try-1")).messages();
        List<Message> retry = sqs.receiveMessage(b -> b.queueUrl(url).receiveRequestAttemptId("try-1")).messages();
        assertEquals(first, retry);
        List<Message> other = sqs.receiveMessage(b -> b.queueUrl(url).receiveRequestAttemptId("try-2")).messages();
        assertEquals("m2", other.get(0).body());
        // An attempt that found nothing is not remembered.
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(url).receiveRequestAttemptId("try-3")).messages().isEmpty());
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("m3").messageGroupId("k"));
        assertEquals("m3", sqs.receiveMessage(b -> b.queueUrl(url).receiveRequestAttemptId("try-3")).messages()
                .get(0).body());
    }
}
