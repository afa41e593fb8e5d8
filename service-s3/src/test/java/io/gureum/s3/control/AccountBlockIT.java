package io.gureum.s3.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.junit5.GureumExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.NoSuchPublicAccessBlockConfigurationException;
import software.amazon.awssdk.services.s3control.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3control.model.S3ControlException;

/** Account-level Block Public Access: stored by S3 Control, honoured by S3 with each bucket's own settings. */
class AccountBlockIT {
    static final String ACCOUNT = "000000000000";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().resetBetweenTests().build();
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

    @Test
    void putGetDelete() {
        NoSuchPublicAccessBlockConfigurationException missing = assertThrows(
                NoSuchPublicAccessBlockConfigurationException.class,
                () -> control.getPublicAccessBlock(r -> r.accountId(ACCOUNT)));
        assertEquals(404, missing.statusCode());
        assertEquals("NoSuchPublicAccessBlockConfiguration", missing.awsErrorDetails().errorCode());

        control.putPublicAccessBlock(r -> r.accountId(ACCOUNT).publicAccessBlockConfiguration(c -> c
                .blockPublicAcls(true).restrictPublicBuckets(true)));
        PublicAccessBlockConfiguration got = control.getPublicAccessBlock(r -> r.accountId(ACCOUNT))
                .publicAccessBlockConfiguration();
        assertTrue(got.blockPublicAcls());
        assertFalse(got.ignorePublicAcls()); // omitted settings are stored as false
        assertFalse(got.blockPublicPolicy());
        assertTrue(got.restrictPublicBuckets());

        control.deletePublicAccessBlock(r -> r.accountId(ACCOUNT));
        assertThrows(NoSuchPublicAccessBlockConfigurationException.class,
                () -> control.getPublicAccessBlock(r -> r.accountId(ACCOUNT)));
        control.deletePublicAccessBlock(r -> r.accountId(ACCOUNT)); // nothing there: still no error

        S3ControlException other = assertThrows(S3ControlException.class,
                () -> control.getPublicAccessBlock(r -> r.accountId("111111111111")));
        assertEquals("AccessDenied", other.awsErrorDetails().errorCode());
        assertEquals(403, other.statusCode());
    }

    /** Each account's block is its own: another account's buckets are not affected. */
    @Test
    void accountsAreSeparate() {
        control.putPublicAccessBlock(r -> r.accountId(ACCOUNT).publicAccessBlockConfiguration(c -> c
                .blockPublicPolicy(true)));
        try (S3ControlClient second = ControlClients.control(gureum, "111111111111", "us-east-1")) {
            assertThrows(NoSuchPublicAccessBlockConfigurationException.class,
                    () -> second.getPublicAccessBlock(r -> r.accountId("111111111111")));
        }
    }

    @Test
    void s3RefusesAPublicBucketPolicyUnderTheAccountsBlockPublicPolicy() {
        String bucket = openBucket();
        String everyone = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
        control.putPublicAccessBlock(r -> r.accountId(ACCOUNT).publicAccessBlockConfiguration(c -> c
                .blockPublicPolicy(true)));
        S3Exception denied = assertThrows(S3Exception.class,
                () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy(everyone)));
        assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
        assertEquals(403, denied.statusCode());
        control.deletePublicAccessBlock(r -> r.accountId(ACCOUNT));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(everyone)); // the bucket's own block is off
        assertTrue(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic());
    }

    @Test
    void s3RefusesAPublicAclUnderTheAccountsBlockPublicAcls() {
        String bucket = openBucket();
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(o -> o.rules(r -> r
                .objectOwnership(ObjectOwnership.OBJECT_WRITER))));
        control.putPublicAccessBlock(r -> r.accountId(ACCOUNT).publicAccessBlockConfiguration(c -> c
                .blockPublicAcls(true)));
        S3Exception denied = assertThrows(S3Exception.class,
                () -> s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ)));
        assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
        assertEquals(403, denied.statusCode());
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE)); // not public: allowed
        control.putPublicAccessBlock(r -> r.accountId(ACCOUNT).publicAccessBlockConfiguration(c -> c
                .blockPublicAcls(false)));
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
    }

    /** A reset forgets the account's block for S3 too, before S3 Control is called again. */
    @Test
    void aResetForgetsTheBlock() throws Exception {
        control.putPublicAccessBlock(r -> r.accountId(ACCOUNT).publicAccessBlockConfiguration(c -> c
                .blockPublicPolicy(true)));
        aws.reset();
        String bucket = openBucket();
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket
                + "/*\"}]}"));
        assertTrue(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic());
    }

    /** Resetting S3 Control alone forgets its access points (and their registry records) and the account's block. */
    @Test
    void aResetOfS3ControlAloneForgetsItsAccessPoints() throws Exception {
        String bucket = openBucket();
        control.createAccessPoint(r -> r.accountId(ACCOUNT).name("again").bucket(bucket));
        control.putPublicAccessBlock(r -> r.accountId(ACCOUNT).publicAccessBlockConfiguration(c -> c
                .blockPublicPolicy(true)));
        java.net.http.HttpResponse<String> reset = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(gureum.endpoint().resolve("/_gureum/reset?service=s3control"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reset.statusCode(), reset.body());
        assertThrows(NoSuchPublicAccessBlockConfigurationException.class,
                () -> control.getPublicAccessBlock(r -> r.accountId(ACCOUNT)));
        assertTrue(control.listAccessPoints(r -> r.accountId(ACCOUNT)).accessPointList().isEmpty());
        control.createAccessPoint(r -> r.accountId(ACCOUNT).name("again").bucket(bucket)); // the name is free again
        assertEquals(bucket, control.getAccessPoint(r -> r.accountId(ACCOUNT).name("again")).bucket());
    }

    /** A bucket without its own Block Public Access settings (new buckets have all four on). */
    static String openBucket() {
        String name = "b-" + UUID.randomUUID().toString().substring(0, 12);
        s3.createBucket(b -> b.bucket(name));
        s3.deletePublicAccessBlock(b -> b.bucket(name));
        return name;
    }
}
