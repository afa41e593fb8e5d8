package io.gureum.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.testing.AwsClients;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.model.KmsDisabledException;
import software.amazon.awssdk.services.sns.model.KmsInvalidStateException;
import software.amazon.awssdk.services.sns.model.KmsNotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;

/** Topics encrypted with the real KMS: publishing needs a usable key. */
class SnsKmsIT extends SnsTestSupport {
    static KmsClient kms;

    @BeforeAll
    static void kms() {
        kms = AwsClients.client(KmsClient.builder(), gureum);
    }

    @AfterAll
    static void closeKms() {
        kms.close();
    }

    static String topic(String keyId) {
        return sns.createTopic(c -> c.name(unique("enc")).attributes(Map.of("KmsMasterKeyId", keyId))).topicArn();
    }

    @Test
    void anEncryptedTopicPublishesAndDelivers() {
        String key = kms.createKey(k -> k.description("sns")).keyMetadata().keyId();
        String topic = topic(key);
        Queue q = queue(unique("sub"));
        sns.subscribe(s -> s.topicArn(topic).protocol("sqs").endpoint(q.arn())
                .attributes(Map.of("RawMessageDelivery", "true")));
        sns.publish(p -> p.topicArn(topic).message("hello"));
        assertEquals("hello", sqs.receiveMessage(r -> r.queueUrl(q.url()).waitTimeSeconds(2)).messages().get(0)
                .body());
        assertEquals(key, sns.getTopicAttributes(g -> g.topicArn(topic)).attributes().get("KmsMasterKeyId"));
        sns.publish(p -> p.topicArn(topicWithManagedKey()).message("managed"));
    }

    private static String topicWithManagedKey() {
        return topic("alias/aws/sns");
    }

    @Test
    void aMissingKeyFailsPublish() {
        String topic = topic("alias/nothing-here");
        KmsNotFoundException e = assertThrows(KmsNotFoundException.class,
                () -> sns.publish(p -> p.topicArn(topic).message("x")));
        assertEquals("KMSNotFound", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertThrows(KmsNotFoundException.class, () -> sns.publishBatch(b -> b.topicArn(topic)
                .publishBatchRequestEntries(PublishBatchRequestEntry.builder().id("a").message("x").build())));
    }

    @Test
    void aDisabledKeyFailsPublishUntilEnabled() {
        String key = kms.createKey(k -> k.description("sns")).keyMetadata().arn();
        String topic = topic(key);
        kms.disableKey(d -> d.keyId(key));
        KmsDisabledException e = assertThrows(KmsDisabledException.class,
                () -> sns.publish(p -> p.topicArn(topic).message("x")));
        assertEquals("KMSDisabled", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        kms.enableKey(k -> k.keyId(key));
        sns.publish(p -> p.topicArn(topic).message("x"));
    }

    @Test
    void aKeyPendingDeletionIsInvalidState() {
        String key = kms.createKey(k -> k.description("sns")).keyMetadata().arn();
        String topic = topic(key);
        kms.scheduleKeyDeletion(s -> s.keyId(key).pendingWindowInDays(7));
        KmsInvalidStateException e = assertThrows(KmsInvalidStateException.class,
                () -> sns.publish(p -> p.topicArn(topic).message("x")));
        assertEquals("KMSInvalidState", e.awsErrorDetails().errorCode());
    }
}
