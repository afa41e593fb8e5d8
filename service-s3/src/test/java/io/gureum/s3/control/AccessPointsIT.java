package io.gureum.s3.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.junit5.GureumExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.AccessPoint;
import software.amazon.awssdk.services.s3control.model.CreateAccessPointResponse;
import software.amazon.awssdk.services.s3control.model.GetAccessPointResponse;
import software.amazon.awssdk.services.s3control.model.ListAccessPointsResponse;
import software.amazon.awssdk.services.s3control.model.NetworkOrigin;
import software.amazon.awssdk.services.s3control.model.S3ControlException;
import software.amazon.awssdk.services.s3control.model.Tag;

class AccessPointsIT {
    static final String ACCOUNT = "000000000000";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().build();
    static Gureum gureum;
    static S3ControlClient control;
    static S3Client s3;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        control = ControlClients.control(gureum, "test", "us-east-1");
        s3 = ControlClients.s3(gureum, "test", "us-east-1");
    }

    @AfterAll
    static void stop() {
        control.close();
        s3.close();
    }

    static String newBucket() {
        String name = "b-" + UUID.randomUUID().toString().substring(0, 12);
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    static String newName() {
        return "ap-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void assertError(String code, int status, org.junit.jupiter.api.function.Executable call) {
        S3ControlException e = assertThrows(S3ControlException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode());
    }

    @Test
    void createGetListDelete() {
        String bucket = newBucket();
        String name = newName();
        CreateAccessPointResponse created = control.createAccessPoint(r -> r.accountId(ACCOUNT).name(name).bucket(bucket));
        assertEquals("arn:aws:s3:us-east-1:" + ACCOUNT + ":accesspoint/" + name, created.accessPointArn());
        assertTrue(created.alias().matches(name + "-[0-9a-f]{34}-s3alias"), created.alias());
        assertTrue(created.alias().length() <= 63);

        GetAccessPointResponse got = control.getAccessPoint(r -> r.accountId(ACCOUNT).name(name));
        assertEquals(name, got.name());
        assertEquals(bucket, got.bucket());
        assertEquals(NetworkOrigin.INTERNET, got.networkOrigin());
        assertEquals(created.alias(), got.alias());
        assertEquals(created.accessPointArn(), got.accessPointArn());
        assertEquals(ACCOUNT, got.bucketAccountId());
        assertTrue(got.publicAccessBlockConfiguration().blockPublicAcls()); // all four on by default
        assertTrue(got.publicAccessBlockConfiguration().restrictPublicBuckets());
        assertEquals(gureum.context().clock().now().getEpochSecond() / 60, got.creationDate().getEpochSecond() / 60);

        String vpcName = newName();
        control.createAccessPoint(r -> r.accountId(ACCOUNT).name(vpcName).bucket(bucket)
                .vpcConfiguration(v -> v.vpcId("vpc-0123456789abcdef0"))
                .publicAccessBlockConfiguration(p -> p.blockPublicAcls(false).blockPublicPolicy(true)));
        GetAccessPointResponse vpc = control.getAccessPoint(r -> r.accountId(ACCOUNT).name(vpcName));
        assertEquals(NetworkOrigin.VPC, vpc.networkOrigin());
        assertEquals("vpc-0123456789abcdef0", vpc.vpcConfiguration().vpcId());
        assertFalse(vpc.publicAccessBlockConfiguration().blockPublicAcls());
        assertFalse(vpc.publicAccessBlockConfiguration().ignorePublicAcls());
        assertTrue(vpc.publicAccessBlockConfiguration().blockPublicPolicy());

        List<String> listed = control.listAccessPoints(r -> r.accountId(ACCOUNT).bucket(bucket)).accessPointList()
                .stream().map(AccessPoint::name).toList();
        assertEquals(List.of(name, vpcName).stream().sorted().toList(), listed);

        assertError("AccessPointAlreadyOwnedByYou", 409,
                () -> control.createAccessPoint(r -> r.accountId(ACCOUNT).name(name).bucket(bucket)));
        control.deleteAccessPoint(r -> r.accountId(ACCOUNT).name(name));
        assertError("NoSuchAccessPoint", 404, () -> control.getAccessPoint(r -> r.accountId(ACCOUNT).name(name)));
        assertError("NoSuchAccessPoint", 404, () -> control.deleteAccessPoint(r -> r.accountId(ACCOUNT).name(name)));
        assertEquals(List.of(vpcName), control.listAccessPoints(r -> r.accountId(ACCOUNT).bucket(bucket))
                .accessPointList().stream().map(AccessPoint::name).toList());
    }

    @Test
    void createIsRefused() {
        String bucket = newBucket();
        assertError("NoSuchBucket", 404,
                () -> control.createAccessPoint(r -> r.accountId(ACCOUNT).name(newName()).bucket("no-such-" + bucket)));
        for (String bad : List.of("-starts-with-hyphen", "ends-with-hyphen-", "Upper", "has_underscore", "has.dot",
                "x".repeat(51), "name-s3alias", "xn--punycode")) {
            assertError("InvalidRequest", 400,
                    () -> control.createAccessPoint(r -> r.accountId(ACCOUNT).name(bad).bucket(bucket)));
        }
        // Another account's ID in x-amz-account-id: S3 Control acts on the caller's own account only.
        assertError("AccessDenied", 403,
                () -> control.createAccessPoint(r -> r.accountId("111111111111").name(newName()).bucket(bucket)));
        // The bucket must be in the access point's Region.
        try (S3ControlClient west = ControlClients.control(gureum, "test", "us-west-2")) {
            assertError("InvalidRequest", 400,
                    () -> west.createAccessPoint(r -> r.accountId(ACCOUNT).name(newName()).bucket(bucket)));
        }
        // The bucket must be the named owner's.
        assertError("AccessDenied", 403, () -> control.createAccessPoint(r -> r.accountId(ACCOUNT).name(newName())
                .bucket(bucket).bucketAccountId("111111111111")));
    }

    @Test
    void listPagesAndFilters() {
        String bucket = newBucket();
        String other = newBucket();
        String prefix = "pg" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 5; i++) {
            String n = prefix + "-" + i;
            control.createAccessPoint(r -> r.accountId(ACCOUNT).name(n).bucket(bucket));
        }
        control.createAccessPoint(r -> r.accountId(ACCOUNT).name(prefix + "-other").bucket(other));
        ListAccessPointsResponse first = control.listAccessPoints(r -> r.accountId(ACCOUNT).bucket(bucket)
                .maxResults(2));
        assertEquals(List.of(prefix + "-0", prefix + "-1"), first.accessPointList().stream().map(AccessPoint::name)
                .toList());
        assertTrue(first.nextToken() != null);
        List<String> all = control.listAccessPointsPaginator(r -> r.accountId(ACCOUNT).bucket(bucket).maxResults(2))
                .stream().flatMap(p -> p.accessPointList().stream()).map(AccessPoint::name).toList();
        assertEquals(List.of(prefix + "-0", prefix + "-1", prefix + "-2", prefix + "-3", prefix + "-4"), all);
        ListAccessPointsResponse last = control.listAccessPoints(r -> r.accountId(ACCOUNT).bucket(bucket)
                .maxResults(5));
        assertNull(last.nextToken());
        assertTrue(control.listAccessPoints(r -> r.accountId(ACCOUNT)).accessPointList().stream()
                .anyMatch(p -> p.name().equals(prefix + "-other") && p.bucket().equals(other)));
        assertError("InvalidRequest", 400,
                () -> control.listAccessPoints(r -> r.accountId(ACCOUNT).nextToken("%%not-a-token%%")));
    }

    @Test
    void policyAndStatus() {
        String bucket = newBucket();
        String name = newName();
        String arn = control.createAccessPoint(r -> r.accountId(ACCOUNT).name(name).bucket(bucket)).accessPointArn();
        assertError("NoSuchAccessPointPolicy", 404,
                () -> control.getAccessPointPolicy(r -> r.accountId(ACCOUNT).name(name)));
        assertError("NoSuchAccessPointPolicy", 404,
                () -> control.getAccessPointPolicyStatus(r -> r.accountId(ACCOUNT).name(name)));
        String owner = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + ACCOUNT + ":root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"" + arn
                + "/object/*\"}]}";
        control.putAccessPointPolicy(r -> r.accountId(ACCOUNT).name(name).policy(owner));
        assertEquals(owner, control.getAccessPointPolicy(r -> r.accountId(ACCOUNT).name(name)).policy());
        assertFalse(control.getAccessPointPolicyStatus(r -> r.accountId(ACCOUNT).name(name)).policyStatus().isPublic());

        String everyone = owner.replace("{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"}", "\"*\"");
        // BlockPublicPolicy is on by default for a new access point.
        assertError("AccessDenied", 403,
                () -> control.putAccessPointPolicy(r -> r.accountId(ACCOUNT).name(name).policy(everyone)));
        String open = newName();
        control.createAccessPoint(r -> r.accountId(ACCOUNT).name(open).bucket(bucket)
                .publicAccessBlockConfiguration(p -> p.blockPublicPolicy(false)));
        control.putAccessPointPolicy(r -> r.accountId(ACCOUNT).name(open).policy(everyone));
        assertTrue(control.getAccessPointPolicyStatus(r -> r.accountId(ACCOUNT).name(open)).policyStatus().isPublic());

        assertError("MalformedPolicy", 400,
                () -> control.putAccessPointPolicy(r -> r.accountId(ACCOUNT).name(name).policy("not json")));
        control.deleteAccessPointPolicy(r -> r.accountId(ACCOUNT).name(name));
        assertError("NoSuchAccessPointPolicy", 404,
                () -> control.getAccessPointPolicy(r -> r.accountId(ACCOUNT).name(name)));
        assertError("NoSuchAccessPoint", 404,
                () -> control.putAccessPointPolicy(r -> r.accountId(ACCOUNT).name(newName()).policy(owner)));
    }

    @Test
    void tags() {
        String bucket = newBucket();
        String name = newName();
        String arn = control.createAccessPoint(r -> r.accountId(ACCOUNT).name(name).bucket(bucket)
                .tags(Tag.builder().key("team").value("a").build())).accessPointArn();
        assertEquals(Map.of("team", "a"), tags(arn));
        control.tagResource(r -> r.accountId(ACCOUNT).resourceArn(arn).tags(Tag.builder().key("env").value("dev")
                .build(), Tag.builder().key("team").value("b").build()));
        assertEquals(Map.of("team", "b", "env", "dev"), tags(arn));
        control.untagResource(r -> r.accountId(ACCOUNT).resourceArn(arn).tagKeys("team", "absent"));
        assertEquals(Map.of("env", "dev"), tags(arn));
        assertError("NoSuchAccessPoint", 404, () -> control.listTagsForResource(r -> r.accountId(ACCOUNT)
                .resourceArn("arn:aws:s3:us-east-1:" + ACCOUNT + ":accesspoint/" + newName())));
        assertError("NotImplemented", 501, () -> control.listTagsForResource(r -> r.accountId(ACCOUNT)
                .resourceArn("arn:aws:s3:::" + bucket)));
    }

    static Map<String, String> tags(String arn) {
        return tagsOf(control, arn);
    }

    static Map<String, String> tagsOf(S3ControlClient control, String arn) {
        return control.listTagsForResource(r -> r.accountId(ACCOUNT).resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    /** An access point's alias addresses its bucket wherever S3 takes a bucket name. */
    @Test
    void aliasReachesTheBucket() {
        String bucket = newBucket();
        String name = newName();
        String alias = control.createAccessPoint(r -> r.accountId(ACCOUNT).name(name).bucket(bucket)).alias();
        s3.putObject(b -> b.bucket(alias).key("k"), RequestBody.fromString("through the alias"));
        assertEquals("through the alias", s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String());
        assertEquals("through the alias", s3.getObjectAsBytes(b -> b.bucket(alias).key("k")).asUtf8String());
        assertEquals(List.of("k"), s3.listObjectsV2(b -> b.bucket(alias)).contents().stream()
                .map(software.amazon.awssdk.services.s3.model.S3Object::key).toList());
        control.deleteAccessPoint(r -> r.accountId(ACCOUNT).name(name));
        assertThrows(software.amazon.awssdk.services.s3.model.NoSuchBucketException.class,
                () -> s3.getObjectAsBytes(b -> b.bucket(alias).key("k")));
    }

    /** An access point's ARN as the bucket: the SDK sends the request to <name>-<account>.<endpoint host>. */
    @Test
    void arnReachesTheBucket() {
        String bucket = newBucket();
        String name = newName();
        String arn = control.createAccessPoint(r -> r.accountId(ACCOUNT).name(name).bucket(bucket)).accessPointArn();
        try (S3Client hosted = ControlClients.virtualHostedS3(gureum, "test", "us-east-1")) {
            hosted.putObject(b -> b.bucket(arn).key("by-arn"), RequestBody.fromString("through the ARN"));
            assertEquals("through the ARN", s3.getObjectAsBytes(b -> b.bucket(bucket).key("by-arn")).asUtf8String());
            assertEquals("through the ARN", hosted.getObjectAsBytes(b -> b.bucket(arn).key("by-arn")).asUtf8String());
            String other = "arn:aws:s3:us-east-1:" + ACCOUNT + ":accesspoint/" + newName();
            assertThrows(software.amazon.awssdk.services.s3.model.NoSuchBucketException.class,
                    () -> hosted.getObjectAsBytes(b -> b.bucket(other).key("by-arn")));
        }
    }

    /** The rest of S3 Control answers 501 naming the operation. */
    @Test
    void unservedOperationsAnswerNotImplemented() {
        S3ControlException e = assertThrows(S3ControlException.class,
                () -> control.listJobs(r -> r.accountId(ACCOUNT)));
        assertEquals(501, e.statusCode());
        assertEquals("NotImplemented", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains("ListJobs"), e.awsErrorDetails().errorMessage());
        assertError("NotImplemented", 501, () -> control.describeJob(r -> r.accountId(ACCOUNT).jobId("j")));
    }

    /**
     * A request through an access point is also held to the access point's own Block Public Access settings (all
     * on unless given): a public ACL written through it is refused where the bucket alone allows it.
     */
    @Test
    void theAccessPointsBlockAppliesToRequestsThroughIt() {
        String bucket = newBucket();
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(o -> o.rules(r -> r
                .objectOwnership(software.amazon.awssdk.services.s3.model.ObjectOwnership.OBJECT_WRITER))));
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        String blocked = control.createAccessPoint(r -> r.accountId(ACCOUNT).name(newName()).bucket(bucket)).alias();
        String open = control.createAccessPoint(r -> r.accountId(ACCOUNT).name(newName()).bucket(bucket)
                .publicAccessBlockConfiguration(c -> c.blockPublicAcls(false).ignorePublicAcls(false)
                        .blockPublicPolicy(false).restrictPublicBuckets(false))).alias();
        var publicRead = software.amazon.awssdk.services.s3.model.ObjectCannedACL.PUBLIC_READ;
        var denied = assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class, () -> s3.putObject(b -> b
                .bucket(blocked).key("k").acl(publicRead), RequestBody.fromString("x")));
        assertEquals(403, denied.statusCode());
        assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
        s3.putObject(b -> b.bucket(open).key("k").acl(publicRead), RequestBody.fromString("x"));
        s3.putObject(b -> b.bucket(bucket).key("k2").acl(publicRead), RequestBody.fromString("x"));
        assertEquals(403, assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class, () -> s3
                .putObjectAcl(b -> b.bucket(blocked).key("k2").acl(publicRead))).statusCode());
    }
}
