package io.gureum.s3;

import io.gureum.core.error.AwsException;
import io.gureum.s3.access.Acls;
import io.gureum.s3.access.EffectivePolicy;
import io.gureum.s3.store.Bucket;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
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
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControls;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/** Provider of the bucket operations: create, head, delete, list, location. Behaviour is in {@link Buckets}. */
final class BucketOperations {
    private final S3Backend s3;
    private final BucketAccess access;

    BucketOperations(S3Backend s3, BucketAccess access) {
        this.s3 = s3;
        this.access = access;
    }

    /**
     * Creates a bucket as S3 has since April 2023: Object Ownership BucketOwnerEnforced unless
     * {@code x-amz-object-ownership} says otherwise, and all four public access blocks on
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-faq.html). An ACL the request
     * states must fit both: only the owner's full control while ACLs are disabled, nothing public.
     */
    public CreateBucketResponse createBucket(CreateBucketRequest request) {
        access.checkPresignExpiry();
        if (DirectoryBuckets.isDirectory(request.bucket())) {
            DirectoryBuckets.checkCreate(request.bucket(), request.createBucketConfiguration());
        }
        String constraint = request.createBucketConfiguration() == null ? null
                : request.createBucketConfiguration().locationConstraintAsString();
        String account = Requests.account();
        OwnershipControls ownership = OwnershipControls.builder().rules(OwnershipControlsRule.builder()
                .objectOwnership(request.objectOwnershipAsString() != null ? request.objectOwnershipAsString()
                        : ObjectOwnership.BUCKET_OWNER_ENFORCED.toString()).build()).build();
        Acls.GrantHeaders headers = new Acls.GrantHeaders(request.grantFullControl(), request.grantRead(),
                request.grantReadACP(), request.grantWrite(), request.grantWriteACP());
        AccessControlPolicy acl = Acls.of(request.aclAsString(), headers, null, account, account, Requests.region());
        if (acl != null && !EffectivePolicy.aclsApply(ownership)) {
            if (!Acls.bucketOwnerFullControlOnly(acl, account)) {
                throw OwnershipConfig.invalidAclWithOwnership();
            }
            acl = null;
        }
        if (Acls.isPublic(acl)) {
            throw new AwsException("InvalidBucketAclWithBlockPublicAccessError",
                    "Bucket cannot have public ACLs set with BlockPublicAccess enabled", 400);
        }
        AccessControlPolicy initialAcl = acl;
        Bucket b = s3.buckets.create(request.bucket(), account, Requests.region(), constraint,
                Boolean.TRUE.equals(request.objectLockEnabledForBucket()), fresh -> {
                    fresh.ownership = ownership;
                    fresh.publicAccessBlock = PublicAccessBlockConfiguration.builder().blockPublicAcls(true)
                            .ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true).build();
                    fresh.acl = initialAcl;
                });
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
            if (DirectoryBuckets.isDirectory(b.name) // listed by ListDirectoryBuckets
                    || (request.prefix() != null && !b.name.startsWith(request.prefix()))
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
