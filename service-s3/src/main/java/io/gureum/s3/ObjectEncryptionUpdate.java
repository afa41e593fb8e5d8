package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import software.amazon.awssdk.services.s3.model.SSEKMSEncryption;
import software.amazon.awssdk.services.s3.model.UpdateObjectEncryptionRequest;
import software.amazon.awssdk.services.s3.model.UpdateObjectEncryptionResponse;

/**
 * Provider of UpdateObjectEncryption: an existing SSE-S3 or SSE-KMS object version changes to SSE-KMS under a
 * given key (or turns its S3 Bucket Key on or off) in place, keeping its version, ETag, last-modified date,
 * storage class and checksums (https://docs.aws.amazon.com/AmazonS3/latest/userguide/update-sse-encryption.html).
 */
final class ObjectEncryptionUpdate {
    /** The KMSKeyArn pattern of the SSEKMSEncryption type: a key ARN, not an alias or a bare key ID. */
    private static final java.util.regex.Pattern KEY_ARN = java.util.regex.Pattern
            .compile("arn:aws[a-zA-Z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+");

    private final S3Backend s3;
    private final BucketAccess access;

    ObjectEncryptionUpdate(S3Backend s3, BucketAccess access) {
        this.s3 = s3;
        this.access = access;
    }

    public UpdateObjectEncryptionResponse updateObjectEncryption(UpdateObjectEncryptionRequest request) {
        Bucket b = access.bucket(request.bucket());
        SSEKMSEncryption kms = request.objectEncryption() == null ? null : request.objectEncryption().ssekms();
        if (kms == null) {
            throw S3Errors.malformedXml();
        }
        String keyArn = kms.kmsKeyArn();
        if (keyArn == null || keyArn.length() < 20 || keyArn.length() > 2048 || !KEY_ARN.matcher(keyArn).matches()) {
            throw S3Errors.invalidRequest("UpdateObjectEncryption requires the KMSKeyArn of a KMS key "
                    + "(arn:aws:kms:region:account:key/key-id)");
        }
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        String algorithm = o.serverSideEncryption;
        if (!"AES256".equals(algorithm) && !"aws:kms".equals(algorithm)) {
            // Only SSE-S3 and SSE-KMS objects can be updated: DSSE-KMS and SSE-C ones cannot.
            throw S3Errors.invalidRequest("UpdateObjectEncryption updates objects encrypted with SSE-S3 or SSE-KMS "
                    + "only; this object is encrypted with " + algorithm);
        }
        boolean bucketKey = Boolean.TRUE.equals(kms.bucketKeyEnabled());
        io.gureum.s3.store.Encryption next = s3.kms.reencrypt(b, o, keyArn, bucketKey);
        synchronized (b) {
            o.reencrypt(next);
        }
        return UpdateObjectEncryptionResponse.builder().build();
    }
}
