package io.gureum.s3;

import static io.gureum.s3.BucketConfigIT.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * ACLs, Object Ownership and Block Public Access as S3 has had them since April 2023: new buckets have
 * ACLs disabled (BucketOwnerEnforced) and all four public access blocks on
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-faq.html).
 */
class AclsIT extends S3Fixture {
    static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    static final String AUTHENTICATED = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    static final String PUBLIC_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::%s/*\"}]}";

    static String name() {
        return "acl-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** A bucket with ACLs enabled (ObjectWriter) and, unless {@code blocked}, no public access block. */
    static String aclBucket(boolean blocked) {
        String bucket = name();
        s3.createBucket(b -> b.bucket(bucket).objectOwnership(ObjectOwnership.OBJECT_WRITER));
        if (!blocked) {
            s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        }
        return bucket;
    }

    static boolean has(List<Grant> grants, String uri, Permission p) {
        return grants.stream().anyMatch(g -> uri.equals(g.grantee().uri()) && g.permission() == p
                && g.grantee().type() == Type.GROUP);
    }

    @Test
    void newBucketsHaveAclsDisabledAndPublicAccessBlocked() {
        String bucket = newBucket();
        assertEquals(ObjectOwnership.BUCKET_OWNER_ENFORCED, s3.getBucketOwnershipControls(b -> b.bucket(bucket))
                .ownershipControls().rules().get(0).objectOwnership());
        PublicAccessBlockConfiguration pab = s3.getPublicAccessBlock(b -> b.bucket(bucket))
                .publicAccessBlockConfiguration();
        assertTrue(pab.blockPublicAcls() && pab.ignorePublicAcls() && pab.blockPublicPolicy()
                && pab.restrictPublicBuckets());
        var acl = s3.getBucketAcl(b -> b.bucket(bucket));
        assertEquals(1, acl.grants().size());
        assertEquals(acl.owner().id(), acl.grants().get(0).grantee().id());
        assertEquals(Permission.FULL_CONTROL, acl.grants().get(0).permission());

        assertError("AccessControlListNotSupported", 400,
                () -> s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ)));
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
        assertError("AccessControlListNotSupported", 400, () -> s3.putObject(b -> b.bucket(bucket).key("k")
                .acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x")));
        s3.putObject(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                RequestBody.fromString("x"));
        var objectAcl = s3.getObjectAcl(b -> b.bucket(bucket).key("k"));
        assertEquals(acl.owner().id(), objectAcl.owner().id());
        assertEquals(1, objectAcl.grants().size());
        assertError("AccessControlListNotSupported", 400,
                () -> s3.putObjectAcl(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.AUTHENTICATED_READ)));
        assertError("InvalidBucketAclWithObjectOwnership", 400,
                () -> s3.createBucket(b -> b.bucket(name()).acl(BucketCannedACL.PUBLIC_READ)));
    }

    @Test
    void cannedAclsGrantHeadersAndBodiesAreStoredAndReturned() {
        String bucket = aclBucket(false);
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        var acl = s3.getBucketAcl(b -> b.bucket(bucket));
        assertEquals(2, acl.grants().size());
        assertTrue(has(acl.grants(), ALL_USERS, Permission.READ));

        String other;
        try (S3Client client = client("222222222222", "us-east-1")) {
            other = client.listBuckets().owner().id();
        }
        String otherId = other;
        s3.putBucketAcl(b -> b.bucket(bucket).grantRead("uri=\"" + AUTHENTICATED + "\"")
                .grantWriteACP("id=\"" + otherId + "\"").grantFullControl("id=" + acl.owner().id()));
        var headers = s3.getBucketAcl(b -> b.bucket(bucket)).grants();
        assertEquals(3, headers.size());
        assertTrue(has(headers, AUTHENTICATED, Permission.READ));
        assertTrue(headers.stream().anyMatch(g -> otherId.equals(g.grantee().id())
                && g.permission() == Permission.WRITE_ACP));

        s3.putBucketAcl(b -> b.bucket(bucket).accessControlPolicy(p -> p.owner(o -> o.id(acl.owner().id()))
                .grants(Grant.builder().grantee(g -> g.type(Type.CANONICAL_USER).id(otherId))
                        .permission(Permission.READ).build())));
        var body = s3.getBucketAcl(b -> b.bucket(bucket));
        assertEquals(1, body.grants().size());
        assertEquals(otherId, body.grants().get(0).grantee().id());
        assertEquals(acl.owner().id(), body.owner().id());
    }

    @Test
    void logDeliveryWriteOnABucketGrantsTheLogDeliveryGroup() {
        // The model's BucketCannedACL lacks it; S3's canned ACL table lists it for buckets.
        String bucket = aclBucket(false);
        s3.putBucketAcl(b -> b.bucket(bucket).acl("log-delivery-write"));
        var grants = s3.getBucketAcl(b -> b.bucket(bucket)).grants();
        assertTrue(has(grants, "http://acs.amazonaws.com/groups/s3/LogDelivery", Permission.WRITE), grants.toString());
        assertTrue(has(grants, "http://acs.amazonaws.com/groups/s3/LogDelivery", Permission.READ_ACP), grants.toString());
    }

    @Test
    void invalidGrantsAreRefusedWithS3sCodes() {
        String bucket = aclBucket(false);
        assertError("InvalidRequest", 400, () -> s3.putBucketAcl(b -> b.bucket(bucket)
                .acl(BucketCannedACL.PRIVATE).grantRead("uri=" + ALL_USERS)));
        assertError("InvalidArgument", 400, () -> s3.putBucketAcl(b -> b.bucket(bucket).grantRead("nonsense")));
        assertError("InvalidArgument", 400, () -> s3.putBucketAcl(b -> b.bucket(bucket).grantRead("id=" + "0".repeat(64))));
        assertError("InvalidArgument", 400, () -> s3.putBucketAcl(b -> b.bucket(bucket)
                .grantRead("uri=http://acs.amazonaws.com/groups/global/Nobody")));
        // Email grantees ended on 1 October 2025 in the Regions that had them: 405 there.
        assertError("MethodNotAllowed", 405, () -> s3.putBucketAcl(b -> b.bucket(bucket)
                .grantRead("emailAddress=someone@example.com")));
        assertError("MalformedACLError", 400, () -> s3.putBucketAcl(b -> b.bucket(bucket)
                .accessControlPolicy(p -> p.grants(Grant.builder().grantee(g -> g.type(Type.GROUP).uri(ALL_USERS))
                        .permission(Permission.READ).build()))));
        assertEquals(1, s3.getBucketAcl(b -> b.bucket(bucket)).grants().size(), "nothing changed");
    }

    @Test
    void objectAclsOnPutCopyMultipartAndPutObjectAcl() {
        String bucket = aclBucket(false);
        s3.putObject(b -> b.bucket(bucket).key("a").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x"));
        assertTrue(has(s3.getObjectAcl(b -> b.bucket(bucket).key("a")).grants(), ALL_USERS, Permission.READ));
        s3.putObjectAcl(b -> b.bucket(bucket).key("a").acl(ObjectCannedACL.PRIVATE));
        assertEquals(1, s3.getObjectAcl(b -> b.bucket(bucket).key("a")).grants().size());
        s3.putObjectAcl(b -> b.bucket(bucket).key("a").grantRead("uri=" + AUTHENTICATED));
        assertTrue(has(s3.getObjectAcl(b -> b.bucket(bucket).key("a")).grants(), AUTHENTICATED, Permission.READ));

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("a").destinationBucket(bucket).destinationKey("c")
                .acl(ObjectCannedACL.AUTHENTICATED_READ));
        assertTrue(has(s3.getObjectAcl(b -> b.bucket(bucket).key("c")).grants(), AUTHENTICATED, Permission.READ));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("a").destinationBucket(bucket).destinationKey("d"));
        assertEquals(1, s3.getObjectAcl(b -> b.bucket(bucket).key("d")).grants().size(), "a copy's ACL is its own");

        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("m").acl(ObjectCannedACL.PUBLIC_READ))
                .uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("m").uploadId(upload).partNumber(1),
                RequestBody.fromString("part")).eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("m").uploadId(upload)
                .multipartUpload(u -> u.parts(p -> p.partNumber(1).eTag(etag))));
        assertTrue(has(s3.getObjectAcl(b -> b.bucket(bucket).key("m")).grants(), ALL_USERS, Permission.READ));
        assertError("NoSuchKey", 404, () -> s3.getObjectAcl(b -> b.bucket(bucket).key("none")));
    }

    @Test
    void blockPublicAccessRefusesPublicAclsAndPolicies() {
        String bucket = aclBucket(true);
        assertError("AccessDenied", 403, () -> s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ)));
        assertError("AccessDenied", 403, () -> s3.putObject(b -> b.bucket(bucket).key("k")
                .acl(ObjectCannedACL.PUBLIC_READ_WRITE), RequestBody.fromString("x")));
        assertError("AccessDenied", 403, () -> s3.putBucketPolicy(b -> b.bucket(bucket)
                .policy(PUBLIC_POLICY.formatted(bucket))));
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));

        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)));
        var pab = s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
        assertTrue(pab.blockPublicAcls());
        assertFalse(pab.blockPublicPolicy(), "settings left out are false");
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(PUBLIC_POLICY.formatted(bucket)));
        assertTrue(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic());
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::%s/*\",\"Condition\":{\"StringEquals\":"
                + "{\"aws:SourceAccount\":\"111122223333\"}}}]}").formatted(bucket)));
        assertFalse(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic());
        // A new bucket's public access block is on from the start, so CreateBucket refuses a public ACL.
        assertError("InvalidBucketAclWithBlockPublicAccessError", 400, () -> s3.createBucket(b -> b.bucket(name())
                .objectOwnership(ObjectOwnership.OBJECT_WRITER).acl(BucketCannedACL.PUBLIC_READ)));
    }

    @Test
    void ownershipControlsAreCheckedAgainstTheBucketAcl() {
        String bucket = aclBucket(false);
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        assertError("InvalidBucketAclWithObjectOwnership", 400, () -> s3.putBucketOwnershipControls(b -> b
                .bucket(bucket).ownershipControls(o -> o.rules(r -> r.objectOwnership(
                        ObjectOwnership.BUCKET_OWNER_ENFORCED)))));
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(o -> o.rules(r -> r.objectOwnership(
                ObjectOwnership.BUCKET_OWNER_ENFORCED))));
        s3.deleteBucketOwnershipControls(b -> b.bucket(bucket));
        assertError("OwnershipControlsNotFoundError", 404, () -> s3.getBucketOwnershipControls(b -> b.bucket(bucket)));
        // Without ownership controls a bucket behaves as ObjectWriter: ACLs apply again.
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.AUTHENTICATED_READ));
        assertTrue(has(s3.getBucketAcl(b -> b.bucket(bucket)).grants(), AUTHENTICATED, Permission.READ));
    }

    @Test
    void underBucketOwnerEnforcedTheBucketOwnerOwnsEveryObject() {
        String enforced = newBucket();
        String writer = aclBucket(false);
        String ownerId = s3.listBuckets().owner().id();
        try (S3Client other = client("222222222222", "us-east-1")) {
            String otherId = other.listBuckets().owner().id();
            other.putObject(b -> b.bucket(enforced).key("k"), RequestBody.fromString("x"));
            other.putObject(b -> b.bucket(writer).key("k"), RequestBody.fromString("x"));
            assertEquals(ownerId, s3.listObjectsV2(b -> b.bucket(enforced).fetchOwner(true)).contents().get(0)
                    .owner().id());
            assertEquals(ownerId, s3.getObjectAcl(b -> b.bucket(enforced).key("k")).owner().id());
            assertEquals(otherId, s3.listObjectsV2(b -> b.bucket(writer).fetchOwner(true)).contents().get(0)
                    .owner().id());
            assertEquals(otherId, s3.getObjectAcl(b -> b.bucket(writer).key("k")).owner().id());
            // BucketOwnerPreferred: a writer granting bucket-owner-full-control hands the object over.
            s3.putBucketOwnershipControls(b -> b.bucket(writer).ownershipControls(o -> o.rules(r -> r
                    .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED))));
            other.putObject(b -> b.bucket(writer).key("p").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                    RequestBody.fromString("x"));
            assertEquals(ownerId, s3.getObjectAcl(b -> b.bucket(writer).key("p")).owner().id());
        }
    }
}
