package io.gureum.s3;

import io.gureum.core.error.AwsException;
import io.gureum.s3.access.Acls;
import io.gureum.s3.store.Bucket;
import software.amazon.awssdk.services.s3.model.*;

/**
 * Provider of the bucket's access settings: Object Ownership controls and the public access block, which
 * {@link AclRequests}, {@link PolicyConfig} and the effective policy ({@link io.gureum.s3.access.EffectivePolicy}) apply.
 */
final class OwnershipConfig {
    private final BucketAccess access;

    OwnershipConfig(BucketAccess access) {
        this.access = access;
    }

    /**
     * One rule naming the ownership. Turning on BucketOwnerEnforced while the bucket ACL grants anyone
     * but the owner fails: the ACL must first be reset
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-ownership-migrating-acls-prerequisites.html).
     */
    public PutBucketOwnershipControlsResponse putBucketOwnershipControls(PutBucketOwnershipControlsRequest request) {
        Bucket b = access.bucket(request.bucket());
        OwnershipControls controls = request.ownershipControls();
        if (controls == null || controls.rules().size() != 1 || controls.rules().get(0).objectOwnership() == null
                || controls.rules().get(0).objectOwnership() == ObjectOwnership.UNKNOWN_TO_SDK_VERSION) {
            throw S3Errors.malformedXml();
        }
        if (controls.rules().get(0).objectOwnership() == ObjectOwnership.BUCKET_OWNER_ENFORCED && b.acl != null
                && !Acls.bucketOwnerFullControlOnly(b.acl, b.owner)) {
            throw invalidAclWithOwnership();
        }
        b.ownership = controls;
        return PutBucketOwnershipControlsResponse.builder().build();
    }

    public GetBucketOwnershipControlsResponse getBucketOwnershipControls(GetBucketOwnershipControlsRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (b.ownership == null) {
            throw S3Errors.missing("OwnershipControlsNotFoundError", "The bucket ownership controls were not found");
        }
        return GetBucketOwnershipControlsResponse.builder().ownershipControls(b.ownership).build();
    }

    /** Without ownership controls a bucket behaves as ObjectWriter did before they existed. */
    public DeleteBucketOwnershipControlsResponse deleteBucketOwnershipControls(
            DeleteBucketOwnershipControlsRequest request) {
        access.bucket(request.bucket()).ownership = null;
        return DeleteBucketOwnershipControlsResponse.builder().build();
    }

    /** A setting the configuration leaves out is false. Existing ACLs and policies are kept. */
    public PutPublicAccessBlockResponse putPublicAccessBlock(PutPublicAccessBlockRequest request) {
        Bucket b = access.bucket(request.bucket());
        PublicAccessBlockConfiguration c = request.publicAccessBlockConfiguration();
        if (c == null) {
            throw S3Errors.malformedXml();
        }
        b.publicAccessBlock = PublicAccessBlockConfiguration.builder()
                .blockPublicAcls(Boolean.TRUE.equals(c.blockPublicAcls()))
                .ignorePublicAcls(Boolean.TRUE.equals(c.ignorePublicAcls()))
                .blockPublicPolicy(Boolean.TRUE.equals(c.blockPublicPolicy()))
                .restrictPublicBuckets(Boolean.TRUE.equals(c.restrictPublicBuckets())).build();
        return PutPublicAccessBlockResponse.builder().build();
    }

    public GetPublicAccessBlockResponse getPublicAccessBlock(GetPublicAccessBlockRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (b.publicAccessBlock == null) {
            throw S3Errors.missing("NoSuchPublicAccessBlockConfiguration",
                    "The public access block configuration was not found");
        }
        return GetPublicAccessBlockResponse.builder().publicAccessBlockConfiguration(b.publicAccessBlock).build();
    }

    public DeletePublicAccessBlockResponse deletePublicAccessBlock(DeletePublicAccessBlockRequest request) {
        access.bucket(request.bucket()).publicAccessBlock = null;
        return DeletePublicAccessBlockResponse.builder().build();
    }

    static AwsException invalidAclWithOwnership() {
        return new AwsException("InvalidBucketAclWithObjectOwnership",
                "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", 400);
    }
}
