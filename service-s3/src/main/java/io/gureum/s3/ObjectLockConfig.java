package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import software.amazon.awssdk.services.s3.model.*;

/** Provider of Object Lock: the bucket's configuration and each version's retention and legal hold. */
final class ObjectLockConfig {
    private final S3Backend s3;
    private final BucketAccess access;

    ObjectLockConfig(S3Backend s3, BucketAccess access) {
        this.s3 = s3;
        this.access = access;
    }

    public PutObjectLockConfigurationResponse putObjectLockConfiguration(PutObjectLockConfigurationRequest request) {
        Bucket b = access.bucket(request.bucket());
        ObjectLockConfiguration c = request.objectLockConfiguration();
        if (!b.objectLockEnabled) {
            if (!b.versioningEnabled()) {
                throw new io.gureum.core.error.AwsException("InvalidBucketState",
                        "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration", 409);
            }
            b.objectLockEnabled = true;
        }
        b.objectLock = c;
        return PutObjectLockConfigurationResponse.builder().build();
    }

    public GetObjectLockConfigurationResponse getObjectLockConfiguration(GetObjectLockConfigurationRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (!b.objectLockEnabled) {
            throw S3Errors.missing("ObjectLockConfigurationNotFoundError",
                    "Object Lock configuration does not exist for this bucket");
        }
        ObjectLockConfiguration c = b.objectLock != null ? b.objectLock
                : ObjectLockConfiguration.builder().objectLockEnabled(ObjectLockEnabled.ENABLED).build();
        return GetObjectLockConfigurationResponse.builder().objectLockConfiguration(c).build();
    }

    public PutObjectRetentionResponse putObjectRetention(PutObjectRetentionRequest request) {
        Bucket b = access.bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        ObjectLockRetention r = request.retention();
        synchronized (b) {
            ObjectLock.setRetention(b, o, r == null ? null : r.modeAsString(), r == null ? null : r.retainUntilDate(),
                    NewObjects.bypassGovernance(request.bypassGovernanceRetention()), s3.context.clock().now());
        }
        return PutObjectRetentionResponse.builder().build();
    }

    public GetObjectRetentionResponse getObjectRetention(GetObjectRetentionRequest request) {
        Bucket b = access.bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        ObjectLock.requireEnabled(b);
        if (o.retentionMode == null) {
            throw S3Errors.missing("NoSuchObjectLockConfiguration",
                    "The specified object does not have a ObjectLock configuration");
        }
        return GetObjectRetentionResponse.builder().retention(ObjectLockRetention.builder().mode(o.retentionMode)
                .retainUntilDate(o.retainUntil).build()).build();
    }

    public PutObjectLegalHoldResponse putObjectLegalHold(PutObjectLegalHoldRequest request) {
        Bucket b = access.bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        ObjectLock.requireEnabled(b);
        if (request.legalHold() == null || request.legalHold().status() == null) {
            throw S3Errors.malformedXml();
        }
        o.legalHold = request.legalHold().status() == ObjectLockLegalHoldStatus.ON;
        return PutObjectLegalHoldResponse.builder().build();
    }

    public GetObjectLegalHoldResponse getObjectLegalHold(GetObjectLegalHoldRequest request) {
        Bucket b = access.bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        ObjectLock.requireEnabled(b);
        return GetObjectLegalHoldResponse.builder().legalHold(ObjectLockLegalHold.builder()
                .status(o.legalHold ? ObjectLockLegalHoldStatus.ON : ObjectLockLegalHoldStatus.OFF).build()).build();
    }
}
