package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sqs.model.InvalidMessageContentsException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.TooManyEntriesInBatchRequestException;

/** The SDK v2 client verifies every MD5 it gets back, so each successful call here also checks them. */
class SqsMessagesIT extends SqsTestSupport {

    private static Map<String, String> counts(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
    }

    @Test
    void sendReceiveDeleteWithAttributesAndTheirMd5s() {
        String url = createQueue(unique("msgs"));
        Map<String, MessageAttributeValue> attrs = Map.of(
                "color", MessageAttributeValue.builder().dataType("String").stringValue("blue 한글").build(),
                "size", MessageAttributeValue.builder().dataType("Number").stringValue("12.5").build(),
                "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("\u0001\u0002")).build(),
                "custom", MessageAttributeValue.builder().dataType("String.custom").stringValue("x").build());
        SendMessageResponse sent = sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello 세계 😀").messageAttributes(attrs)
                .messageSystemAttributes(Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                        MessageSystemAttributeValue.builder().dataType("String").stringValue("Root=1-abc").build())));
        assertEquals("b9c4ec41e5e9ed9c1a0fbe4fe39a2d9e".length(), sent.md5OfMessageBody().length());
        assertTrue(sent.md5OfMessageSystemAttributes() != null);
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertEquals(1, got.size());
        Message m = got.get(0);
        assertEquals(sent.messageId(), m.messageId());
        assertEquals("hello 세계 😀", m.body());
        assertEquals(attrs, m.messageAttributes());
        assertEquals("1", m.attributesAsStrings().get("ApproximateReceiveCount"));
        assertEquals("Root=1-abc", m.attributesAsStrings().get("AWSTraceHeader"));
        assertEquals("test", m.attributesAsStrings().get("SenderId"));
        assertTrue(m.attributesAsStrings().containsKey("SentTimestamp"));
        assertTrue(m.attributesAsStrings().containsKey("ApproximateFirstReceiveTimestamp"));
        assertEquals("0", counts(url).get("ApproximateNumberOfMessages"));
        assertEquals("1", counts(url).get("ApproximateNumberOfMessagesNotVisible"));
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
        assertEquals("0", counts(url).get("ApproximateNumberOfMessagesNotVisible"));
        advance(31);
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(url)).messages().isEmpty());
    }

    @Test
    void attributeNameFiltersSelectWhatIsReturnedAndTheMd5CoversOnlyThat() {
        String url = createQueue(unique("filter"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageAttributes(Map.of(
                "order.id", MessageAttributeValue.builder().dataType("String").stringValue("1").build(),
                "order.kind", MessageAttributeValue.builder().dataType("String").stringValue("k").build(),
                "other", MessageAttributeValue.builder().dataType("Number").stringValue("3").build())));
        Message m = sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("order.*")).messages().get(0);
        assertEquals(Set.of("order.id", "order.kind"), m.messageAttributes().keySet());
        assertTrue(m.attributes().isEmpty());
    }

    @Test
    void visibilityTimeoutHidesAMessageUntilItPassesAndCountsReceives() {
        String url = createQueue(unique("vis"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("v"));
        Message first = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(10)).messages().get(0);
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(url)).messages().isEmpty());
        advance(10);
        Message second = sqs.receiveMessage(b -> b.queueUrl(url).messageSystemAttributeNames(
                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages().get(0);
        assertEquals(first.messageId(), second.messageId());
        assertNotEquals(first.receiptHandle(), second.receiptHandle());
        assertEquals("2", second.attributesAsStrings().get("ApproximateReceiveCount"));
        // The earlier handle no longer deletes the message.
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(first.receiptHandle()));
        assertEquals("1", counts(url).get("ApproximateNumberOfMessagesNotVisible"));
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(second.receiptHandle()));
        assertEquals("0", counts(url).get("ApproximateNumberOfMessagesNotVisible"));
    }

    @Test
    void changeMessageVisibilityExtendsOrReleases() {
        String url = createQueue(unique("chvis"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("c"));
        Message m = sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0);
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(100));
        advance(60);
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(url)).messages().isEmpty());
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
        Message again = sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0);
        assertEquals(m.messageId(), again.messageId());
        // AWS answers a handle of an earlier delivery with InvalidParameterValue, not MessageNotInflight.
        AwsServiceException e = assertThrows(AwsServiceException.class,
                () -> sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(5)));
        assertEquals(400, e.statusCode());
        assertEquals("InvalidParameterValue", e.awsErrorDetails().errorCode());
        assertEquals("Value " + m.receiptHandle() + " for parameter ReceiptHandle is invalid. Reason: Message does not "
                + "exist or is not available for visibility timeout change.", e.awsErrorDetails().errorMessage());
        AwsServiceException tooLong = assertThrows(AwsServiceException.class, () -> sqs.changeMessageVisibility(
                b -> b.queueUrl(url).receiptHandle(again.receiptHandle()).visibilityTimeout(43_201)));
        assertEquals("InvalidParameterValue", tooLong.awsErrorDetails().errorCode());
    }

    @Test
    void malformedReceiptHandlesAreInvalid() {
        String url = createQueue(unique("handles"));
        ReceiptHandleIsInvalidException e = assertThrows(ReceiptHandleIsInvalidException.class,
                () -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle("garbage")));
        assertEquals(404, e.statusCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains("\"garbage\" is not a valid receipt handle"));
    }

    @Test
    void messageDelaysAndDelayQueuesHoldMessagesBack() {
        String url = sqs.createQueue(b -> b.queueName(unique("delay"))
                .attributesWithStrings(Map.of("DelaySeconds", "30"))).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("queue-delay"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("no-delay").delaySeconds(0));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("own-delay").delaySeconds(60));
        assertEquals("2", counts(url).get("ApproximateNumberOfMessagesDelayed"));
        List<Message> first = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
        assertEquals(List.of("no-delay"), bodies(first));
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(first.get(0).receiptHandle()));
        advance(30);
        assertEquals(List.of("queue-delay"), bodies(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                .visibilityTimeout(600)).messages()));
        advance(30);
        assertEquals(List.of("own-delay"), bodies(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()));
        AwsServiceException e = assertThrows(AwsServiceException.class,
                () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").delaySeconds(901)));
        assertEquals("InvalidParameterValue", e.awsErrorDetails().errorCode());
    }

    @Test
    void messagesExpireAfterTheRetentionPeriod() {
        String url = sqs.createQueue(b -> b.queueName(unique("retention"))
                .attributesWithStrings(Map.of("MessageRetentionPeriod", "60"))).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("old"));
        advance(61);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("new"));
        assertEquals("1", counts(url).get("ApproximateNumberOfMessages"));
        assertEquals(List.of("new"), bodies(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()));
    }

    @Test
    void receiveValidatesItsParameters() {
        String url = createQueue(unique("recv"));
        AwsServiceException e = assertThrows(AwsServiceException.class,
                () -> sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(11)));
        assertEquals("InvalidParameterValue", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertThrows(AwsServiceException.class, () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(21)));
    }

    @Test
    void invalidBodiesAndAttributesAreRejected() {
        String url = createQueue(unique("invalid"));
        assertThrows(InvalidMessageContentsException.class,
                () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("bad \u0000 char")));
        AwsServiceException missing = assertThrows(AwsServiceException.class,
                () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("")));
        assertEquals("MissingParameter", missing.awsErrorDetails().errorCode());
        AwsServiceException badName = assertThrows(AwsServiceException.class, () -> sqs.sendMessage(b -> b.queueUrl(url)
                .messageBody("x").messageAttributes(Map.of("AWS.reserved",
                        MessageAttributeValue.builder().dataType("String").stringValue("v").build()))));
        assertEquals("InvalidParameterValue", badName.awsErrorDetails().errorCode());
        AwsServiceException badNumber = assertThrows(AwsServiceException.class, () -> sqs.sendMessage(b -> b.queueUrl(url)
                .messageBody("x").messageAttributes(Map.of("n",
                        MessageAttributeValue.builder().dataType("Number").stringValue("twelve").build()))));
        assertEquals("InvalidParameterValue", badNumber.awsErrorDetails().errorCode());
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of("MaximumMessageSize", "1024")));
        AwsServiceException tooBig = assertThrows(AwsServiceException.class,
                () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x".repeat(1025))));
        assertEquals("InvalidParameterValue", tooBig.awsErrorDetails().errorCode());
    }

    @Test
    void sendBatchReportsPerEntryFailures() {
        String url = sqs.createQueue(b -> b.queueName(unique("batch"))
                .attributesWithStrings(Map.of("MaximumMessageSize", "1024"))).queueUrl();
        SendMessageBatchResponse r = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("ok1").messageBody("one").build(),
                SendMessageBatchRequestEntry.builder().id("big").messageBody("x".repeat(2000)).build(),
                SendMessageBatchRequestEntry.builder().id("ok2").messageBody("two").messageAttributes(Map.of("a",
                        MessageAttributeValue.builder().dataType("String").stringValue("b").build())).build()));
        assertEquals(List.of("ok1", "ok2"), r.successful().stream().map(e -> e.id()).toList());
        assertEquals(1, r.failed().size());
        assertEquals("big", r.failed().get(0).id());
        assertEquals("InvalidParameterValue", r.failed().get(0).code());
        assertTrue(r.failed().get(0).senderFault());
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).messageAttributeNames("All"))
                .messages();
        assertEquals(2, got.size());
        DeleteMessageBatchResponse d = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(
                e -> e.id("a").receiptHandle(got.get(0).receiptHandle()),
                e -> e.id("b").receiptHandle("not-a-handle")));
        assertEquals(1, d.successful().size());
        assertEquals("ReceiptHandleIsInvalid", d.failed().get(0).code());
        ChangeMessageVisibilityBatchResponse c = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(
                e -> e.id("x").receiptHandle(got.get(1).receiptHandle()).visibilityTimeout(0),
                e -> e.id("y").receiptHandle(got.get(0).receiptHandle()).visibilityTimeout(0)));
        assertEquals(List.of("x"), c.successful().stream().map(e -> e.id()).toList());
        assertEquals("InvalidParameterValue", c.failed().get(0).code());
    }

    @Test
    void batchLevelErrors() {
        String url = createQueue(unique("batcherr"));
        List<SendMessageBatchRequestEntry> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("b").build());
        }
        assertThrows(TooManyEntriesInBatchRequestException.class,
                () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(eleven)));
        assertThrows(EmptyBatchRequestException.class, () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(List.of())));
        assertThrows(BatchEntryIdsNotDistinctException.class, () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                e -> e.id("same").messageBody("1"), e -> e.id("same").messageBody("2"))));
        assertThrows(InvalidBatchEntryIdException.class, () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                e -> e.id("bad id!").messageBody("1"))));
        String half = "x".repeat(600_000);
        BatchRequestTooLongException e = assertThrows(BatchRequestTooLongException.class,
                () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                        x -> x.id("a").messageBody(half), x -> x.id("b").messageBody(half))));
        assertEquals(400, e.statusCode());
    }

    @Test
    void manyMessagesAreEachReceivedOnce() {
        String url = createQueue(unique("many"));
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            sent.add(sqs.sendMessage(b -> b.queueUrl(url).messageBody("m" + n)).messageId());
        }
        Set<String> received = new HashSet<>();
        List<Message> batch;
        while (!(batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()).isEmpty()) {
            for (Message m : batch) {
                assertTrue(received.add(m.messageId()));
            }
        }
        assertEquals(sent, received);
        assertNull(null);
    }

    static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::body).toList();
    }
}
