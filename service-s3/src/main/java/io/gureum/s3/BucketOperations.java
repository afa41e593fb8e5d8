package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteBucketRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketResponse;
import software.amazon.awssdk.services.s3.model.GetBucketLocationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketLocationResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.OwnershipControls;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;

/** Provider of the bucket operations: create, head, delete, list, location. Behaviour is in {@link Buckets}. */
final class BucketOperations {
    private final S3Backend s3;
    private final BucketAccess access;

    BucketOperations(S3Backend s3, BucketAccess access) {
        this.s3 = s3;
        this.access = access;
    }

    public CreateBucketResponse createBucket(CreateBucketRequest request) {
        access.checkPresignExpiry();
        String constraint = request.createBucketConfiguration() == null ? null
                : request.createBucketConfiguration().locationConstraintAsString();
        Bucket b = s3.buckets.create(request.bucket(), Requests.account(), Requests.region(), constraint,
                Boolean.TRUE.equals(request.objectLockEnabledForBucket()));
        if (request.objectOwnershipAsString() != null && b.ownership == null) {
            b.ownership = OwnershipControls.builder().rules(OwnershipControlsRule.builder()
                    .objectOwnership(request.objectOwnershipAsString()).build()).build();
        }
        return CreateBucketResponse.builder().location("/" + b.name)
                .bucketArn("arn:aws:s3:::" + b.name).build();
    }

    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        Bucket b = access.bucket(request.bucket());
        return HeadBucketResponse.builder().bucketRegion(b.region).accessPointAlias(false).build();
    }

    public DeleteBucketResponse deleteBucket(DeleteBucketRequest request) {
        access.checkPresignExpiry();
        s3.buckets.delete(request.bucket());
        return DeleteBucketResponse.builder().build();
    }

    public ListBucketsResponse listBuckets(ListBucketsRequest request) {
        List<software.amazon.awssdk.services.s3.model.Bucket> out = new ArrayList<>();
        String after = request.continuationToken() == null ? null : Listing.fromToken(request.continuationToken());
        int max = request.maxBuckets() == null ? Integer.MAX_VALUE : request.maxBuckets();
        String next = null;
        String account = Requests.account();
        for (Bucket b : s3.buckets.ownedBy(account)) {
            if ((request.prefix() != null && !b.name.startsWith(request.prefix()))
                    || (request.bucketRegion() != null && !request.bucketRegion().equals(b.region))
                    || (after != null && b.name.compareTo(after) <= 0)) {
                continue;
            }
            if (out.size() >= max) {
                next = Listing.token(out.get(out.size() - 1).name());
                break;
            }
            out.add(software.amazon.awssdk.services.s3.model.Bucket.builder().name(b.name).creationDate(b.created)
                    .bucketRegion(b.region).bucketArn("arn:aws:s3:::" + b.name).build());
        }
        return ListBucketsResponse.builder().buckets(out).owner(Requests.owner(account)).prefix(request.prefix())
                .continuationToken(next).build();
    }

    public GetBucketLocationResponse getBucketLocation(GetBucketLocationRequest request) {
        Bucket b = access.bucket(request.bucket());
        // us-east-1 buckets answer an empty LocationConstraint.
        return GetBucketLocationResponse.builder()
                .locationConstraint("us-east-1".equals(b.region) ? null : b.region).build();
    }
}
