package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.testing.AwsClients;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.s3.S3Client;

/** AWS services' own events on the default bus: S3 object events and EC2 instance state changes. */
class ServiceEventsIT extends EventsTestSupport {

    @Test
    void s3UploadReachesAQueueThroughARule() {
        String bucket = unique("events-bucket");
        String url = ruleToQueue(unique("s3"), "{\"source\":[\"aws.s3\"],\"detail-type\":[\"Object Created\"],"
                + "\"detail\":{\"bucket\":{\"name\":[\"" + bucket + "\"]}}}");
        try (S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum)) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                    .notificationConfiguration(n -> n.eventBridgeConfiguration(e -> {
                    })));
            assertTrue(s3.getBucketNotificationConfiguration(b -> b.bucket(bucket)).eventBridgeConfiguration() != null);
            s3.putObject(b -> b.bucket(bucket).key("photos/cat.jpg"), RequestBody.fromString("meow"));
            JsonNode e = json(receive(url, 1).get(0).body());
            assertEquals("aws.s3", e.get("source").asText());
            assertEquals("Object Created", e.get("detail-type").asText());
            assertEquals(List.of("arn:aws:s3:::" + bucket), List.of(e.get("resources").get(0).asText()));
            assertEquals("0", e.at("/detail/version").asText());
            assertEquals(bucket, e.at("/detail/bucket/name").asText());
            assertEquals("photos/cat.jpg", e.at("/detail/object/key").asText());
            assertEquals(4, e.at("/detail/object/size").asInt());
            assertEquals("PutObject", e.at("/detail/reason").asText());
            assertEquals(ACCOUNT, e.at("/detail/requester").asText());
            // a deletion is "Object Deleted", which this rule does not match
            s3.deleteObject(b -> b.bucket(bucket).key("photos/cat.jpg"));
            assertEmpty(url);
        }
    }

    @Test
    void ec2StateChangesReachAQueue() {
        String url = ruleToQueue(unique("ec2"), "{\"source\":[\"aws.ec2\"],"
                + "\"detail-type\":[\"EC2 Instance State-change Notification\"]}");
        try (Ec2Client ec2 = AwsClients.client(Ec2Client.builder(), gureum)) {
            String ami = ec2.describeImages(b -> b.owners("amazon").filters(Filter.builder().name("name")
                    .values("al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64").build())).images().get(0).imageId();
            String id = ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1))
                    .instances().get(0).instanceId();
            JsonNode pending = json(receive(url, 1).get(0).body());
            assertEquals(id, pending.at("/detail/instance-id").asText());
            assertEquals("pending", pending.at("/detail/state").asText());
            assertEquals("arn:aws:ec2:us-east-1:" + ACCOUNT + ":instance/" + id, pending.at("/resources/0").asText());

            gureum.context().clock().advance(Duration.ofMinutes(1));
            assertEquals("running", json(receive(url, 1).get(0).body()).at("/detail/state").asText());
            ec2.terminateInstances(b -> b.instanceIds(id));
            assertEquals("shutting-down", json(receive(url, 1).get(0).body()).at("/detail/state").asText());
        }
    }
}
