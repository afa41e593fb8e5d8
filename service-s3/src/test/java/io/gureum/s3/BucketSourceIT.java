package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.targets.BucketSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** Other services (Lambda's S3 code) read objects through core's lookup by ARN. */
class BucketSourceIT extends S3Fixture {

    private static BucketSource source(String bucket) {
        return gureum.context().targets().lookup("arn:aws:s3:::" + bucket, BucketSource.class).orElseThrow();
    }

    @Test
    void readsTheCurrentObjectAndANamedVersion() throws Exception {
        String bucket = newBucket();
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
        String v1 = s3.putObject(b -> b.bucket(bucket).key("code.zip"), RequestBody.fromString("one")).versionId();
        s3.putObject(b -> b.bucket(bucket).key("code.zip"), RequestBody.fromString("two"));
        try (InputStream in = source(bucket).open("code.zip", null).orElseThrow()) {
            assertArrayEquals("two".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
        try (InputStream in = source(bucket).open("code.zip", v1).orElseThrow()) {
            assertEquals("one", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void missingKeysDeleteMarkersAndBucketsAreEmpty() {
        String bucket = newBucket();
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
        s3.putObject(b -> b.bucket(bucket).key("gone"), RequestBody.fromString("x"));
        s3.deleteObject(b -> b.bucket(bucket).key("gone"));
        assertTrue(source(bucket).open("gone", null).isEmpty());
        assertTrue(source(bucket).open("never", null).isEmpty());
        assertTrue(source(bucket).open("gone", "no-such-version").isEmpty());
        assertTrue(gureum.context().targets().lookup("arn:aws:s3:::no-such-bucket-here", BucketSource.class)
                .isEmpty());
    }
}
