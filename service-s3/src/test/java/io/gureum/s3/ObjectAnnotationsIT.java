package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.AnnotationEntry;
import software.amazon.awssdk.services.s3.model.AnnotationNameTooLongException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectAnnotationResponse;
import software.amazon.awssdk.services.s3.model.ListObjectAnnotationsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchAnnotationException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectAnnotationResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UnsupportedMediaTypeException;

/** PutObjectAnnotation, GetObjectAnnotation, ListObjectAnnotations and DeleteObjectAnnotation through SDK v2. */
class ObjectAnnotationsIT extends S3Fixture {
    private static PutObjectAnnotationResponse annotate(String bucket, String key, String name, String payload) {
        return s3.putObjectAnnotation(p -> p.bucket(bucket).key(key).annotationName(name),
                RequestBody.fromString(payload));
    }

    private static String payload(String bucket, String key, String name) {
        return s3.getObjectAnnotationAsBytes(g -> g.bucket(bucket).key(key).annotationName(name)).asUtf8String();
    }

    @Test
    void putGetListAndDeleteAnAnnotation() {
        String bucket = newBucket();
        s3.putObject(p -> p.bucket(bucket).key("doc"), RequestBody.fromString("body"));
        PutObjectAnnotationResponse put = annotate(bucket, "doc", "summary", "{\"topic\":\"cats\"}");
        assertEquals("\"" + md5Hex("{\"topic\":\"cats\"}") + "\"", put.eTag());
        assertNull(put.objectVersionId());
        assertNotNull(put.checksumCRC32() != null ? put.checksumCRC32() : put.checksumCRC64NVME());

        ResponseBytes<GetObjectAnnotationResponse> got = s3.getObjectAnnotationAsBytes(g -> g.bucket(bucket)
                .key("doc").annotationName("summary").checksumMode(ChecksumMode.ENABLED));
        assertEquals("{\"topic\":\"cats\"}", got.asUtf8String());
        assertEquals(put.eTag(), got.response().eTag());
        assertEquals(16L, got.response().contentLength());
        assertEquals(200, got.response().sdkHttpResponse().statusCode());

        annotate(bucket, "doc", "summary", "replaced");
        assertEquals("replaced", payload(bucket, "doc", "summary"));
        annotate(bucket, "doc", "labels", "a,b");
        ListObjectAnnotationsResponse list = s3.listObjectAnnotations(l -> l.bucket(bucket).key("doc"));
        assertEquals(List.of("labels", "summary"), list.annotations().stream().map(AnnotationEntry::annotationName)
                .toList());
        assertEquals(8L, list.annotations().get(1).size());
        assertEquals(2, list.annotationCount());
        assertEquals(bucket, list.bucket());
        assertEquals("doc", list.key());

        var deleted = s3.deleteObjectAnnotation(d -> d.bucket(bucket).key("doc").annotationName("summary"));
        assertEquals(200, deleted.sdkHttpResponse().statusCode()); // the model sets no 204 for it
        S3Exception missing = assertThrows(NoSuchAnnotationException.class, () -> payload(bucket, "doc", "summary"));
        assertEquals(404, missing.statusCode());
        assertEquals("NoSuchAnnotation", missing.awsErrorDetails().errorCode());
        // Deleting it again succeeds, as deleting a missing object does.
        s3.deleteObjectAnnotation(d -> d.bucket(bucket).key("doc").annotationName("summary"));
        // The object's own bytes are untouched.
        assertEquals("body", s3.getObjectAsBytes(g -> g.bucket(bucket).key("doc")).asUtf8String());
    }

