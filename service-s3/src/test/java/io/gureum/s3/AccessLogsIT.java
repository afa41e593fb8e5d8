package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Server access logs delivered to the target bucket on Gureum's clock. */
class AccessLogsIT extends S3Fixture {

    /** The target's objects under {@code prefix}, waiting (boundedly) for the delivery the clock made due. */
    static List<S3Object> logs(String bucket, String prefix) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            List<S3Object> found = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents();
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(100);
        }
        return List.of();
    }

    @Test
    void requestsAreDeliveredAsLogObjectsAfterTheClockMoves() throws Exception {
        String source = newBucket();
        String target = newBucket();
        s3.putBucketLogging(b -> b.bucket(source).bucketLoggingStatus(s -> s.loggingEnabled(l -> l.targetBucket(target)
                .targetPrefix("logs/"))));
        s3.putObject(b -> b.bucket(source).key("a.txt"), RequestBody.fromString("hello"));
        s3.getObjectAsBytes(b -> b.bucket(source).key("a.txt"));
        try {
            s3.getObjectAsBytes(b -> b.bucket(source).key("missing"));
        } catch (NoSuchKeyException expected) {
            // logged with its error code
        }
        assertTrue(s3.listObjectsV2(b -> b.bucket(target)).contents().isEmpty(), "nothing before the delivery");
        gureum.context().clock().advance(AccessLogs.DELIVERY.plus(Duration.ofSeconds(1)));
        List<S3Object> delivered = logs(target, "logs/");
        assertEquals(1, delivered.size());
        assertTrue(delivered.get(0).key().matches("logs/\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9A-F]{16}"),
                delivered.get(0).key());
        String log = s3.getObjectAsBytes(b -> b.bucket(target).key(delivered.get(0).key())).asUtf8String();
        String[] lines = log.split("\n");
        assertEquals(4, lines.length, log); // PutBucketLogging itself, once logging was on, then the three
        assertTrue(lines[0].contains(" REST.PUT.LOGGING - "), lines[0]);
        assertTrue(lines[1].contains(" " + source + " [") && lines[1].contains(" REST.PUT.OBJECT a.txt \"PUT /" + source
                + "/a.txt"), lines[1]);
        assertTrue(lines[2].contains(" REST.GET.OBJECT a.txt ") && lines[2].contains("\" 200 - 5 "), lines[2]);
        assertTrue(lines[3].contains("\" 404 NoSuchKey "), lines[3]);
    }

    @Test
    void partitionedPrefixNamesAccountRegionAndBucket() throws Exception {
        String source = newBucket();
        String target = newBucket();
        s3.putBucketLogging(b -> b.bucket(source).bucketLoggingStatus(s -> s.loggingEnabled(l -> l.targetBucket(target)
                .targetPrefix("p/").targetObjectKeyFormat(f -> f.partitionedPrefix(p -> p
                        .partitionDateSource("EventTime"))))));
        s3.listObjectsV2(b -> b.bucket(source));
        gureum.context().clock().advance(AccessLogs.DELIVERY.plus(Duration.ofSeconds(1)));
        List<S3Object> delivered = logs(target, "p/");
        assertEquals(1, delivered.size());
        assertTrue(delivered.get(0).key().startsWith("p/000000000000/us-east-1/" + source + "/"), delivered.get(0).key());
    }
}
