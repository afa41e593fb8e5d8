package io.gureum.secretsmanager;

/**
 * A version's value as stored: AES-256-GCM ciphertext under a data key that KMS generated and encrypted
 * ({@code encryptedDataKey}), as Secrets Manager's envelope encryption does
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html). When the server
 * serves no KMS, {@code encryptedDataKey} is null and {@code ciphertext} holds the plain bytes.
 *
 * @param fingerprint an HMAC of the plain value under a key of this server, to compare a retried request's
 *     value with the stored one without decrypting
 */
record EncryptedValue(byte[] iv, byte[] ciphertext, byte[] encryptedDataKey, String kmsKeyArn, byte[] fingerprint) {

    boolean encrypted() {
        return encryptedDataKey != null;
    }
}
