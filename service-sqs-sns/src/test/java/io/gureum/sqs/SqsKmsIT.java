package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.testing.AwsClients;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeValueException;
import software.amazon.awssdk.services.sqs.model.KmsDisabledException;
import software.amazon.awssdk.services.sqs.model.KmsInvalidStateException;
import software.amazon.awssdk.services.sqs.model.KmsNotFoundException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** SSE-KMS queues against the real KMS: the data key reuse period on the clock, and KMS's failures. */
class SqsKmsIT extends SqsTestSupport {
    static KmsClient kms;

    @BeforeAll
    static void kms() {
        kms = AwsClients.client(KmsClient.builder(), gureum);
    }

    @AfterAll
    static void closeKms() {
        kms.close();
    }

    static String encryptedQueue(String keyId) {
        return sqs.createQueue(c -> c.queueName(unique("enc")).attributesWithStrings(Map.of("KmsMasterKeyId", keyId,
                "KmsDataKeyReusePeriodSeconds", "60"))).queueUrl();
    }

    @Test
    void anEncryptedQueueSendsAndReceivesAndReportsItsKey() {
        String key = kms.createKey(k -> k.description("sqs")).keyMetadata().keyId();
        String url = encryptedQueue(key);
        sqs.sendMessage(s -> s.queueUrl(url).messageBody("hello"));
        sqs.sendMessageBatch(b -> b.queueUrl(url).entries(SendMessageBatchRequestEntry.builder().id("a")
                .messageBody("batch").build()));
        assertEquals(2, sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages().size());
        Map<String, String> attrs = sqs.getQueueAttributes(g -> g.queueUrl(url)
                .attributeNamesWithStrings("KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds")).attributesAsStrings();
        assertEquals(key, attrs.get("KmsMasterKeyId"));
        assertEquals("60", attrs.get("KmsDataKeyReusePeriodSeconds"));
    }

    @Test
    void theAwsManagedKeyIsCreatedOnFirstUse() {
        String url = encryptedQueue("alias/aws/sqs");
        sqs.sendMessage(s -> s.queueUrl(url).messageBody("hello"));
        assertEquals("AWS", kms.describeKey(d -> d.keyId("alias/aws/sqs")).keyMetadata().keyManagerAsString());
    }

    @Test
    void aMissingKeyFailsSendAndReceive() {
        String url = encryptedQueue("alias/does-not-exist");
        KmsNotFoundException send = assertThrows(KmsNotFoundException.class,
                () -> sqs.sendMessage(s -> s.queueUrl(url).messageBody("x")));
        assertEquals(400, send.statusCode());
        assertThrows(KmsNotFoundException.class, () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("x").build())));
        assertThrows(KmsNotFoundException.class, () -> sqs.receiveMessage(r -> r.queueUrl(url)));
    }

    @Test
    void aDisabledKeyFailsOnceTheDataKeyReusePeriodIsOver() {
        String key = kms.createKey(k -> k.description("sqs")).keyMetadata().arn();
        String url = encryptedQueue(key);
        sqs.sendMessage(s -> s.queueUrl(url).messageBody("before"));
        kms.disableKey(d -> d.keyId(key));
        // SQS reuses its data key for KmsDataKeyReusePeriodSeconds before calling KMS again.
        sqs.sendMessage(s -> s.queueUrl(url).messageBody("cached"));
        advance(61);
        KmsDisabledException send = assertThrows(KmsDisabledException.class,
                () -> sqs.sendMessage(s -> s.queueUrl(url).messageBody("x")));
        assertEquals(400, send.statusCode());
        assertThrows(KmsDisabledException.class, () -> sqs.receiveMessage(r -> r.queueUrl(url)));
        kms.enableKey(e -> e.keyId(key));
        assertEquals(2, sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages().size());
    }

    @Test
    void aKeyPendingDeletionIsInvalidState() {
        String key = kms.createKey(k -> k.description("sqs")).keyMetadata().arn();
        kms.scheduleKeyDeletion(s -> s.keyId(key).pendingWindowInDays(7));
        String url = encryptedQueue(key);
        assertThrows(KmsInvalidStateException.class, () -> sqs.sendMessage(s -> s.queueUrl(url).messageBody("x")));
    }

    @Test
    void theReusePeriodIsSixtySecondsToADay() {
        String url = createQueue(unique("reuse"));
        assertThrows(InvalidAttributeValueException.class, () -> sqs.setQueueAttributes(s -> s.queueUrl(url)
                .attributesWithStrings(Map.of("KmsDataKeyReusePeriodSeconds", "59"))));
        assertThrows(InvalidAttributeValueException.class, () -> sqs.setQueueAttributes(s -> s.queueUrl(url)
                .attributesWithStrings(Map.of("KmsDataKeyReusePeriodSeconds", "86401"))));
        sqs.setQueueAttributes(s -> s.queueUrl(url).attributesWithStrings(Map.of("KmsMasterKeyId", "alias/gone")));
        assertThrows(KmsNotFoundException.class, () -> sqs.sendMessage(s -> s.queueUrl(url).messageBody("x")));
    }
}
