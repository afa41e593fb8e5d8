package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The detail elements S3 writes into error bodies after Message, per error
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
 */
class ErrorDetailsIT extends S3Fixture {
    /** The last response body the client read (the S3 client keeps no raw error body of its own). */
    static final ThreadLocal<String> LAST_BODY = new ThreadLocal<>();

    static S3Client CAPTURING;

    @BeforeAll
    static void capturing() {
        CAPTURING = S3Client.builder().forcePathStyle(true).endpointOverride(gureum.endpoint())
            .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)).addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                        ExecutionAttributes attributes) {
                    if (context.responseBody().isEmpty() || context.httpResponse().isSuccessful()) {
                        return context.responseBody();
                    }
                    try {
                        byte[] bytes = context.responseBody().get().readAllBytes();
                        LAST_BODY.set(new String(bytes, StandardCharsets.UTF_8));
                        return Optional.of(new ByteArrayInputStream(bytes));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            })).build();
    }

    /** The error's raw XML body, after checking its code and status. */
    static String body(String code, int status, Executable call) {
        LAST_BODY.remove();
        S3Exception e = assertThrows(S3Exception.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(status, e.statusCode());
        e.awsErrorDetails().sdkHttpResponse().headers().keySet()
                .forEach(h -> assertFalse(h.toLowerCase().startsWith("x-gureum"), h));
        return LAST_BODY.get();
    }

    static void assertElement(String body, String name, String value) {
        assertTrue(body.contains("<" + name + ">" + value + "</" + name + ">"), name + " in " + body);
    }

    @Test
    void missingBucketKeyVersionAndUploadAreNamed() {
        String absent = "absent-" + System.nanoTime();
        assertElement(body("NoSuchBucket", 404, () -> CAPTURING.listObjectsV2(b -> b.bucket(absent))), "BucketName", absent);
        String bucket = newBucket();
        assertElement(body("NoSuchKey", 404, () -> CAPTURING.getObjectAsBytes(b -> b.bucket(bucket).key("dir/no such"))),
                "Key", "dir/no such");
        assertElement(body("NoSuchUpload", 404, () -> CAPTURING.listParts(b -> b.bucket(bucket).key("k").uploadId("nope"))),
                "UploadId", "nope");
        assertElement(body("NoSuchTagSet", 404, () -> CAPTURING.getBucketTagging(b -> b.bucket(bucket))), "BucketName",
                bucket);
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
        s3.putObject(b -> b.bucket(bucket).key("v"), RequestBody.fromString("x"));
        String noVersion = body("NoSuchVersion", 404,
                () -> CAPTURING.getObjectAsBytes(b -> b.bucket(bucket).key("v").versionId("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")));
        assertElement(noVersion, "Key", "v");
        assertElement(noVersion, "VersionId", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void failedConditionsAndRangesSayWhich() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("hello world!"));
        assertElement(body("PreconditionFailed", 412,
                () -> CAPTURING.getObjectAsBytes(b -> b.bucket(bucket).key("k").ifMatch("\"nope\""))), "Condition", "If-Match");
        assertElement(body("PreconditionFailed", 412, () -> CAPTURING.copyObject(b -> b.sourceBucket(bucket).sourceKey("k")
                .destinationBucket(bucket).destinationKey("c").copySourceIfMatch("\"nope\""))), "Condition",
                "x-amz-copy-source-If-Match");
        assertElement(body("PreconditionFailed", 412, () -> CAPTURING.putObject(b -> b.bucket(bucket).key("k").ifNoneMatch("*"),
                RequestBody.fromString("again"))), "Condition", "If-None-Match");
        String range = body("InvalidRange", 416, () -> CAPTURING.getObjectAsBytes(b -> b.bucket(bucket).key("k")
                .range("bytes=100-200")));
        assertElement(range, "RangeRequested", "bytes=100-200");
        assertElement(range, "ActualObjectSize", "12");
        String maxKeys = body("InvalidArgument", 400, () -> CAPTURING.listObjects(b -> b.bucket(bucket).maxKeys(-1)));
        assertElement(maxKeys, "ArgumentName", "maxKeys");
        assertElement(maxKeys, "ArgumentValue", "-1");
        // details go between Message and RequestId, as S3 orders them
        assertTrue(range.indexOf("<Message>") < range.indexOf("<RangeRequested>")
                && range.indexOf("<ActualObjectSize>") < range.indexOf("<RequestId>"), range);
    }

    @Test
    void deleteMarkerVersionIs405WithMethodResourceTypeAndAllow() {
        String bucket = newBucket();
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        String marker = s3.deleteObject(b -> b.bucket(bucket).key("k")).versionId();
        S3Exception e = assertThrows(S3Exception.class,
                () -> CAPTURING.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId(marker)));
        assertEquals(405, e.statusCode());
        assertEquals("DELETE", e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Allow").orElse(null));
        String xml = LAST_BODY.get();
        assertElement(xml, "Method", "GET");
        assertElement(xml, "ResourceType", "DeleteMarker");
    }

    @Test
    void smallPartsAndWrongPartsAreDescribed() {
        String bucket = newBucket();
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("m")).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket(bucket).key("m").uploadId(upload).partNumber(1),
                RequestBody.fromString("small")).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(bucket).key("m").uploadId(upload).partNumber(2),
                RequestBody.fromString("last")).eTag();
        String small = body("EntityTooSmall", 400, () -> CAPTURING.completeMultipartUpload(b -> b.bucket(bucket).key("m")
                .uploadId(upload).multipartUpload(u -> u.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                        CompletedPart.builder().partNumber(2).eTag(e2).build()))));
        assertElement(small, "ProposedSize", "5");
        assertElement(small, "MinSizeAllowed", "5242880");
        String wrong = body("InvalidPart", 400, () -> CAPTURING.completeMultipartUpload(b -> b.bucket(bucket).key("m")
                .uploadId(upload).multipartUpload(u -> u.parts(CompletedPart.builder().partNumber(1)
                        .eTag("\"0123\"").build()))));
        assertElement(wrong, "UploadId", upload);
        assertElement(wrong, "PartNumber", "1");
    }
}
