package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import software.amazon.awssdk.services.s3.model.*;

/** Provider of bucket versioning: Enabled or Suspended (never back to unversioned). */
final class VersioningConfig {
    private final BucketAccess access;

    VersioningConfig(BucketAccess access) {
        this.access = access;
    }

    public PutBucketVersioningResponse putBucketVersioning(PutBucketVersioningRequest request) {
        Bucket b = access.bucket(request.bucket());
        VersioningConfiguration c = request.versioningConfiguration();
        String status = c == null ? null : c.statusAsString();
        if (!"Enabled".equals(status) && !"Suspended".equals(status)) {
            throw S3Errors.malformedXml();
        }
        if (b.objectLockEnabled && "Suspended".equals(status)) {
            throw new io.gureum.core.error.AwsException("InvalidBucketState",
                    "An Object Lock configuration is present on this bucket, so the versioning state cannot be "
                            + "changed.", 409);
        }
        synchronized (b) {
            b.versioning = status;
        }
        return PutBucketVersioningResponse.builder().build();
    }

    public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
        Bucket b = access.bucket(request.bucket());
        return GetBucketVersioningResponse.builder().status(b.versioning).build();
    }
}
