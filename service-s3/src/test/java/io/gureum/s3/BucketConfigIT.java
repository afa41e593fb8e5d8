package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;

class BucketConfigIT extends S3Fixture {

    static void assertError(String code, int status, org.junit.jupiter.api.function.Executable call) {
        S3Exception e = assertThrows(S3Exception.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(status, e.statusCode());
    }

    @Test
    void bucketAndObjectTagging() {
        String bucket = newBucket();
        assertError("NoSuchTagSet", 404, () -> s3.getBucketTagging(b -> b.bucket(bucket)));
        s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(Tag.builder().key("team").value("a").build())));
        assertEquals("a", s3.getBucketTagging(b -> b.bucket(bucket)).tagSet().get(0).value());
        s3.deleteBucketTagging(b -> b.bucket(bucket));
        assertError("NoSuchTagSet", 404, () -> s3.getBucketTagging(b -> b.bucket(bucket)));

        s3.putObject(b -> b.bucket(bucket).key("o").tagging("k1=v1&k2=v%202"), RequestBody.fromString("x"));
        assertEquals(Map.of("k1", "v1", "k2", "v 2"), tags(bucket, "o"));
        assertEquals(2, s3.getObject(b -> b.bucket(bucket).key("o")).response().tagCount());
        s3.putObjectTagging(b -> b.bucket(bucket).key("o").tagging(t -> t.tagSet(Tag.builder().key("x").value("y").build())));
        assertEquals(Map.of("x", "y"), tags(bucket, "o"));
        s3.deleteObjectTagging(b -> b.bucket(bucket).key("o"));
        assertTrue(tags(bucket, "o").isEmpty());
        assertError("BadRequest", 400, () -> s3.putObjectTagging(b -> b.bucket(bucket).key("o").tagging(t -> t.tagSet(
                java.util.stream.IntStream.range(0, 11).mapToObj(i -> Tag.builder().key("k" + i).value("v").build())
                        .toList()))));
        assertThrows(software.amazon.awssdk.services.s3.model.NoSuchKeyException.class,
                () -> s3.getObjectTagging(b -> b.bucket(bucket).key("missing")));
    }

    static Map<String, String> tags(String bucket, String key) {
        return s3.getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet().stream()
                .collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void policyIsStoredAndReturned() {
        String bucket = newBucket();
        assertError("NoSuchBucketPolicy", 404, () -> s3.getBucketPolicy(b -> b.bucket(bucket)));
        s3.deletePublicAccessBlock(b -> b.bucket(bucket)); // new buckets block public policies
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy));
        assertEquals(policy, s3.getBucketPolicy(b -> b.bucket(bucket)).policy());
        assertError("MalformedPolicy", 400, () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy("not json")));
        s3.deleteBucketPolicy(b -> b.bucket(bucket));
        assertError("NoSuchBucketPolicy", 404, () -> s3.getBucketPolicy(b -> b.bucket(bucket)));
    }

    @Test
    void corsConfiguration() {
        String bucket = newBucket();
        assertError("NoSuchCORSConfiguration", 404, () -> s3.getBucketCors(b -> b.bucket(bucket)));
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(r -> r.allowedOrigins("https://a.example")
                .allowedMethods("GET", "PUT").allowedHeaders("*").exposeHeaders("ETag").maxAgeSeconds(300))));
        var rule = s3.getBucketCors(b -> b.bucket(bucket)).corsRules().get(0);
        assertEquals(java.util.List.of("GET", "PUT"), rule.allowedMethods());
        assertEquals(300, rule.maxAgeSeconds());
        assertError("InvalidRequest", 400, () -> s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                r -> r.allowedOrigins("*").allowedMethods("PATCH")))));
        s3.deleteBucketCors(b -> b.bucket(bucket));
        assertError("NoSuchCORSConfiguration", 404, () -> s3.getBucketCors(b -> b.bucket(bucket)));
    }

    @Test
    void aclOwnershipPublicAccessBlockAndEncryption() {
        String bucket = newBucket();
        var acl = s3.getBucketAcl(b -> b.bucket(bucket));
        assertEquals(Permission.FULL_CONTROL, acl.grants().get(0).permission());
        assertEquals(acl.owner().id(), acl.grants().get(0).grantee().id());

        s3.deleteBucketOwnershipControls(b -> b.bucket(bucket));
        assertError("OwnershipControlsNotFoundError", 404, () -> s3.getBucketOwnershipControls(b -> b.bucket(bucket)));
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(o -> o.rules(
                r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
        assertEquals(ObjectOwnership.BUCKET_OWNER_ENFORCED, s3.getBucketOwnershipControls(b -> b.bucket(bucket))
                .ownershipControls().rules().get(0).objectOwnership());
        assertError("AccessControlListNotSupported", 400, () -> s3.putBucketAcl(b -> b.bucket(bucket).acl("public-read")));

        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        assertError("NoSuchPublicAccessBlockConfiguration", 404, () -> s3.getPublicAccessBlock(b -> b.bucket(bucket)));
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)
                .blockPublicPolicy(true).ignorePublicAcls(true).restrictPublicBuckets(false)));
        var pab = s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
        assertTrue(pab.blockPublicPolicy());
        assertFalse(pab.restrictPublicBuckets());
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));

        assertEquals(ServerSideEncryption.AES256, s3.getBucketEncryption(b -> b.bucket(bucket))
                .serverSideEncryptionConfiguration().rules().get(0).applyServerSideEncryptionByDefault().sseAlgorithm());
        s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS)
                        .kmsMasterKeyID("alias/aws/s3")))));
        assertEquals("alias/aws/s3", s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration()
                .rules().get(0).applyServerSideEncryptionByDefault().kmsMasterKeyID());
        var put = s3.putObject(b -> b.bucket(bucket).key("enc"), RequestBody.fromString("x"));
        assertEquals(ServerSideEncryption.AWS_KMS, put.serverSideEncryption());
    }

    @Test
    void storageClassAndLifecycleConfigurationAreStored() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("cold").storageClass(StorageClass.GLACIER_IR), RequestBody.fromString("x"));
        assertEquals("GLACIER_IR", s3.headObject(b -> b.bucket(bucket).key("cold")).storageClassAsString());
        assertEquals("GLACIER_IR", s3.listObjectsV2(b -> b.bucket(bucket)).contents().get(0).storageClassAsString());
        assertError("NoSuchLifecycleConfiguration", 404,
                () -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)));
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(
                LifecycleRule.builder().id("logs").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("logs/"))
                        .expiration(e -> e.days(30)).build())));
        var rules = s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules();
        assertEquals("logs", rules.get(0).id());
        assertEquals(30, rules.get(0).expiration().days());
        s3.deleteBucketLifecycle(b -> b.bucket(bucket));
        assertError("NoSuchLifecycleConfiguration", 404,
                () -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)));
    }

    @Test
    void configurationsTerraformReadsOnRefresh() {
        String bucket = newBucket();
        assertError("NoSuchWebsiteConfiguration", 404, () -> s3.getBucketWebsite(b -> b.bucket(bucket)));
        s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))));
        assertEquals("index.html", s3.getBucketWebsite(b -> b.bucket(bucket)).indexDocument().suffix());
        assertEquals(null, s3.getBucketAccelerateConfiguration(b -> b.bucket(bucket)).status());
        assertEquals("BucketOwner", s3.getBucketRequestPayment(b -> b.bucket(bucket)).payerAsString());
        assertEquals(null, s3.getBucketLogging(b -> b.bucket(bucket)).loggingEnabled());
        assertError("ReplicationConfigurationNotFoundError", 404, () -> s3.getBucketReplication(b -> b.bucket(bucket)));
        assertError("NoSuchBucketPolicy", 404, () -> s3.getBucketPolicyStatus(b -> b.bucket(bucket)));
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));
        assertTrue(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic());
    }

    @Test
    void abacStatusIsStoredAndTurnsOffBucketTaggingCalls() {
        String bucket = newBucket();
        assertEquals("Disabled", s3.getBucketAbac(b -> b.bucket(bucket)).abacStatus().statusAsString());
        s3.putBucketAbac(b -> b.bucket(bucket).abacStatus(a -> a.status("Enabled")));
        assertEquals("Enabled", s3.getBucketAbac(b -> b.bucket(bucket)).abacStatus().statusAsString());
        assertError("InvalidRequest", 400, () -> s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(
                Tag.builder().key("k").value("v").build()))));
        assertError("InvalidRequest", 400, () -> s3.deleteBucketTagging(b -> b.bucket(bucket)));
        s3.putBucketAbac(b -> b.bucket(bucket).abacStatus(a -> a.status("Disabled")));
        s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(Tag.builder().key("k").value("v").build())));
    }
}
