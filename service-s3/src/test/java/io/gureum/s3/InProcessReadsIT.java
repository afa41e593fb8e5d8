package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.spi.Caller;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Other services read S3 through an in-process {@link S3Client} (Lambda's deployment packages): the
 * caller's {@link ResponseTransformer} receives the object's stream, and errors are S3's modeled ones.
 */
class InProcessReadsIT extends S3Fixture {

    private static S3Client inProcess() {
        return gureum.context().clients().client(S3Client.class, Caller.root("000000000000", "us-east-1"));
    }

    @Test
    void readsTheCurrentObjectAndANamedVersionIntoTheCallersTransformer() throws Exception {
        String bucket = newBucket();
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
        String v1 = s3.putObject(b -> b.bucket(bucket).key("code.zip"), RequestBody.fromString("one")).versionId();
        s3.putObject(b -> b.bucket(bucket).key("code.zip"), RequestBody.fromString("two"));
        S3Client client = inProcess();
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(bucket).key("code.zip"))) {
            assertArrayEquals("two".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
            assertEquals(3L, in.response().contentLength());
        }
        String first = client.getObject(b -> b.bucket(bucket).key("code.zip").versionId(v1),
                (response, stream) -> response.versionId() + ":" + new String(stream.readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(v1 + ":one", first);
        assertEquals("wo", client.getObjectAsBytes(b -> b.bucket(bucket).key("code.zip").range("bytes=1-2"))
                .asUtf8String());
        assertEquals(3L, client.headObject(b -> b.bucket(bucket).key("code.zip")).contentLength());
        assertEquals(v1, client.headObject(b -> b.bucket(bucket).key("code.zip").versionId(v1)).versionId());
    }

    @Test
    void theStreamIsClosedOnceATransformerThatDoesNotKeepItReturns() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("bytes"));
        InputStream[] held = new InputStream[1];
        inProcess().getObject(b -> b.bucket(bucket).key("k"), (response, stream) -> {
            held[0] = stream;
            return response;
        });
        assertThrows(java.io.IOException.class, () -> held[0].read(), "closed, as an SDK client closes it");
    }

    @Test
    void writesThroughARequestBody() throws Exception {
        String bucket = newBucket();
        inProcess().putObject(b -> b.bucket(bucket).key("from-a-service"), RequestBody.fromString("payload"));
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key("from-a-service"))) {
            assertEquals("payload", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void missingKeysDeleteMarkersAndBucketsAreS3sModeledErrors() {
        String bucket = newBucket();
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
        s3.putObject(b -> b.bucket(bucket).key("gone"), RequestBody.fromString("x"));
        String marker = s3.deleteObject(b -> b.bucket(bucket).key("gone")).versionId();
        S3Client client = inProcess();

        NoSuchKeyException deleted = assertThrows(NoSuchKeyException.class,
                () -> client.getObjectAsBytes(b -> b.bucket(bucket).key("gone")));
        assertEquals(404, deleted.statusCode());
        assertEquals("NoSuchKey", deleted.awsErrorDetails().errorCode());
        assertEquals("true", deleted.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker")
                .orElseThrow());
        assertEquals(marker, deleted.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-version-id")
                .orElseThrow());

        NoSuchKeyException never = assertThrows(NoSuchKeyException.class,
                () -> client.getObjectAsBytes(b -> b.bucket(bucket).key("never")));
        assertEquals("The specified key does not exist.", never.awsErrorDetails().errorMessage());

        // NoSuchVersion has no exception class in the SDK's model: it arrives as its code.
        AwsServiceException noVersion = assertThrows(AwsServiceException.class,
                () -> client.getObjectAsBytes(b -> b.bucket(bucket).key("gone").versionId("no-such-version")));
        assertEquals(404, noVersion.statusCode());
        assertEquals("NoSuchVersion", noVersion.awsErrorDetails().errorCode());

        NoSuchBucketException noBucket = assertThrows(NoSuchBucketException.class,
                () -> client.headObject(b -> b.bucket("no-such-bucket-here").key("k")));
        assertEquals(404, noBucket.statusCode());
        assertEquals("NoSuchBucket", noBucket.awsErrorDetails().errorCode());
    }
}