    @Test
    void listingPagesByPrefixAndContinuationToken() {
        String bucket = newBucket();
        s3.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromString("x"));
        for (String n : List.of("a/1", "a/2", "a/3", "b/1")) {
            annotate(bucket, "k", n, n);
        }
        ListObjectAnnotationsResponse first = s3.listObjectAnnotations(l -> l.bucket(bucket).key("k")
                .annotationPrefix("a/").maxAnnotationResults(2));
        assertEquals(List.of("a/1", "a/2"), names(first));
        assertNotNull(first.nextContinuationToken());
        ListObjectAnnotationsResponse second = s3.listObjectAnnotations(l -> l.bucket(bucket).key("k")
                .annotationPrefix("a/").maxAnnotationResults(2).continuationToken(first.nextContinuationToken()));
        assertEquals(List.of("a/3"), names(second));
        assertNull(second.nextContinuationToken());
        List<String> all = s3.listObjectAnnotationsPaginator(l -> l.bucket(bucket).key("k").maxAnnotationResults(1))
                .stream().flatMap(r -> r.annotations().stream()).map(AnnotationEntry::annotationName).toList();
        assertEquals(List.of("a/1", "a/2", "a/3", "b/1"), all);
    }

    @Test
    void annotationsBelongToOneVersion() {
        String bucket = newBucket();
        s3.putBucketVersioning(v -> v.bucket(bucket).versioningConfiguration(c -> c.status(
                BucketVersioningStatus.ENABLED)));
        String v1 = s3.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromString("one")).versionId();
        PutObjectAnnotationResponse put = annotate(bucket, "k", "note", "first");
        assertEquals(v1, put.objectVersionId());
        String v2 = s3.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromString("two")).versionId();
        assertThrows(NoSuchAnnotationException.class, () -> payload(bucket, "k", "note"));
        assertEquals("first", s3.getObjectAnnotationAsBytes(g -> g.bucket(bucket).key("k").annotationName("note")
                .versionId(v1)).asUtf8String());
        s3.putObjectAnnotation(p -> p.bucket(bucket).key("k").annotationName("note").versionId(v2),
                RequestBody.fromString("second"));
        assertEquals("second", payload(bucket, "k", "note"));
        assertEquals(v1, s3.listObjectAnnotations(l -> l.bucket(bucket).key("k").versionId(v1)).objectVersionId());
        // Deleting a version deletes its annotations with it.
        s3.deleteObject(d -> d.bucket(bucket).key("k").versionId(v1));
        assertThrows(S3Exception.class, () -> s3.getObjectAnnotationAsBytes(g -> g.bucket(bucket).key("k")
                .annotationName("note").versionId(v1)));
    }

    @Test
    void namesPayloadsAndTargetsAreValidated() {
        String bucket = newBucket();
        s3.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromString("x"));
        S3Exception tooLong = assertThrows(AnnotationNameTooLongException.class,
                () -> annotate(bucket, "k", "n".repeat(513), "x"));
        assertEquals(400, tooLong.statusCode());
        assertEquals("AnnotationNameTooLong", tooLong.awsErrorDetails().errorCode());
        annotate(bucket, "k", "n".repeat(512), "x");

        S3Exception notText = assertThrows(UnsupportedMediaTypeException.class,
                () -> s3.putObjectAnnotation(p -> p.bucket(bucket).key("k").annotationName("bin"),
                        RequestBody.fromBytes(new byte[] {(byte) 0xff, (byte) 0xfe})));
        assertEquals(415, notText.statusCode());

        S3Exception empty = assertThrows(S3Exception.class, () -> annotate(bucket, "k", "empty", ""));
        assertEquals(400, empty.statusCode());
        assertEquals("InvalidRequest", empty.awsErrorDetails().errorCode());

        byte[] big = "a".repeat(1024 * 1024 + 1).getBytes(StandardCharsets.UTF_8);
        S3Exception tooBig = assertThrows(S3Exception.class, () -> s3.putObjectAnnotation(p -> p.bucket(bucket)
                .key("k").annotationName("big"), RequestBody.fromBytes(big)));
        assertEquals(400, tooBig.statusCode());
        assertEquals("EntityTooLarge", tooBig.awsErrorDetails().errorCode());
        s3.putObjectAnnotation(p -> p.bucket(bucket).key("k").annotationName("max"),
                RequestBody.fromBytes(java.util.Arrays.copyOf(big, 1024 * 1024)));
        assertEquals(1024 * 1024L, s3.getObjectAnnotationAsBytes(g -> g.bucket(bucket).key("k")
                .annotationName("max")).response().contentLength());

        assertThrows(NoSuchKeyException.class, () -> annotate(bucket, "missing", "n", "x"));
        assertThrows(NoSuchBucketException.class, () -> annotate("no-such-bucket-annot", "k", "n", "x"));

        S3Exception precondition = assertThrows(S3Exception.class, () -> s3.putObjectAnnotation(p -> p.bucket(bucket)
                .key("k").annotationName("n").objectIfMatch("\"0000\""), RequestBody.fromString("x")));
        assertEquals(412, precondition.statusCode());
        String etag = s3.headObject(h -> h.bucket(bucket).key("k")).eTag();
        s3.putObjectAnnotation(p -> p.bucket(bucket).key("k").annotationName("n").objectIfMatch(etag),
                RequestBody.fromString("x"));
    }

    @Test
    void aThousandAndFirstAnnotationIsRefused() {
        String bucket = newBucket();
        s3.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromString("x"));
        for (int i = 0; i < 1000; i++) {
            annotate(bucket, "k", String.format("n%04d", i), "x");
        }
        S3Exception limit = assertThrows(S3Exception.class, () -> annotate(bucket, "k", "one-more", "x"));
        assertEquals("AnnotationLimitExceeded", limit.awsErrorDetails().errorCode());
        assertEquals(400, limit.statusCode());
        annotate(bucket, "k", "n0000", "replacing one is still allowed");
        assertEquals(1000, s3.listObjectAnnotations(l -> l.bucket(bucket).key("k")).annotationCount());
    }

    @Test
    void aCopyTakesTheAnnotationsOnlyWithTheCopyDirective() {
        String bucket = newBucket();
        s3.putObject(p -> p.bucket(bucket).key("src"), RequestBody.fromString("x"));
        annotate(bucket, "src", "note", "kept");
        s3.copyObject(c -> c.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("copy")
                .annotationDirective(software.amazon.awssdk.services.s3.model.AnnotationDirective.COPY));
        assertEquals("kept", payload(bucket, "copy", "note"));
        s3.copyObject(c -> c.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("bare")
                .annotationDirective(software.amazon.awssdk.services.s3.model.AnnotationDirective.EXCLUDE));
        assertEquals(0, s3.listObjectAnnotations(l -> l.bucket(bucket).key("bare")).annotationCount());
        // The copies are independent: deleting the source's leaves the copy's.
        s3.deleteObjectAnnotation(d -> d.bucket(bucket).key("src").annotationName("note"));
        assertEquals("kept", payload(bucket, "copy", "note"));
    }

    private static List<String> names(ListObjectAnnotationsResponse r) {
        return r.annotations().stream().map(AnnotationEntry::annotationName).toList();
    }

    private static String md5Hex(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
