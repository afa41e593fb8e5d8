package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import software.amazon.awssdk.services.s3.model.*;

/**
 * Provider of ACL basics: the owner has FULL_CONTROL; an ACL sent is stored and returned, and refused under {@code
 * BucketOwnerEnforced}.
 */
final class AclConfig {
    private final S3Backend s3;
    private final BucketAccess access;

    AclConfig(S3Backend s3, BucketAccess access) {
        this.s3 = s3;
        this.access = access;
    }

    public GetBucketAclResponse getBucketAcl(GetBucketAclRequest request) {
        Bucket b = access.bucket(request.bucket());
        AccessControlPolicy acl = b.acl != null ? b.acl : ownerOnly(b.owner);
        return GetBucketAclResponse.builder().owner(acl.owner()).grants(acl.grants()).build();
    }

    public PutBucketAclResponse putBucketAcl(PutBucketAclRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (b.ownership != null && b.ownership.rules().stream()
                .anyMatch(r -> "BucketOwnerEnforced".equals(r.objectOwnershipAsString()))
                && (request.accessControlPolicy() != null || (request.aclAsString() != null
                        && !"private".equals(request.aclAsString())))) {
            throw new io.gureum.core.error.AwsException("AccessControlListNotSupported",
                    "The bucket does not allow ACLs", 400);
        }
        b.acl = request.accessControlPolicy() != null ? request.accessControlPolicy() : ownerOnly(b.owner);
        return PutBucketAclResponse.builder().build();
    }

    public GetObjectAclResponse getObjectAcl(GetObjectAclRequest request) {
        Bucket b = access.bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        AccessControlPolicy acl = ownerOnly(o.owner);
        return GetObjectAclResponse.builder().owner(acl.owner()).grants(acl.grants()).build();
    }

    public PutObjectAclResponse putObjectAcl(PutObjectAclRequest request) {
        Bucket b = access.bucket(request.bucket());
        s3.objects.resolve(b, request.key(), request.versionId());
        if (b.ownership != null && b.ownership.rules().stream()
                .anyMatch(r -> "BucketOwnerEnforced".equals(r.objectOwnershipAsString()))) {
            throw new io.gureum.core.error.AwsException("AccessControlListNotSupported",
                    "The bucket does not allow ACLs", 400);
        }
        return PutObjectAclResponse.builder().build();
    }

    private static AccessControlPolicy ownerOnly(String account) {
        Owner owner = Requests.owner(account);
        Grant full = Grant.builder().grantee(Grantee.builder().type(Type.CANONICAL_USER).id(owner.id()).build())
                .permission(Permission.FULL_CONTROL).build();
        return AccessControlPolicy.builder().owner(owner).grants(full).build();
    }
}
