package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

class VersioningIT extends S3Fixture {

    static void enable(String bucket, BucketVersioningStatus status) {
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(status)));
    }

    @Test
    void versionsDeleteMarkersAndRestoringAPreviousVersion() {
        String bucket = newBucket();
        assertNull(s3.getBucketVersioning(b -> b.bucket(bucket)).status());
        enable(bucket, BucketVersioningStatus.ENABLED);
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket(bucket)).status());
        String v1 = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("one")).versionId();
        String v2 = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("two")).versionId();
        assertNotEquals(v1, v2);
        assertEquals("two", s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")).asUtf8String());
        assertEquals("one", s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc").versionId(v1)).asUtf8String());

        var marker = s3.deleteObject(b -> b.bucket(bucket).key("doc"));
        assertTrue(marker.deleteMarker());
        assertThrows(NoSuchKeyException.class, () -> s3.getObject(b -> b.bucket(bucket).key("doc")));
        S3Exception onMarker = assertThrows(S3Exception.class,
                () -> s3.getObject(b -> b.bucket(bucket).key("doc").versionId(marker.versionId())));
        assertEquals(405, onMarker.statusCode());
        assertTrue(s3.listObjectsV2(b -> b.bucket(bucket)).contents().isEmpty());

        ListObjectVersionsResponse versions = s3.listObjectVersions(b -> b.bucket(bucket));
        assertEquals(List.of(v2, v1), versions.versions().stream().map(ObjectVersion::versionId).toList());
        assertEquals(1, versions.deleteMarkers().size());
        assertTrue(versions.deleteMarkers().get(0).isLatest());

        // Restore v1 as the course shows: copy the old version over the key.
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("doc").sourceVersionId(v1).destinationBucket(bucket)
                .destinationKey("doc"));
        assertEquals("one", s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")).asUtf8String());
        // Or remove the delete marker: deleting a specific version is permanent.
        s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(v2));
        assertEquals(3, s3.listObjectVersions(b -> b.bucket(bucket)).versions().size()
                + s3.listObjectVersions(b -> b.bucket(bucket)).deleteMarkers().size());
        S3Exception noVersion = assertThrows(S3Exception.class,
                () -> s3.getObject(b -> b.bucket(bucket).key("doc").versionId(v2)));
        assertEquals("NoSuchVersion", noVersion.awsErrorDetails().errorCode());
        assertEquals(404, noVersion.statusCode());
        S3Exception notEmpty = assertThrows(S3Exception.class, () -> s3.deleteBucket(b -> b.bucket(bucket)));
        assertEquals("BucketNotEmpty", notEmpty.awsErrorDetails().errorCode());
    }

    @Test
    void readsOfADeleteMarkerSayWhatTheyHit() {
        String bucket = newBucket();
        enable(bucket, BucketVersioningStatus.ENABLED);
        s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("v1"));
        String marker = s3.deleteObject(b -> b.bucket(bucket).key("doc")).versionId();

        NoSuchKeyException get = assertThrows(NoSuchKeyException.class,
                () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")));
        assertEquals(404, get.statusCode());
        assertEquals("true", get.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker")
                .orElse(null));
        assertEquals(marker, get.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-version-id")
                .orElse(null));

        S3Exception head = assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket(bucket).key("doc")));
        assertEquals(404, head.statusCode());
        assertEquals("true", head.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker")
                .orElse(null));

        S3Exception byVersion = assertThrows(S3Exception.class,
                () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc").versionId(marker)));
        assertEquals(405, byVersion.statusCode());
        assertEquals("MethodNotAllowed", byVersion.awsErrorDetails().errorCode());
        assertEquals("true", byVersion.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker")
                .orElse(null));
    }

    @Test
    void suspendedVersioningReplacesTheNullVersion() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("before"));
        enable(bucket, BucketVersioningStatus.ENABLED);
        String v1 = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("enabled")).versionId();
        enable(bucket, BucketVersioningStatus.SUSPENDED);
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("suspended-1"));
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("suspended-2"));
        List<ObjectVersion> versions = s3.listObjectVersions(b -> b.bucket(bucket)).versions();
        assertEquals(List.of("null", v1), versions.stream().map(ObjectVersion::versionId).toList());
        assertEquals("suspended-2", s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId("null")).asUtf8String());
        var marker = s3.deleteObject(b -> b.bucket(bucket).key("k"));
        assertEquals("null", marker.versionId());
        assertTrue(marker.deleteMarker());
        assertEquals(List.of(v1), s3.listObjectVersions(b -> b.bucket(bucket)).versions().stream()
                .map(ObjectVersion::versionId).toList());
    }

    @Test
    void listObjectVersionsPaginates() {
        String bucket = newBucket();
        enable(bucket, BucketVersioningStatus.ENABLED);
        for (int i = 0; i < 3; i++) {
            for (String k : List.of("a", "b")) {
                s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k));
            }
        }
        int total = s3.listObjectVersionsPaginator(b -> b.bucket(bucket).maxKeys(4)).stream()
                .mapToInt(r -> r.versions().size()).sum();
        assertEquals(6, total);
    }
}
