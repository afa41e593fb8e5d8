package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.events.Subscription;
import io.gureum.core.targets.FunctionTarget;
import io.gureum.core.targets.QueueTarget;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.FilterRuleName;

class NotificationsIT extends S3Fixture {

    /** What a destination received: its type, its ARN, the body, and the source ARN a function is told. */
    record Delivered(String type, String target, String body, String sourceArn) {
    }

    @Test
    void eventsMatchTypeAndKeyFiltersAndCarryAwsJson() throws Exception {
        String bucket = newBucket();
        List<Delivered> seen = new CopyOnWriteArrayList<>();
        String queue = "arn:aws:sqs:us-east-1:000000000000:uploads";
        String function = "arn:aws:lambda:us-east-1:000000000000:function:thumbs";
        try (Subscription queueStub = destination("sqs", QueueTarget.class, queue, seen);
             Subscription functionStub = destination("lambda", FunctionTarget.class, function, seen)) {
            s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> n
                    .queueConfigurations(q -> q.id("q").queueArn(queue).events(Event.S3_OBJECT_CREATED)
                            .filter(f -> f.key(k -> k.filterRules(
                                    FilterRule.builder().name(FilterRuleName.PREFIX).value("img/").build(),
                                    FilterRule.builder().name(FilterRuleName.SUFFIX).value(".png").build()))))
                    .lambdaFunctionConfigurations(l -> l.id("l").lambdaFunctionArn(function)
                            .events(Event.S3_OBJECT_REMOVED_DELETE))));
            assertEquals(2, seen.size());
            JsonNode test = new ObjectMapper().readTree(seen.get(0).body());
            assertEquals("s3:TestEvent", test.get("Event").asText());
            assertEquals(bucket, test.get("Bucket").asText());
            seen.clear();

            s3.putObject(b -> b.bucket(bucket).key("img/cat photo.png"), RequestBody.fromString("png"));
            s3.putObject(b -> b.bucket(bucket).key("img/cat.jpg"), RequestBody.fromString("jpg"));
            s3.putObject(b -> b.bucket(bucket).key("doc/a.png"), RequestBody.fromString("doc"));
            assertEquals(1, seen.size());
            Delivered created = seen.get(0);
            assertEquals("sqs", created.type());
            assertEquals(queue, created.target());
            JsonNode record = new ObjectMapper().readTree(created.body()).get("Records").get(0);
            assertEquals("2.1", record.get("eventVersion").asText());
            assertEquals("aws:s3", record.get("eventSource").asText());
            assertEquals("ObjectCreated:Put", record.get("eventName").asText());
            assertEquals(bucket, record.at("/s3/bucket/name").asText());
            assertEquals("img/cat+photo.png", record.at("/s3/object/key").asText());
            assertEquals(3, record.at("/s3/object/size").asInt());
            assertEquals("q", record.at("/s3/configurationId").asText());
            seen.clear();

            s3.deleteObject(b -> b.bucket(bucket).key("img/cat.jpg"));
            assertEquals(1, seen.size());
            assertEquals("lambda", seen.get(0).type());
            assertEquals("arn:aws:s3:::" + bucket, seen.get(0).sourceArn(), "the function learns the bucket");
            assertTrue(seen.get(0).body().contains("ObjectRemoved:Delete"));
        }
        var config = s3.getBucketNotificationConfiguration(b -> b.bucket(bucket));
        assertEquals(queue, config.queueConfigurations().get(0).queueArn());
        assertEquals(function, config.lambdaFunctionConfigurations().get(0).lambdaFunctionArn());
    }

    @Test
    void aConfigurationWithAMissingDestinationIsRefusedWholeUnlessValidationIsSkipped() {
        String bucket = newBucket();
        String queue = "arn:aws:sqs:us-east-1:000000000000:absent-queue";
        AwsServiceException e = assertThrows(AwsServiceException.class, () -> s3.putBucketNotificationConfiguration(
                b -> b.bucket(bucket).notificationConfiguration(n -> n.queueConfigurations(
                        q -> q.queueArn(queue).events(Event.S3_OBJECT_CREATED)))));
        assertEquals(400, e.statusCode());
        assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
        assertEquals("Unable to validate the following destination configurations", e.awsErrorDetails().errorMessage());
        assertTrue(s3.getBucketNotificationConfiguration(b -> b.bucket(bucket)).queueConfigurations().isEmpty());

        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).skipDestinationValidation(true)
                .notificationConfiguration(n -> n.queueConfigurations(
                        q -> q.queueArn(queue).events(Event.S3_OBJECT_CREATED))));
        assertEquals(queue, s3.getBucketNotificationConfiguration(b -> b.bucket(bucket))
                .queueConfigurations().get(0).queueArn(), "taken without validation");

        List<Delivered> seen = new CopyOnWriteArrayList<>();
        try (Subscription queueStub = destination("sqs", QueueTarget.class, queue, seen)) {
            s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).skipDestinationValidation(true)
                    .notificationConfiguration(n -> n.queueConfigurations(
                            q -> q.queueArn(queue).events(Event.S3_OBJECT_CREATED))));
            assertTrue(seen.isEmpty(), "no s3:TestEvent when validation is skipped");
        }
    }

    /**
     * Stands in for a queue or function of another service, which this module's tests do not run,
     * recording what S3 hands it.
     */
    private static <T> Subscription destination(String service, Class<T> type, String arn, List<Delivered> seen) {
        T stub = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            switch (m.getName()) {
                case "send" -> {
                    seen.add(new Delivered(service, arn, (String) a[0], null));
                    return "message-id";
                }
                case "invokeAsync" -> {
                    seen.add(new Delivered(service, arn, new String((byte[]) a[0], StandardCharsets.UTF_8),
                            (String) a[1]));
                    return null;
                }
                case "fifo" -> {
                    return false;
                }
                default -> throw new UnsupportedOperationException(m.getName());
            }
        }));
        return gureum.context().targets().provide(service, type,
                a -> a.toString().equals(arn) ? Optional.of(stub) : Optional.empty());
    }
}
