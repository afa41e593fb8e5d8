package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UpdateObjectEncryptionResponse;

/** UpdateObjectEncryption through SDK v2, and what HeadObject and GetObject report afterwards. */
class ObjectEncryptionUpdateIT extends S3Fixture {
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
        return kms.createKey(k -> k.description("s3 update test")).keyMetadata().arn();
    }

    private static UpdateObjectEncryptionResponse update(String bucket, String key, String arn, Boolean bucketKey) {
        return s3.updateObjectEncryption(u -> u.bucket(bucket).key(key)
                .objectEncryption(e -> e.ssekms(k -> k.kmsKeyArn(arn).bucketKeyEnabled(bucketKey))));
    }

    @Test
    void sseS3ObjectBecomesSseKmsInPlace() {
        String bucket = newBucket();
        s3.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromString("data"));
        HeadObjectResponse before = s3.headObject(h -> h.bucket(bucket).key("k"));
        assertEquals(ServerSideEncryption.AES256, before.serverSideEncryption());
        String arn = newKey();
        UpdateObjectEncryptionResponse r = update(bucket, "k", arn, null);
        assertEquals(200, r.sdkHttpResponse().statusCode());

        HeadObjectResponse after = s3.headObject(h -> h.bucket(bucket).key("k"));
        assertEquals(ServerSideEncryption.AWS_KMS, after.serverSideEncryption());
        assertEquals(arn, after.ssekmsKeyId());
        assertEquals(before.eTag(), after.eTag());
        assertEquals(before.lastModified(), after.lastModified());
        assertTrue(after.bucketKeyEnabled() == null || !after.bucketKeyEnabled());
        GetObjectResponse get = s3.getObjectAsBytes(g -> g.bucket(bucket).key("k")).response();
        assertEquals(ServerSideEncryption.AWS_KMS, get.serverSideEncryption());
        assertEquals(arn, get.ssekmsKeyId());
        assertEquals("data", s3.getObjectAsBytes(g -> g.bucket(bucket).key("k")).asUtf8String());

        String other = newKey();
        update(bucket, "k", other, true);
        HeadObjectResponse rotated = s3.headObject(h -> h.bucket(bucket).key("k"));
        assertEquals(other, rotated.ssekmsKeyId());
        assertEquals(Boolean.TRUE, rotated.bucketKeyEnabled());
        assertNull(rotated.versionId());
    }

    @Test
    void aDisabledTargetKeyOrABadArnIsRefused() {
        String bucket = newBucket();
        s3.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromString("data"));
        S3Exception alias = assertThrows(S3Exception.class, () -> update(bucket, "k", "alias/aws/s3", null));
        assertEquals(400, alias.statusCode());
        assertEquals("InvalidRequest", alias.awsErrorDetails().errorCode());

        String arn = newKey();
        kms.disableKey(d -> d.keyId(arn));
        S3Exception disabled = assertThrows(S3Exception.class, () -> update(bucket, "k", arn, null));
        assertEquals("KMS.DisabledException", disabled.awsErrorDetails().errorCode());
        assertEquals(ServerSideEncryption.AES256, s3.headObject(h -> h.bucket(bucket).key("k"))
                .serverSideEncryption());

        S3Exception missing = assertThrows(NoSuchKeyException.class, () -> update(bucket, "nope", newKey(), null));
        assertEquals(404, missing.statusCode());
    }

    @Test
    void dsseObjectsCannotBeUpdated() {
        String bucket = newBucket();
        s3.putObject(p -> p.bucket(bucket).key("k").serverSideEncryption(ServerSideEncryption.AWS_KMS_DSSE),
                RequestBody.fromString("data"));
        S3Exception e = assertThrows(S3Exception.class, () -> update(bucket, "k", newKey(), null));
        assertEquals(400, e.statusCode());
        assertEquals("InvalidRequest", e.awsErrorDetails().errorCode());
    }
}
