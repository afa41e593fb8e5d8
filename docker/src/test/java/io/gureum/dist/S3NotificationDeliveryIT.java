package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * S3 event notifications reach SQS directly and through SNS, across service modules, via core's event
 * bus (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html).
 */
class S3NotificationDeliveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @org.junit.jupiter.api.extension.RegisterExtension
    static final io.gureum.junit5.GureumExtension aws = io.gureum.junit5.GureumExtension.builder().build();
    static Gureum gureum;
    static S3Client s3;
    static SqsClient sqs;
    static SnsClient sns;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum);
        sqs = AwsClients.client(SqsClient.builder(), gureum);
        sns = AwsClients.client(SnsClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        s3.close();
        sqs.close();
        sns.close();
    }

    private static String queueArn(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static List<Message> receive(String url) {
        return sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2).maxNumberOfMessages(10)).messages();
    }

    @Test
    void anUploadNotifiesAQueueWithS3sEventJson() throws Exception {
        String url = sqs.createQueue(b -> b.queueName("uploads")).queueUrl();
        s3.createBucket(b -> b.bucket("photos"));
        s3.putBucketNotificationConfiguration(b -> b.bucket("photos").notificationConfiguration(n -> n
                .queueConfigurations(q -> q.queueArn(queueArn(url)).events(Event.S3_OBJECT_CREATED)
                        .filter(f -> f.key(k -> k.filterRules(r -> r.name("suffix").value(".jpg")))))));
        List<Message> test = receive(url);
        assertEquals(1, test.size());
        assertEquals("s3:TestEvent", JSON.readTree(test.get(0).body()).get("Event").asText());
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(test.get(0).receiptHandle()));

        s3.putObject(b -> b.bucket("photos").key("notes.txt"), RequestBody.fromString("not a photo"));
        s3.putObject(b -> b.bucket("photos").key("cat.jpg"), RequestBody.fromString("meow"));
        List<Message> got = receive(url);
        assertEquals(1, got.size(), "only the .jpg matches the suffix filter");
        JsonNode record = JSON.readTree(got.get(0).body()).get("Records").get(0);
        assertEquals("aws:s3", record.get("eventSource").asText());
        assertEquals("ObjectCreated:Put", record.get("eventName").asText());
        assertEquals("photos", record.get("s3").get("bucket").get("name").asText());
        assertEquals("cat.jpg", record.get("s3").get("object").get("key").asText());
        assertEquals(4, record.get("s3").get("object").get("size").asInt());
    }

    @Test
    void anUploadNotifiesATopicThatFansOutToAQueue() throws Exception {
        String url = sqs.createQueue(b -> b.queueName("fanout")).queueUrl();
        String topic = sns.createTopic(b -> b.name("uploads-topic")).topicArn();
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn(url)));
        s3.createBucket(b -> b.bucket("docs"));
        s3.putBucketNotificationConfiguration(b -> b.bucket("docs").notificationConfiguration(n -> n
                .topicConfigurations(t -> t.topicArn(topic).events(Event.S3_OBJECT_CREATED))));
        receive(url).forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));

        s3.putObject(b -> b.bucket("docs").key("report.pdf"), RequestBody.fromString("pdf"));
        List<Message> got = receive(url);
        assertEquals(1, got.size());
        JsonNode envelope = JSON.readTree(got.get(0).body());
        assertEquals("Notification", envelope.get("Type").asText());
        assertEquals("Amazon S3 Notification", envelope.get("Subject").asText());
        assertTrue(envelope.get("Message").asText().contains("\"key\":\"report.pdf\""), envelope.toString());
    }
}
