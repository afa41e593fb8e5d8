package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.events.ServiceMetric;
import io.gureum.core.testing.MetricRecorder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.StorageClass;

/** S3 publishes its daily AWS/S3 storage metrics on the server's event bus at midnight UTC of the clock. */
class StorageMetricsIT extends S3Fixture {
    private static final String NS = "AWS/S3";

    @Test
    void bucketSizeAndObjectCountOnceADay() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromString("12345"));
        s3.putObject(b -> b.bucket(bucket).key("b"), RequestBody.fromString("123"));
        s3.putObject(b -> b.bucket(bucket).key("c").storageClass(StorageClass.STANDARD_IA),
                RequestBody.fromString("1234567"));
        try (MetricRecorder metrics = new MetricRecorder(gureum)) {
            gureum.context().clock().advance(Duration.ofDays(1));
            Map<String, String> standard = Map.of("BucketName", bucket, "StorageType", "StandardStorage");
            List<ServiceMetric> size = metrics.await(NS, "BucketSizeBytes", standard, 1);
            assertEquals(1, size.size(), "one data point for one day");
            assertEquals(8, size.get(0).value());
            assertEquals("Bytes", size.get(0).unit());
            assertEquals(size.get(0).timestamp().truncatedTo(ChronoUnit.DAYS), size.get(0).timestamp(), "midnight");
            assertEquals(7, metrics.await(NS, "BucketSizeBytes",
                    Map.of("BucketName", bucket, "StorageType", "StandardIAStorage"), 1).get(0).value());
            ServiceMetric count = metrics.await(NS, "NumberOfObjects",
                    Map.of("BucketName", bucket, "StorageType", "AllStorageTypes"), 1).get(0);
            assertEquals(3, count.value());
            assertEquals("Count", count.unit());
            assertEquals(true, count.timestamp().isBefore(Instant.now().plus(Duration.ofDays(2))));
        }
    }
}
