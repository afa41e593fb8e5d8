package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.dispatch.InlineRequests;
import io.gureum.core.testing.AwsClients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Every operation SQS declares inline (ADR 0018) is answered on the event loop without waiting there: the tests
 * run with {@code -Dgureum.inline.check=true}, which counts an inline answer whose thread parked, slept or blocked
 * on a monitor for a millisecond or more. A long poll, and a KMS-encrypted queue (a data key from KMS in process), are among them.
 */
class InlineOperationsIT extends SqsTestSupport {

    @Test
    void declaredOperationsAnswerOnTheEventLoopWithoutWaiting() throws Exception {
        String url = createQueue(unique("inline"));
        String encrypted;
        try (KmsClient kms = AwsClients.client(KmsClient.builder(), gureum)) {
            String key = kms.createKey(k -> k.description("inline")).keyMetadata().keyId();
            encrypted = sqs.createQueue(c -> c.queueName(unique("inline-kms"))
                    .attributesWithStrings(Map.of("KmsMasterKeyId", key))).queueUrl();
        }
        InlineRequests.Counts before = gureum.inlineCounts();

        sqs.getQueueUrl(b -> b.queueName(url.substring(url.lastIndexOf('/') + 1)));
        sqs.listQueues();
        sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("All"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("one"));
        sqs.sendMessageBatch(b -> b.queueUrl(url).entries(SendMessageBatchRequestEntry.builder().id("a")
                .messageBody("two").build()));
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
        assertEquals(2, got.size());
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(got.get(0).receiptHandle())
                .visibilityTimeout(0));
        sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(ChangeMessageVisibilityBatchRequestEntry
                .builder().id("a").receiptHandle(got.get(1).receiptHandle()).visibilityTimeout(60).build()));
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(got.get(1).receiptHandle()));
        List<Message> again = sqs.receiveMessage(b -> b.queueUrl(url)).messages();
        assertEquals("one", again.get(0).body());
        sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(DeleteMessageBatchRequestEntry.builder().id("a")
                .receiptHandle(again.get(0).receiptHandle()).build()));

        // A long poll holds no thread: a timer answers it when its wait is over.
        sqs.sendMessage(b -> b.queueUrl(encrypted).messageBody("secret"));
        Message secret = sqs.receiveMessage(b -> b.queueUrl(encrypted).waitTimeSeconds(1)).messages().get(0);
        assertEquals("secret", secret.body());
        assertEquals(List.of(), sqs.receiveMessage(b -> b.queueUrl(encrypted).waitTimeSeconds(1)).messages());

        InlineRequests.Counts after = gureum.inlineCounts();
        assertEquals(14, after.answered() - before.answered(), "each of the 14 calls answered inline");
        assertEquals(0, after.waited() - before.waited(), "no inline answer waited (see the log's ERROR line)");
    }
}
