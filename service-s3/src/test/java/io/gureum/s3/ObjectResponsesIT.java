package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.protocol.Timestamps;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tier;

/** Statuses and headers of object and bucket answers as the S3 API reference documents them. */
class ObjectResponsesIT extends S3Fixture {

    @Test
    void rangedHeadIsPartialContent() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("hello world"));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("k").range("bytes=0-3"));
        assertEquals(206, head.sdkHttpResponse().statusCode());
        assertEquals(4L, head.contentLength());
        assertEquals("bytes 0-3/11", head.contentRange());
        assertEquals(200, s3.headObject(b -> b.bucket(bucket).key("k")).sdkHttpResponse().statusCode());
    }

    @Test
    void putBucketTaggingAnswersNoContent() {
        String bucket = newBucket();
        int status = s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(Tag.builder().key("a").value("b")
                .build()))).sdkHttpResponse().statusCode();
        assertEquals(204, status);
    }

    @Test
    void uploadPartCopyWithoutRangeCopiesTheWholeObject() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("src"), RequestBody.fromString("whole source"));
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("dst")).uploadId();
        String etag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("dst").uploadId(upload).partNumber(1)).copyPartResult().eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("dst").uploadId(upload)
                .multipartUpload(u -> u.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertEquals("whole source", s3.getObjectAsBytes(b -> b.bucket(bucket).key("dst")).asUtf8String());
    }

    @Test
    void restoreAnswers202Then409WhileRunningThen200() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("cold").storageClass(StorageClass.GLACIER), RequestBody.fromString("ice"));
        BucketConfigIT.assertError("InvalidObjectState", 403, () -> s3.getObjectAsBytes(b -> b.bucket(bucket)
                .key("cold")));
        assertEquals(202, s3.restoreObject(b -> b.bucket(bucket).key("cold").restoreRequest(r -> r.days(1)
                .glacierJobParameters(j -> j.tier(Tier.EXPEDITED)))).sdkHttpResponse().statusCode());
        assertEquals("ongoing-request=\"true\"", s3.headObject(b -> b.bucket(bucket).key("cold")).restore());
        BucketConfigIT.assertError("RestoreAlreadyInProgress", 409, () -> s3.restoreObject(b -> b.bucket(bucket)
                .key("cold").restoreRequest(r -> r.days(1))));
        gureum.context().clock().advance(Duration.ofMinutes(6));
        assertTrue(s3.headObject(b -> b.bucket(bucket).key("cold")).restore().startsWith("ongoing-request=\"false\""));
        assertEquals("ice", s3.getObjectAsBytes(b -> b.bucket(bucket).key("cold")).asUtf8String());
        assertEquals(200, s3.restoreObject(b -> b.bucket(bucket).key("cold").restoreRequest(r -> r.days(2)))
                .sdkHttpResponse().statusCode());
    }

    @Test
    void expirationHeaderNamesTheRuleAndDay() {
        String bucket = newBucket();
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(l -> l.rules(
                LifecycleRule.builder().id("logs-rule").status(ExpirationStatus.ENABLED)
                        .filter(f -> f.prefix("logs/")).expiration(e -> e.days(3)).build())));
        String header = s3.putObject(b -> b.bucket(bucket).key("logs/a"), RequestBody.fromString("x")).expiration();
        Instant written = s3.headObject(b -> b.bucket(bucket).key("logs/a")).lastModified();
        // due at the first midnight UTC after creation + 3 days
        Instant due = written.plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.DAYS);
        String expected = "expiry-date=\"" + Timestamps.rfc822(due) + "\", rule-id=\"logs-rule\"";
        assertEquals(expected, header);
        assertEquals(expected, s3.headObject(b -> b.bucket(bucket).key("logs/a")).expiration());
        assertEquals(expected, s3.getObjectAsBytes(b -> b.bucket(bucket).key("logs/a")).response().expiration());
        assertNull(s3.putObject(b -> b.bucket(bucket).key("data/b"), RequestBody.fromString("x")).expiration());
        assertNull(s3.headObject(b -> b.bucket(bucket).key("data/b")).expiration());
    }

    /**
     * A query-string SigV2 URL (what boto3 with signature_version "s3" and CLI v1's {@code aws s3 presign}
     * made): valid until the epoch second {@code Expires} on Gureum's clock, then AccessDenied naming the
     * expiry and the server's time.
     */
    @Test
    void sigV2PresignedUrlExpiresOnTheClock() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("doc.txt"), RequestBody.fromString("v2 body"));
        long expires = gureum.context().clock().now().plusSeconds(60).getEpochSecond();
        String toSign = "GET\n\n\n" + expires + "\n/" + bucket + "/doc.txt";
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("test".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        URI url = URI.create(gureum.endpoint() + "/" + bucket + "/doc.txt?AWSAccessKeyId=test&Expires=" + expires
                + "&Signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        assertEquals("v2 body", ok.body());

        gureum.context().clock().advance(Duration.ofMinutes(2));
        HttpResponse<String> late = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, late.statusCode());
        assertTrue(late.body().contains("<Code>AccessDenied</Code><Message>Request has expired</Message>"), late.body());
        assertTrue(late.body().contains("<Expires>" + Instant.ofEpochSecond(expires) + "</Expires><ServerTime>"),
                late.body());
    }

    /** A SigV2 presigned PUT carries its signed headers in the query (botocore moves them there); S3 applies them. */
    @Test
    void sigV2PresignedPutAppliesQueryHeaders() throws Exception {
        String bucket = newBucket();
        long expires = gureum.context().clock().now().plusSeconds(300).getEpochSecond();
        String toSign = "PUT\n\ntext/plain\n" + expires + "\nx-amz-meta-color:blue\n/" + bucket + "/up.txt";
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("test".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        URI url = URI.create(gureum.endpoint() + "/" + bucket + "/up.txt?AWSAccessKeyId=test&Signature="
                + URLEncoder.encode(signature, StandardCharsets.UTF_8) + "&x-amz-meta-color=blue"
                + "&content-type=text%2Fplain&Expires=" + expires);
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                .PUT(HttpRequest.BodyPublishers.ofString("presigned body")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("up.txt"));
        assertEquals("blue", head.metadata().get("color"));
        assertEquals("text/plain", head.contentType());
        assertEquals("presigned body", s3.getObjectAsBytes(b -> b.bucket(bucket).key("up.txt")).asUtf8String());
    }
}
