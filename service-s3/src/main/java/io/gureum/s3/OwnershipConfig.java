package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import software.amazon.awssdk.services.s3.model.*;

/** Provider of the bucket's access settings: ownership controls and the public access block (stored, not enforced). */
final class OwnershipConfig {
    private final BucketAccess access;

    OwnershipConfig(BucketAccess access) {
        this.access = access;
    }

    public PutBucketOwnershipControlsResponse putBucketOwnershipControls(PutBucketOwnershipControlsRequest request) {
        access.bucket(request.bucket()).ownership = request.ownershipControls();
        return PutBucketOwnershipControlsResponse.builder().build();
    }

    public GetBucketOwnershipControlsResponse getBucketOwnershipControls(GetBucketOwnershipControlsRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (b.ownership == null) {
            throw S3Errors.missing("OwnershipControlsNotFoundError", "The bucket ownership controls were not found");
        }
        return GetBucketOwnershipControlsResponse.builder().ownershipControls(b.ownership).build();
    }

    public DeleteBucketOwnershipControlsResponse deleteBucketOwnershipControls(
            DeleteBucketOwnershipControlsRequest request) {
        access.bucket(request.bucket()).ownership = null;
        return DeleteBucketOwnershipControlsResponse.builder().build();
    }

    public PutPublicAccessBlockResponse putPublicAccessBlock(PutPublicAccessBlockRequest request) {
        access.bucket(request.bucket()).publicAccessBlock = request.publicAccessBlockConfiguration();
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
}
