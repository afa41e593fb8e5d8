package io.gureum.s3;

import io.gureum.s3.access.Acls;
import io.gureum.s3.access.EffectivePolicy;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import software.amazon.awssdk.services.s3.model.*;

/**
 * Provider of bucket and object ACLs: a canned ACL, {@code x-amz-grant-*} headers or an AccessControlPolicy
 * body, checked ({@link Acls}) against Object Ownership and Block Public Access ({@link AclRequests}),
 * stored and returned with their owner. Reading ACLs works under BucketOwnerEnforced too: the bucket
 * owner has full control (https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html).
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
        AccessControlPolicy acl = b.acl != null && EffectivePolicy.aclsApply(b.ownership) ? b.acl
                : Acls.ownerOnly(b.owner);
        return GetBucketAclResponse.builder().owner(acl.owner()).grants(acl.grants()).build();
    }

    public PutBucketAclResponse putBucketAcl(PutBucketAclRequest request) {
        Bucket b = access.bucket(request.bucket());
        Acls.GrantHeaders headers = new Acls.GrantHeaders(request.grantFullControl(), request.grantRead(),
                request.grantReadACP(), request.grantWrite(), request.grantWriteACP());
        requireSome(request.aclAsString(), headers, request.accessControlPolicy());
        b.acl = AclRequests.forBucket(access.block(b, request.bucket()), b, request.aclAsString(), headers, request.accessControlPolicy());
        return PutBucketAclResponse.builder().build();
    }

    public GetObjectAclResponse getObjectAcl(GetObjectAclRequest request) {
        Bucket b = access.bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        AccessControlPolicy acl = acl(b, o);
        return GetObjectAclResponse.builder().owner(acl.owner()).grants(acl.grants()).build();
    }

    public PutObjectAclResponse putObjectAcl(PutObjectAclRequest request) {
        Bucket b = access.bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        String owner = EffectivePolicy.aclsApply(b.ownership) ? owner(o) : b.owner;
        Acls.GrantHeaders headers = new Acls.GrantHeaders(request.grantFullControl(), request.grantRead(),
                request.grantReadACP(), request.grantWrite(), request.grantWriteACP());
        requireSome(request.aclAsString(), headers, request.accessControlPolicy());
        o.acl = AclRequests.forObject(access.block(b, request.bucket()), b, owner, request.aclAsString(), headers, request.accessControlPolicy());
        return PutObjectAclResponse.builder().build();
    }

    /** A Put*Acl request states its ACL one of three ways; with none, the body is missing. */
    private static void requireSome(String canned, Acls.GrantHeaders headers, AccessControlPolicy body) {
        if (canned == null && !headers.any() && body == null) {
            throw S3Errors.malformedXml();
        }
    }

    /** An object's ACL as GetObjectAcl shows it: the bucket owner's alone while ACLs are disabled. */
    static AccessControlPolicy acl(Bucket b, StoredObject o) {
        if (!EffectivePolicy.aclsApply(b.ownership)) {
            return Acls.ownerOnly(b.owner);
        }
        return o.acl != null ? o.acl : Acls.ownerOnly(o.owner);
    }

    /** The object's owner: the one its ACL names, else its writer. */
    private static String owner(StoredObject o) {
        String fromAcl = o.acl == null ? null : Owners.account(o.acl.owner().id());
        return fromAcl != null ? fromAcl : o.owner;
    }
}
