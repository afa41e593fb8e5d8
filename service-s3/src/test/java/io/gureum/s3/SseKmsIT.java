package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** SSE-KMS against the real KMS served beside S3: keys, defaults, and KMS's failures as S3 reports them. */
class SseKmsIT extends S3Fixture {
    static KmsClient kms;

    @BeforeAll
    static void kms() {
        kms = AwsClients.client(KmsClient.builder(), gureum.endpoint(), "test", "us-east-1");
    }

    @AfterAll
    static void closeKms() {
        kms.close();
    }

    static String newKey() {
        return kms.createKey(k -> k.description("s3 test")).keyMetadata().arn();
    }

    static PutObjectResponse put(String bucket, String key, String kmsKeyId) {
        return s3.putObject(p -> p.bucket(bucket).key(key).serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(kmsKeyId), RequestBody.fromString("secret"));
    }

    @Test
    void putWithKeyIdAnswersAndStoresTheKeyArn() {
        String bucket = newBucket();
        String arn = newKey();
        String keyId = arn.substring(arn.lastIndexOf('/') + 1);
        PutObjectResponse put = put(bucket, "k", keyId);
        assertEquals(ServerSideEncryption.AWS_KMS, put.serverSideEncryption());
        assertEquals(arn, put.ssekmsKeyId());
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("k"));
        assertEquals(ServerSideEncryption.AWS_KMS, head.serverSideEncryption());
        assertEquals(arn, head.ssekmsKeyId());
        assertEquals("secret", s3.getObjectAsBytes(g -> g.bucket(bucket).key("k")).asUtf8String());
    }

    @Test
    void aliasNamesAndTheAwsManagedKey() {
        String bucket = newBucket();
        String arn = newKey();
        String alias = "alias/s3-" + bucket;
        kms.createAlias(a -> a.aliasName(alias).targetKeyId(arn));
        assertEquals(arn, put(bucket, "a", alias).ssekmsKeyId());
        PutObjectResponse managed = s3.putObject(p -> p.bucket(bucket).key("m")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS), RequestBody.fromString("x"));
        String managedArn = kms.describeKey(d -> d.keyId("alias/aws/s3")).keyMetadata().arn();
        assertEquals(managedArn, managed.ssekmsKeyId());
        assertEquals("aws:kms:dsse", s3.putObject(p -> p.bucket(bucket).key("d")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS_DSSE).ssekmsKeyId(arn),
                RequestBody.fromString("x")).serverSideEncryptionAsString());
    }

    @Test
    void encryptionContextAndBucketKeyAreEchoed() {
        String bucket = newBucket();
        String arn = newKey();
        String context = Base64.getEncoder().encodeToString("{\"team\":\"a\"}".getBytes(StandardCharsets.UTF_8));
        PutObjectResponse put = s3.putObject(p -> p.bucket(bucket).key("c")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(arn).ssekmsEncryptionContext(context)
                .bucketKeyEnabled(true), RequestBody.fromString("x"));
        assertEquals(context, put.ssekmsEncryptionContext());
        assertTrue(put.bucketKeyEnabled());
        assertTrue(s3.headObject(h -> h.bucket(bucket).key("c")).bucketKeyEnabled());
        S3Exception bad = assertThrows(S3Exception.class, () -> s3.putObject(p -> p.bucket(bucket).key("c")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsEncryptionContext("not json"),
                RequestBody.fromString("x")));
        assertEquals("InvalidArgument", bad.awsErrorDetails().errorCode());
    }

    @Test
    void bucketDefaultEncryptionAppliesToWritesWithoutHeaders() {
        String bucket = newBucket();
        String arn = newKey();
        s3.putBucketEncryption(p -> p.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS)
                        .kmsMasterKeyID(arn))
                .bucketKeyEnabled(true))));
        PutObjectResponse put = s3.putObject(p -> p.bucket(bucket).key("d"), RequestBody.fromString("x"));
        assertEquals(ServerSideEncryption.AWS_KMS, put.serverSideEncryption());
        assertEquals(arn, put.ssekmsKeyId());
        assertTrue(put.bucketKeyEnabled());
        // An explicit AES256 still wins over the default.
        PutObjectResponse aes = s3.putObject(p -> p.bucket(bucket).key("e")
                .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromString("x"));
        assertEquals(ServerSideEncryption.AES256, aes.serverSideEncryption());
        assertNull(aes.ssekmsKeyId());
    }

    @Test
    void copyAndMultipartCarryTheKey() {
        String bucket = newBucket();
        String arn = newKey();
        s3.putObject(p -> p.bucket(bucket).key("plain"), RequestBody.fromString("x"));
        var copy = s3.copyObject(c -> c.sourceBucket(bucket).sourceKey("plain").destinationBucket(bucket)
                .destinationKey("copy").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(arn));
        assertEquals(arn, copy.ssekmsKeyId());
        assertEquals(arn, s3.headObject(h -> h.bucket(bucket).key("copy")).ssekmsKeyId());

        CreateMultipartUploadResponse up = s3.createMultipartUpload(c -> c.bucket(bucket).key("mp")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(arn));
        assertEquals(arn, up.ssekmsKeyId());
        UploadPartResponse part = s3.uploadPart(u -> u.bucket(bucket).key("mp").uploadId(up.uploadId()).partNumber(1),
                RequestBody.fromString("part"));
        assertEquals(arn, part.ssekmsKeyId());
        assertEquals(ServerSideEncryption.AWS_KMS, part.serverSideEncryption());
        var done = s3.completeMultipartUpload(c -> c.bucket(bucket).key("mp").uploadId(up.uploadId())
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part.eTag()).build())));
        assertEquals(arn, done.ssekmsKeyId());
        assertEquals(ServerSideEncryption.AWS_KMS, done.serverSideEncryption());
        assertEquals("part", s3.getObjectAsBytes(g -> g.bucket(bucket).key("mp")).asUtf8String());
    }

    @Test
    void aMissingKeyFailsTheWrite() {
        String bucket = newBucket();
        String missing = "arn:aws:kms:us-east-1:000000000000:key/11111111-2222-3333-4444-555555555555";
        S3Exception e = assertThrows(S3Exception.class, () -> put(bucket, "k", missing));
        assertEquals("KMS.NotFoundException", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        S3Exception alias = assertThrows(S3Exception.class, () -> put(bucket, "k", "alias/nope"));
        assertEquals("KMS.NotFoundException", alias.awsErrorDetails().errorCode());
        S3Exception mpu = assertThrows(S3Exception.class, () -> s3.createMultipartUpload(c -> c.bucket(bucket)
                .key("k").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(missing)));
        assertEquals("KMS.NotFoundException", mpu.awsErrorDetails().errorCode());
    }

    @Test
    void aDisabledKeyFailsWritesAndReadsUntilEnabled() {
        String bucket = newBucket();
        String arn = newKey();
        put(bucket, "k", arn);
        kms.disableKey(d -> d.keyId(arn));
        S3Exception write = assertThrows(S3Exception.class, () -> put(bucket, "k2", arn));
        assertEquals("KMS.DisabledException", write.awsErrorDetails().errorCode());
        assertEquals(400, write.statusCode());
        S3Exception get = assertThrows(S3Exception.class,
                () -> s3.getObjectAsBytes(g -> g.bucket(bucket).key("k")));
        assertEquals("KMS.DisabledException", get.awsErrorDetails().errorCode());
        assertEquals(400, get.statusCode());
        // HEAD reads metadata only: it does not call KMS
        assertEquals(arn, s3.headObject(h -> h.bucket(bucket).key("k")).ssekmsKeyId());
        S3Exception copy = assertThrows(S3Exception.class, () -> s3.copyObject(c -> c.sourceBucket(bucket)
                .sourceKey("k").destinationBucket(bucket).destinationKey("k3")));
        assertEquals("KMS.DisabledException", copy.awsErrorDetails().errorCode());
        String upload = s3.createMultipartUpload(c -> c.bucket(bucket).key("mp")).uploadId();
        S3Exception partCopy = assertThrows(S3Exception.class, () -> s3.uploadPartCopy(c -> c.sourceBucket(bucket)
                .sourceKey("k").destinationBucket(bucket).destinationKey("mp").uploadId(upload).partNumber(1)));
        assertEquals("KMS.DisabledException", partCopy.awsErrorDetails().errorCode());
        kms.enableKey(e -> e.keyId(arn));
        assertEquals("secret", s3.getObjectAsBytes(g -> g.bucket(bucket).key("k")).asUtf8String());
    }

    @Test
    void aKeyDisabledDuringAMultipartUploadFailsItsPartsAndCompletion() {
        String bucket = newBucket();
        String arn = newKey();
        String upload = s3.createMultipartUpload(c -> c.bucket(bucket).key("mp")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(arn)).uploadId();
        String etag = s3.uploadPart(u -> u.bucket(bucket).key("mp").uploadId(upload).partNumber(1),
                RequestBody.fromString("one")).eTag();
        kms.disableKey(d -> d.keyId(arn));
        S3Exception part = assertThrows(S3Exception.class, () -> s3.uploadPart(u -> u.bucket(bucket).key("mp")
                .uploadId(upload).partNumber(2), RequestBody.fromString("two")));
        assertEquals("KMS.DisabledException", part.awsErrorDetails().errorCode());
        S3Exception complete = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(c -> c.bucket(bucket)
                .key("mp").uploadId(upload)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))));
        assertEquals("KMS.DisabledException", complete.awsErrorDetails().errorCode());
        kms.enableKey(e -> e.keyId(arn));
        s3.completeMultipartUpload(c -> c.bucket(bucket).key("mp").uploadId(upload)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertEquals("one", s3.getObjectAsBytes(g -> g.bucket(bucket).key("mp")).asUtf8String());
    }

    @Test
    void aKeyPendingDeletionFailsWithInvalidState() {
        String bucket = newBucket();
        String arn = newKey();
        put(bucket, "k", arn);
        kms.scheduleKeyDeletion(s -> s.keyId(arn).pendingWindowInDays(7));
        S3Exception get = assertThrows(S3Exception.class,
                () -> s3.getObjectAsBytes(g -> g.bucket(bucket).key("k")));
        assertEquals("KMS.KMSInvalidStateException", get.awsErrorDetails().errorCode());
        S3Exception write = assertThrows(S3Exception.class, () -> put(bucket, "k2", arn));
        assertEquals("KMS.KMSInvalidStateException", write.awsErrorDetails().errorCode());
    }

    @Test
    void kmsHeadersWithoutAwsKmsOrWithSseCAreInvalidArgument() {
        String bucket = newBucket();
        String arn = newKey();
        S3Exception keyOnly = assertThrows(S3Exception.class, () -> s3.putObject(p -> p.bucket(bucket).key("k")
                .serverSideEncryption(ServerSideEncryption.AES256).ssekmsKeyId(arn), RequestBody.fromString("x")));
        assertEquals("InvalidArgument", keyOnly.awsErrorDetails().errorCode());
        String customerKey = Base64.getEncoder().encodeToString(new byte[32]);
        S3Exception ssec = assertThrows(S3Exception.class, () -> s3.putObject(p -> p.bucket(bucket).key("k")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).sseCustomerAlgorithm("AES256")
                .sseCustomerKey(customerKey).sseCustomerKeyMD5(md5(new byte[32])), RequestBody.fromString("x")));
        assertEquals("InvalidArgument", ssec.awsErrorDetails().errorCode());
        assertEquals(400, ssec.statusCode());
    }

    private static String md5(byte[] b) {
        try {
            return Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
