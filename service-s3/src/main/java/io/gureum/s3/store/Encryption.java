package io.gureum.s3.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * How an object (or an upload) is encrypted at rest: the algorithm ({@code AES256}, {@code aws:kms},
 * {@code aws:kms:dsse}) and, for SSE-KMS, the key's ARN, whether an S3 Bucket Key is used, the
 * encryption context KMS bound the data key to (with {@code aws:s3:arn}), the caller's own context as
 * sent (base64 JSON, echoed by the write responses) and the encrypted data key KMS returned.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Encryption(String algorithm, String kmsKeyArn, Boolean bucketKeyEnabled, Map<String, String> context,
        String requestedContext, byte[] encryptedDataKey) {

    /** SSE-S3, every object's encryption unless a bucket or a request asks otherwise: one shared instance. */
    private static final Encryption AES256 = new Encryption("AES256", null, null, Map.of(), null, null);

    public static Encryption of(String algorithm) {
        if ("AES256".equals(algorithm)) {
            return AES256;
        }
        return algorithm == null ? null : new Encryption(algorithm, null, null, Map.of(), null, null);
    }

    public boolean kms() {
        return kmsKeyArn != null;
    }
}
