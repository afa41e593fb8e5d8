package io.gureum.s3;

import io.gureum.core.error.AwsException;
import io.gureum.s3.access.Acls;
import io.gureum.s3.access.EffectivePolicy;
import io.gureum.s3.store.Bucket;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/**
 * The ACL a request sets on a bucket or object, checked against the bucket's Object Ownership and Block
 * Public Access settings: under BucketOwnerEnforced only the bucket owner's full control may be stated
 * (AccessControlListNotSupported otherwise), under BlockPublicAcls no public grant (AccessDenied)
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html).
 */
final class AclRequests {
    private AclRequests() {
    }

    /**
     * The ACL to store for a new or existing object, or null when the request states none or ACLs are
     * disabled. {@code owner} owns the object.
     */
    static AccessControlPolicy forObject(PublicAccessBlockConfiguration block, Bucket b, String owner, String canned, Acls.GrantHeaders headers,
            AccessControlPolicy body) {
        AccessControlPolicy acl = Acls.of(canned, headers, body, owner, b.owner, b.region);
        return acl == null ? null : checked(b, block, acl);
    }

    /** The ACL to store for a bucket, or null when the request states none or ACLs are disabled. */
    static AccessControlPolicy forBucket(PublicAccessBlockConfiguration block, Bucket b, String canned, Acls.GrantHeaders headers,
            AccessControlPolicy body) {
        AccessControlPolicy acl = Acls.of(canned, headers, body, b.owner, b.owner, b.region);
        return acl == null ? null : checked(b, block, acl);
    }

    /**
     * Who owns an object a request writes: the bucket owner under BucketOwnerEnforced, and under
     * BucketOwnerPreferred when the writer grants it bucket-owner-full-control; else the writer.
     */
    static String objectOwner(Bucket b, String writer, String canned) {
        String ownership = EffectivePolicy.ownership(b.ownership);
        if ("BucketOwnerEnforced".equals(ownership)
                || "BucketOwnerPreferred".equals(ownership) && "bucket-owner-full-control".equals(canned)) {
            return b.owner;
        }
        return writer;
    }

    /** {@code block}: the bucket's settings with its owner account's (BucketAccess.block). */
    private static AccessControlPolicy checked(Bucket b, PublicAccessBlockConfiguration block, AccessControlPolicy acl) {
        if (!EffectivePolicy.aclsApply(b.ownership)) {
            if (!Acls.bucketOwnerFullControlOnly(acl, b.owner)) {
                throw notSupported();
            }
            return null; // ACLs are disabled: nothing is stored, the bucket owner has full control
        }
        if (block != null && Boolean.TRUE.equals(block.blockPublicAcls()) && Acls.isPublic(acl)) {
            throw S3Errors.accessDenied("Access Denied");
        }
        return acl;
    }

    static AwsException notSupported() {
        return new AwsException("AccessControlListNotSupported", "The bucket does not allow ACLs", 400);
    }
}
