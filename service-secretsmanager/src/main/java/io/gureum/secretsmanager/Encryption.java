package io.gureum.secretsmanager;

import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Secrets Manager's envelope encryption through KMS
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html): each version's
 * value is encrypted with a fresh AES-256 data key from {@code GenerateDataKey}, under the secret's KMS key
 * ({@code alias/aws/secretsmanager} unless the secret names one) and the encryption context
 * {@code SecretARN} + {@code SecretVersionId}; reading it asks KMS to {@code Decrypt} the data key. KMS is
 * called in-process as {@code secretsmanager.amazonaws.com} in the secret's account and region, so a
 * disabled or missing key fails the call as in AWS. When the server serves no KMS, values are kept
 * unencrypted.
 */
final class Encryption {
    static final String DEFAULT_KEY = "alias/aws/secretsmanager";
    private static final String PRINCIPAL = "secretsmanager.amazonaws.com";
    private static final int IV_BYTES = 12;

    private final ServiceContext context;
    private final SecureRandom random = new SecureRandom();
    private final byte[] fingerprintKey = new byte[32];

    Encryption(ServiceContext context) {
        this.context = context;
        random.nextBytes(fingerprintKey);
    }

    /** The key of the values' fingerprints, which --data-dir keeps so that retries compare after a restart. */
    byte[] fingerprintKey() {
        return fingerprintKey.clone();
    }

    /** Takes the fingerprint key a previous run recorded (at start, before any request). */
    void restoreFingerprintKey(byte[] key) {
        System.arraycopy(key, 0, fingerprintKey, 0, fingerprintKey.length);
    }

    /** Encrypts {@code value} for a version; EncryptionFailure when KMS refuses. */
    EncryptedValue encrypt(Secret secret, String kmsKeyId, String versionId, SecretValue value) {
        byte[] plain = value.serialize();
        byte[] fingerprint = fingerprint(plain);
        if (!context.clients().serves(KmsClient.class)) {
            return new EncryptedValue(null, plain, null, null, fingerprint);
        }
        GenerateDataKeyResponse key;
        try {
            key = kms(secret).generateDataKey(b -> b.keyId(kmsKeyId == null || kmsKeyId.isEmpty() ? DEFAULT_KEY
                    : kmsKeyId).keySpec(DataKeySpec.AES_256).encryptionContext(context(secret, versionId)));
        } catch (KmsException e) {
            throw SecretsErrors.encryptionFailure();
        }
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] ciphertext = aes(Cipher.ENCRYPT_MODE, key.plaintext().asByteArray(), iv, plain);
        return new EncryptedValue(iv, ciphertext, key.ciphertextBlob().asByteArray(), key.keyId(), fingerprint);
    }

    /** The plain value of a version; DecryptionFailure when KMS refuses (a disabled key, for one). */
    SecretValue decrypt(Secret secret, String versionId, EncryptedValue value) {
        if (!value.encrypted()) {
            return SecretValue.deserialize(value.ciphertext());
        }
        DecryptResponse key;
        try {
            key = kms(secret.source()).decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(value.encryptedDataKey()))
                    .encryptionContext(context(secret, versionId)));
        } catch (KmsException e) {
            throw SecretsErrors.decryptionFailure();
        }
        return SecretValue.deserialize(aes(Cipher.DECRYPT_MODE, key.plaintext().asByteArray(), value.iv(),
                value.ciphertext()));
    }

    /** Whether {@code value} is what {@code stored} holds, without asking KMS. */
    boolean same(EncryptedValue stored, SecretValue value) {
        return stored != null && java.security.MessageDigest.isEqual(stored.fingerprint(),
                fingerprint(value.serialize()));
    }

    private KmsClient kms(Secret secret) {
        return context.clients().client(KmsClient.class,
                Caller.service(PRINCIPAL, secret.account, secret.region, secret.arn.toString()));
    }

    /** The encryption context AWS documents for secret values; the version's primary ARN for replicas too. */
    private static Map<String, String> context(Secret secret, String versionId) {
        return Map.of("SecretARN", secret.source().arn.toString(), "SecretVersionId", versionId);
    }

    private byte[] fingerprint(byte[] plain) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(fingerprintKey, "HmacSHA256"));
            return mac.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] aes(int mode, byte[] key, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw SecretsErrors.decryptionFailure();
        }
    }
}
