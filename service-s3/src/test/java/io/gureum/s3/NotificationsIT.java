package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.spi.AwsService;
import io.gureum.core.testing.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.FilterRuleName;

/**
 * Event notifications reach the destination's own API, called by S3's service principal in the
 * destination's account and region
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html).
 * The destinations are {@link FakeDestinations}: this module does not depend on SQS, SNS or Lambda.
 */
class NotificationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeDestinations FAKES = new FakeDestinations();
    static Gureum gureum;
    static S3Client s3;

    @BeforeAll
    static void start() {
        List<AwsService> services = new ArrayList<>(List.of(new S3Service()));
        services.addAll(FAKES.services());
        gureum = Gureum.start(GureumConfig.builder().port(0).build(), services);
        s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum.endpoint(), "test", "us-east-1");
    }

    @AfterAll
    static void stop() {
        s3.close();
        gureum.close();
    }

    private static String newBucket(S3Client client) {
        String name = "n-" + UUID.randomUUID().toString().substring(0, 12);
        client.createBucket(b -> b.bucket(name));
        return name;
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<FakeDestinations.Delivered> deliveredTo(String target) {
        return FAKES.delivered.stream().filter(d -> d.target().equals(target)).toList();
    }

    @Test
    void eventsMatchTypeAndKeyFiltersAndReachEachDestinationAsS3() throws Exception {
        String bucket = newBucket(s3);
        String queueName = unique("uploads-");
        // Another account and region than the bucket's: the call goes where the ARN says.
        String queue = "arn:aws:sqs:eu-west-1:111122223333:" + queueName;
        String queueUrl = "http://sqs.test/111122223333/" + queueName;
        String topic = "arn:aws:sns:us-east-1:000000000000:" + unique("topic-");
        String function = "arn:aws:lambda:us-east-1:000000000000:function:" + unique("thumbs-");
        FAKES.existing.addAll(List.of(queue, topic, function));
        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> n
                .queueConfigurations(q -> q.id("q").queueArn(queue).events(Event.S3_OBJECT_CREATED)
                        .filter(f -> f.key(k -> k.filterRules(
                                FilterRule.builder().name(FilterRuleName.PREFIX).value("img/").build(),
                                FilterRule.builder().name(FilterRuleName.SUFFIX).value(".png").build()))))
                .topicConfigurations(t -> t.id("t").topicArn(topic).events(Event.S3_OBJECT_REMOVED))
                .lambdaFunctionConfigurations(l -> l.id("l").lambdaFunctionArn(function)
                        .events(Event.S3_OBJECT_REMOVED_DELETE))));
        for (String target : List.of(queueUrl, topic, function)) {
            List<FakeDestinations.Delivered> test = deliveredTo(target);
            assertEquals(1, test.size(), target);
            assertEquals("s3:TestEvent", JSON.readTree(test.get(0).body()).get("Event").asText());
            assertEquals(bucket, JSON.readTree(test.get(0).body()).get("Bucket").asText());
        }

        s3.putObject(b -> b.bucket(bucket).key("img/cat photo.png"), RequestBody.fromString("png"));
        s3.putObject(b -> b.bucket(bucket).key("img/cat.jpg"), RequestBody.fromString("jpg"));
        s3.putObject(b -> b.bucket(bucket).key("doc/a.png"), RequestBody.fromString("doc"));
        List<FakeDestinations.Delivered> toQueue = deliveredTo(queueUrl);
        assertEquals(2, toQueue.size(), "the test event and the one matching upload");
        FakeDestinations.Delivered created = toQueue.get(1);
        assertEquals("sqs", created.api());
        assertEquals("s3.amazonaws.com", created.principal());
        assertEquals("arn:aws:s3:::" + bucket, created.sourceArn());
        assertEquals("111122223333", created.account());
        assertEquals("eu-west-1", created.region());
        JsonNode record = JSON.readTree(created.body()).get("Records").get(0);
        assertEquals("2.1", record.get("eventVersion").asText());
        assertEquals("aws:s3", record.get("eventSource").asText());
        assertEquals("ObjectCreated:Put", record.get("eventName").asText());
        assertEquals(bucket, record.at("/s3/bucket/name").asText());
        assertEquals("img/cat+photo.png", record.at("/s3/object/key").asText());
        assertEquals(3, record.at("/s3/object/size").asInt());
        assertEquals("q", record.at("/s3/configurationId").asText());

        s3.deleteObject(b -> b.bucket(bucket).key("img/cat.jpg"));
        List<FakeDestinations.Delivered> toFunction = deliveredTo(function);
        assertEquals(2, toFunction.size());
        FakeDestinations.Delivered invoked = toFunction.get(1);
        assertEquals("Event", invoked.detail(), "an asynchronous invocation");
        assertEquals("arn:aws:s3:::" + bucket, invoked.sourceArn(), "the function learns the bucket");
        assertEquals("s3.amazonaws.com", invoked.principal());
        assertEquals("ObjectRemoved:Delete", JSON.readTree(invoked.body()).at("/Records/0/eventName").asText());
        List<FakeDestinations.Delivered> toTopic = deliveredTo(topic);
        assertEquals(2, toTopic.size());
        assertEquals("Amazon S3 Notification", toTopic.get(1).detail(), "the subject SNS shows");
        assertEquals("ObjectRemoved:Delete", JSON.readTree(toTopic.get(1).body()).at("/Records/0/eventName").asText());
        assertEquals(2, deliveredTo(queueUrl).size(), "a removal is no ObjectCreated event");

        var config = s3.getBucketNotificationConfiguration(b -> b.bucket(bucket));
        assertEquals(queue, config.queueConfigurations().get(0).queueArn());
        assertEquals(topic, config.topicConfigurations().get(0).topicArn());
        assertEquals(function, config.lambdaFunctionConfigurations().get(0).lambdaFunctionArn());
    }

    @Test
    void aConfigurationWithAMissingDestinationIsRefusedWholeUnlessValidationIsSkipped() {
        String bucket = newBucket(s3);
        String queue = "arn:aws:sqs:us-east-1:000000000000:" + unique("absent-");
        String topic = "arn:aws:sns:us-east-1:000000000000:" + unique("present-");
        FAKES.existing.add(topic);
        AwsServiceException e = assertThrows(AwsServiceException.class, () -> s3.putBucketNotificationConfiguration(
                b -> b.bucket(bucket).notificationConfiguration(n -> n
                        .topicConfigurations(t -> t.topicArn(topic).events(Event.S3_OBJECT_CREATED))
                        .queueConfigurations(q -> q.queueArn(queue).events(Event.S3_OBJECT_CREATED)))));
        assertEquals(400, e.statusCode());
        assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
        assertEquals("Unable to validate the following destination configurations", e.awsErrorDetails().errorMessage());
        var kept = s3.getBucketNotificationConfiguration(b -> b.bucket(bucket));
        assertTrue(kept.queueConfigurations().isEmpty() && kept.topicConfigurations().isEmpty(), kept.toString());
        assertTrue(deliveredTo(topic).isEmpty(), "no s3:TestEvent for a refused configuration");

        String missingFunction = "arn:aws:lambda:us-east-1:000000000000:function:" + unique("absent-");
        assertThrows(AwsServiceException.class, () -> s3.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                .notificationConfiguration(n -> n.lambdaFunctionConfigurations(
                        l -> l.lambdaFunctionArn(missingFunction).events(Event.S3_OBJECT_CREATED)))));
        assertThrows(AwsServiceException.class, () -> s3.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                .notificationConfiguration(n -> n.queueConfigurations(
                        q -> q.queueArn("not-an-arn").events(Event.S3_OBJECT_CREATED)))));

        String fifo = "arn:aws:sqs:us-east-1:000000000000:" + unique("orders-") + ".fifo";
        FAKES.existing.add(fifo);
        AwsServiceException notFifo = assertThrows(AwsServiceException.class, () -> s3
                .putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> n
                        .queueConfigurations(q -> q.queueArn(fifo).events(Event.S3_OBJECT_CREATED)))));
        assertEquals("InvalidArgument", notFifo.awsErrorDetails().errorCode(), "a FIFO queue is no destination");

        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).skipDestinationValidation(true)
                .notificationConfiguration(n -> n
                        .topicConfigurations(t -> t.topicArn(topic).events(Event.S3_OBJECT_CREATED))
                        .queueConfigurations(q -> q.queueArn(queue).events(Event.S3_OBJECT_CREATED))));
        assertEquals(queue, s3.getBucketNotificationConfiguration(b -> b.bucket(bucket))
                .queueConfigurations().get(0).queueArn(), "taken without validation");
        assertTrue(deliveredTo(topic).isEmpty(), "no s3:TestEvent when validation is skipped");

        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        assertEquals(1, deliveredTo(topic).size(), "the existing destination gets the event; the missing one drops it");
    }

    @Test
    void aDestinationWhoseApiThisServerDoesNotServeDoesNotExist() {
        try (Gureum alone = Gureum.start(GureumConfig.builder().port(0).build(), List.of(new S3Service()));
                S3Client client = AwsClients.client(S3Client.builder().forcePathStyle(true), alone.endpoint(), "test",
                        "us-east-1")) {
            String bucket = newBucket(client);
            String queue = "arn:aws:sqs:us-east-1:000000000000:anything";
            AwsServiceException e = assertThrows(AwsServiceException.class, () -> client
                    .putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> n
                            .queueConfigurations(q -> q.queueArn(queue).events(Event.S3_OBJECT_CREATED)))));
            assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
            client.putBucketNotificationConfiguration(b -> b.bucket(bucket).skipDestinationValidation(true)
                    .notificationConfiguration(n -> n.queueConfigurations(
                            q -> q.queueArn(queue).events(Event.S3_OBJECT_CREATED))));
            assertEquals(200, client.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"))
                    .sdkHttpResponse().statusCode(), "an undeliverable event never fails the upload");
        }
    }
}
