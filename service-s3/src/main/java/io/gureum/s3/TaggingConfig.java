package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import java.util.List;
import software.amazon.awssdk.services.s3.model.*;

/** Provider of bucket and object tagging (limits in {@link Tags}). */
final class TaggingConfig {
    private final S3Backend s3;
    private final BucketAccess access;

    TaggingConfig(S3Backend s3, BucketAccess access) {
        this.s3 = s3;
        this.access = access;
    }

    /** A bucket's tags live in core's registry, the one record every service's tags share; S3 sets the whole set. */
    public PutBucketTaggingResponse putBucketTagging(PutBucketTaggingRequest request) {
        Bucket b = access.bucket(request.bucket());
        checkNotAbac(b);
        s3.context.registry().replaceTags(Buckets.arn(b.name),
                Tags.tagMap(request.tagging() == null ? List.of() : request.tagging().tagSet(), 50));
        return PutBucketTaggingResponse.builder().build();
    }

    public GetBucketTaggingResponse getBucketTagging(GetBucketTaggingRequest request) {
        Bucket b = access.bucket(request.bucket());
        java.util.Map<String, String> tags = s3.context.registry().tags(Buckets.arn(b.name));
        if (tags.isEmpty()) {
            throw S3Errors.missing("NoSuchTagSet", "The TagSet does not exist");
        }
        return GetBucketTaggingResponse.builder().tagSet(Tags.tagList(tags)).build();
    }

    public DeleteBucketTaggingResponse deleteBucketTagging(DeleteBucketTaggingRequest request) {
        Bucket b = access.bucket(request.bucket());
        checkNotAbac(b);
        s3.context.registry().replaceTags(Buckets.arn(b.name), java.util.Map.of());
        return DeleteBucketTaggingResponse.builder().build();
    }

    public PutObjectTaggingResponse putObjectTagging(PutObjectTaggingRequest request) {
        Bucket b = access.bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        o.tags = Tags.tagMap(request.tagging() == null ? List.of() : request.tagging().tagSet(), 10);
        return PutObjectTaggingResponse.builder().versionId(b.versioned() ? o.versionId : null).build();
    }

    public GetObjectTaggingResponse getObjectTagging(GetObjectTaggingRequest request) {
        Bucket b = access.bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        return GetObjectTaggingResponse.builder().tagSet(Tags.tagList(o.tags))
                .versionId(b.versioned() ? o.versionId : null).build();
    }

    public DeleteObjectTaggingResponse deleteObjectTagging(DeleteObjectTaggingRequest request) {
        Bucket b = access.bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        o.tags = java.util.Map.of();
        return DeleteObjectTaggingResponse.builder().versionId(b.versioned() ? o.versionId : null).build();
    }

    /**
     * With ABAC enabled "you must use the TagResource and UntagResource actions to manage tags on your buckets. You
     * can no longer use the PutBucketTagging and DeleteBucketTagging actions"
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAbac.html). The error's wording is Gureum's.
     */
    private static void checkNotAbac(Bucket b) {
        if ("Enabled".equals(b.abacStatus)) {
            throw S3Errors.invalidRequest("Bucket tags of a bucket with ABAC enabled are managed with TagResource and "
                    + "UntagResource");
        }
    }

    public PutBucketAbacResponse putBucketAbac(PutBucketAbacRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (request.abacStatus() == null || request.abacStatus().status() == null) {
            throw S3Errors.malformedXml();
        }
        b.abacStatus = request.abacStatus().statusAsString();
        return PutBucketAbacResponse.builder().build();
    }

    /** "By default, ABAC is disabled for all Amazon S3 general purpose buckets." */
    public GetBucketAbacResponse getBucketAbac(GetBucketAbacRequest request) {
        Bucket b = access.bucket(request.bucket());
        return GetBucketAbacResponse.builder().abacStatus(s -> s.status(b.abacStatus == null ? "Disabled"
                : b.abacStatus)).build();
    }
}
