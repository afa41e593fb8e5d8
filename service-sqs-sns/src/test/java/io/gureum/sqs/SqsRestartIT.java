package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** What SQS finds again after a restart on the same --data-dir. */
class SqsRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    @Test
    void queuesMessagesReceiveCountsAndVisibilitySurviveARestart() {
        String url;
        String fifoUrl;
        String firstFifoId;
        String inFlightId;
        try (Gureum g = start(); SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            url = sqs.createQueue(b -> b.queueName("kept").tags(Map.of("team", "a"))
                    .attributesWithStrings(Map.of("VisibilityTimeout", "45", "Policy",
                            "{\"Version\":\"2012-10-17\",\"Statement\":[]}"))).queueUrl();
            String gone = sqs.createQueue(b -> b.queueName("gone")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(gone).messageBody("lost"));
            sqs.deleteQueue(b -> b.queueUrl(gone));
            sqs.tagQueue(b -> b.queueUrl(url).tags(Map.of("env", "dev")));
            for (String body : List.of("one", "two", "three")) {
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
            }
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("later").delaySeconds(600));
            Message taken = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1).visibilityTimeout(300))
                    .messages().get(0);
            inFlightId = taken.messageId();
            Message deleted = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1)).messages().get(0);
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(deleted.receiptHandle()));
            fifoUrl = sqs.createQueue(b -> b.queueName("kept.fifo").attributesWithStrings(
                    Map.of("FifoQueue", "true"))).queueUrl();
            firstFifoId = sqs.sendMessage(b -> b.queueUrl(fifoUrl).messageBody("f1").messageGroupId("g")
                    .messageDeduplicationId("d1")).messageId();
            g.context().clock().advance(Duration.ofSeconds(100));
        }
        try (Gureum g = start(); SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            assertTrue(g.context().clock().offset().getSeconds() >= 100, "the clock's offset is kept");
            assertThrows(QueueDoesNotExistException.class, () -> sqs.getQueueUrl(b -> b.queueName("gone")));
            assertEquals(java.net.URI.create(url).getPath(),
                    java.net.URI.create(sqs.getQueueUrl(b -> b.queueName("kept")).queueUrl()).getPath());
            Map<String, String> attrs = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("All"))
                    .attributesAsStrings();
            assertEquals("45", attrs.get("VisibilityTimeout"));
            assertTrue(attrs.get("Policy").contains("2012-10-17"));
            assertEquals("1", attrs.get("ApproximateNumberOfMessages"));
            assertEquals("1", attrs.get("ApproximateNumberOfMessagesNotVisible"));
            assertEquals("1", attrs.get("ApproximateNumberOfMessagesDelayed"));
            assertEquals(Map.of("team", "a", "env", "dev"), sqs.listQueueTags(b -> b.queueUrl(url)).tags());

            String duplicate = sqs.sendMessage(b -> b.queueUrl(fifoUrl).messageBody("f1 again").messageGroupId("g")
                    .messageDeduplicationId("d1")).messageId();
            assertEquals(firstFifoId, duplicate, "the deduplication window survives");
            List<Message> visible = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .visibilityTimeout(0)).messages();
            assertEquals(1, visible.size(), "the in-flight message is still invisible");
            g.context().clock().advance(Duration.ofSeconds(201)); // 300 s after the receive
            List<Message> again = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            Map<String, String> counts = again.stream().collect(Collectors.toMap(Message::messageId,
                    m -> m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)));
            assertEquals("2", counts.get(inFlightId), "its receive count went on from before the restart");
            assertEquals(2, counts.size());

            String next = sqs.sendMessage(b -> b.queueUrl(fifoUrl).messageBody("f2").messageGroupId("g")
                    .messageDeduplicationId("d2")).sequenceNumber();
            Set<String> bodies = sqs.receiveMessage(b -> b.queueUrl(fifoUrl).maxNumberOfMessages(10)).messages()
                    .stream().map(Message::body).collect(Collectors.toSet());
            assertEquals(Set.of("f1", "f2"), bodies);
            assertTrue(next.length() == 20);
        }
    }

    @Test
    void aResetClearsTheRecordsToo() throws Exception {
        try (Gureum g = start(); SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            sqs.createQueue(b -> b.queueName("reset-me"));
            var http = java.net.http.HttpClient.newHttpClient();
            var response = http.send(java.net.http.HttpRequest.newBuilder(g.endpoint().resolve("/_gureum/reset?service=sqs"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
        }
        try (Gureum g = start(); SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            assertThrows(QueueDoesNotExistException.class, () -> sqs.getQueueUrl(b -> b.queueName("reset-me")));
        }
    }

    @Test
    void aFifoReceiveRetriedWithItsAttemptIdAfterARestartGetsTheSameMessagesAndHandles() {
        String url;
        List<Message> first;
        try (Gureum g = start(); SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            url = sqs.createQueue(b -> b.queueName("orders.fifo").attributes(Map.of(
                    software.amazon.awssdk.services.sqs.model.QueueAttributeName.FIFO_QUEUE, "true",
                    software.amazon.awssdk.services.sqs.model.QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")))
                    .queueUrl();
            String u = url;
            sqs.sendMessage(b -> b.queueUrl(u).messageBody("one").messageGroupId("g"));
            sqs.sendMessage(b -> b.queueUrl(u).messageBody("two").messageGroupId("g"));
            first = sqs.receiveMessage(b -> b.queueUrl(u).maxNumberOfMessages(10).receiveRequestAttemptId("try-1/a")
                    .visibilityTimeout(120)).messages();
            assertEquals(2, first.size());
        }
        try (Gureum g = start(); SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            String u = url;
            List<Message> again = sqs.receiveMessage(b -> b.queueUrl(u).maxNumberOfMessages(10)
                    .receiveRequestAttemptId("try-1/a")).messages();
            assertEquals(first.stream().map(Message::receiptHandle).toList(),
                    again.stream().map(Message::receiptHandle).toList(), "the retry answers as the first receive did");
            assertEquals(List.of("one", "two"), again.stream().map(Message::body).toList());
            assertTrue(sqs.receiveMessage(b -> b.queueUrl(u).maxNumberOfMessages(10).receiveRequestAttemptId("try-2"))
                    .messages().isEmpty(), "a new attempt finds the messages still in flight");
            g.context().clock().advance(Duration.ofMinutes(6));
            assertEquals(2, sqs.receiveMessage(b -> b.queueUrl(u).maxNumberOfMessages(10)
                    .receiveRequestAttemptId("try-1/a")).messages().size(), "after five minutes the ID is new again");
        }
    }

    /**
     * A message record whose queue has no record (a SendMessage that raced its queue's DeleteQueue wrote it after the
     * deletion) is dropped at the restart that finds it, and its removal journaled: a queue created later under the
     * same name does not get the message at the restart after.
     */
    @Test
    void aMessageRecordOfAGoneQueueNeverReachesAQueueCreatedLaterUnderItsName() throws Exception {
        try (var state = io.gureum.core.persist.DurableState.open(dataDir)) {
            long now = System.currentTimeMillis(); // the core clock without an offset: well within retention
            state.put("sqs", "000000000000", "us-east-1", SqsRecords.MESSAGE, "ghost/m-1",
                    new SqsRecords.MessageState("m-1", "stale", Map.of(), null, now, "me", null, null, null, now, 1, null,
                            now, 0, 0, 0, 0));
            state.durableNow().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        try (Gureum g = start(); SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            assertThrows(QueueDoesNotExistException.class, () -> sqs.getQueueUrl(b -> b.queueName("ghost")));
            sqs.createQueue(b -> b.queueName("ghost"));
        }
        try (Gureum g = start(); SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            String url = sqs.getQueueUrl(b -> b.queueName("ghost")).queueUrl();
            assertEquals(List.of(), sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages());
        }
    }
}
