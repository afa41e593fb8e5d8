package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/** Lifecycle rules and Object Lock retention, both judged by the emulated clock. */
class ClockIT extends S3Fixture {

    static void advanceDays(int days) {
        gureum.context().clock().advance(Duration.ofDays(days));
    }

    @Test
    void lifecycleExpiresTransitionsAndCleansNoncurrentVersions() {
        String plain = newBucket();
        s3.putObject(b -> b.bucket(plain).key("logs/a"), RequestBody.fromString("old log"));
        s3.putObject(b -> b.bucket(plain).key("keep/b"), RequestBody.fromString("kept"));
        s3.putBucketLifecycleConfiguration(b -> b.bucket(plain).lifecycleConfiguration(c -> c.rules(
                LifecycleRule.builder().id("logs").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("logs/"))
                        .expiration(e -> e.days(3)).build(),
                LifecycleRule.builder().id("archive").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("keep/"))
                        .transitions(t -> t.days(1).storageClass(TransitionStorageClass.STANDARD_IA)).build())));
        String versioned = newBucket();
        VersioningIT.enable(versioned, BucketVersioningStatus.ENABLED);
        s3.putObject(b -> b.bucket(versioned).key("doc"), RequestBody.fromString("v1"));
        String v2 = s3.putObject(b -> b.bucket(versioned).key("doc"), RequestBody.fromString("v2")).versionId();
        s3.putBucketLifecycleConfiguration(b -> b.bucket(versioned).lifecycleConfiguration(c -> c.rules(
                LifecycleRule.builder().id("noncurrent").status(ExpirationStatus.ENABLED).filter(f -> f.prefix(""))
                        .noncurrentVersionExpiration(n -> n.noncurrentDays(1)).build())));

        advanceDays(2);
        assertEquals("old log", s3.getObjectAsBytes(b -> b.bucket(plain).key("logs/a")).asUtf8String());
        assertEquals("STANDARD_IA", s3.headObject(b -> b.bucket(plain).key("keep/b")).storageClassAsString());
        List<ObjectVersion> versions = s3.listObjectVersions(b -> b.bucket(versioned)).versions();
        assertEquals(List.of(v2), versions.stream().map(ObjectVersion::versionId).toList());

        advanceDays(2);
        assertThrows(NoSuchKeyException.class, () -> s3.getObject(b -> b.bucket(plain).key("logs/a")));
        assertEquals("kept", s3.getObjectAsBytes(b -> b.bucket(plain).key("keep/b")).asUtf8String());
    }

    @Test
    void objectLockProtectsVersionsUntilRetentionEnds() {
        String bucket = "lock-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket(bucket)).status());
        s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c.objectLockEnabled("Enabled")
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(1)))));
        String gov = s3.putObject(b -> b.bucket(bucket).key("gov"), RequestBody.fromString("g")).versionId();
        assertEquals(ObjectLockRetentionMode.GOVERNANCE, s3.getObjectRetention(b -> b.bucket(bucket).key("gov"))
                .retention().mode());
        S3Exception denied = assertThrows(S3Exception.class,
                () -> s3.deleteObject(b -> b.bucket(bucket).key("gov").versionId(gov)));
        assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
        assertEquals(403, denied.statusCode());
        // DeleteObjects reports the protected version as that key's error; the request itself succeeds.
        var batch = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(o -> o.key("gov").versionId(gov))));
        assertEquals(1, batch.errors().size());
        assertEquals("AccessDenied", batch.errors().get(0).code());
        assertEquals(gov, batch.errors().get(0).versionId());
        assertTrue(batch.deleted().isEmpty());
        // A delete without a version only adds a delete marker: allowed.
        assertTrue(s3.deleteObject(b -> b.bucket(bucket).key("gov")).deleteMarker());
        s3.deleteObject(b -> b.bucket(bucket).key("gov").versionId(gov).bypassGovernanceRetention(true));

        Instant until = gureum.context().clock().now().plus(Duration.ofDays(10));
        String comp = s3.putObject(b -> b.bucket(bucket).key("comp"), RequestBody.fromString("c")).versionId();
        s3.putObjectRetention(b -> b.bucket(bucket).key("comp").retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE)
                .retainUntilDate(until)));
        S3Exception compliance = assertThrows(S3Exception.class, () -> s3.deleteObject(b -> b.bucket(bucket).key("comp")
                .versionId(comp).bypassGovernanceRetention(true)));
        assertEquals(403, compliance.statusCode());
        S3Exception shorten = assertThrows(S3Exception.class, () -> s3.putObjectRetention(b -> b.bucket(bucket)
                .key("comp").retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until.minusSeconds(86400)))));
        assertEquals(403, shorten.statusCode());

        String held = s3.putObject(b -> b.bucket(bucket).key("held").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON),
                RequestBody.fromString("h")).versionId();
        assertEquals(ObjectLockLegalHoldStatus.ON, s3.getObjectLegalHold(b -> b.bucket(bucket).key("held")).legalHold().status());
        s3.putObjectLegalHold(b -> b.bucket(bucket).key("held").legalHold(l -> l.status(ObjectLockLegalHoldStatus.OFF)));

        advanceDays(11);
        s3.deleteObject(b -> b.bucket(bucket).key("comp").versionId(comp));
        s3.deleteObject(b -> b.bucket(bucket).key("held").versionId(held));

        String plain = newBucket();
        s3.putObject(b -> b.bucket(plain).key("x"), RequestBody.fromString("x"));
        S3Exception noLock = assertThrows(S3Exception.class, () -> s3.getObjectLegalHold(b -> b.bucket(plain).key("x")));
        assertEquals("InvalidRequest", noLock.awsErrorDetails().errorCode());
        S3Exception noConfig = assertThrows(S3Exception.class, () -> s3.getObjectLockConfiguration(b -> b.bucket(plain)));
        assertEquals("ObjectLockConfigurationNotFoundError", noConfig.awsErrorDetails().errorCode());
    }

    @Test
    void archivedObjectsNeedARestoreThatTakesTimeAndExpires() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("old").storageClass(software.amazon.awssdk.services.s3.model.StorageClass.GLACIER),
                RequestBody.fromString("frozen"));
        var frozen = assertThrows(software.amazon.awssdk.services.s3.model.InvalidObjectStateException.class,
                () -> s3.getObject(b -> b.bucket(bucket).key("old")));
        assertEquals(403, frozen.statusCode());
        assertEquals("InvalidObjectState", frozen.awsErrorDetails().errorCode());
        assertEquals("GLACIER", frozen.storageClassAsString(), "the error body names the storage class");
        s3.restoreObject(b -> b.bucket(bucket).key("old").restoreRequest(r -> r.days(2)
                .glacierJobParameters(g -> g.tier(software.amazon.awssdk.services.s3.model.Tier.EXPEDITED))));
        assertEquals("ongoing-request=\"true\"", s3.headObject(b -> b.bucket(bucket).key("old")).restore());
        S3Exception again = assertThrows(S3Exception.class, () -> s3.restoreObject(b -> b.bucket(bucket).key("old")
                .restoreRequest(r -> r.days(2))));
        assertEquals("RestoreAlreadyInProgress", again.awsErrorDetails().errorCode());
        assertEquals(409, again.statusCode());

        gureum.context().clock().advance(Duration.ofMinutes(10));
        assertEquals("frozen", s3.getObjectAsBytes(b -> b.bucket(bucket).key("old")).asUtf8String());
        assertTrue(s3.headObject(b -> b.bucket(bucket).key("old")).restore().startsWith("ongoing-request=\"false\", expiry-date="));
        advanceDays(4);
        assertThrows(software.amazon.awssdk.services.s3.model.InvalidObjectStateException.class,
                () -> s3.getObject(b -> b.bucket(bucket).key("old")));

        s3.putObject(b -> b.bucket(bucket).key("warm"), RequestBody.fromString("w"));
        S3Exception notArchived = assertThrows(S3Exception.class, () -> s3.restoreObject(b -> b.bucket(bucket)
                .key("warm").restoreRequest(r -> r.days(1))));
        assertEquals("InvalidObjectState", notArchived.awsErrorDetails().errorCode());
    }
}
