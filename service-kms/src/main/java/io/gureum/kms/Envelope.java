package io.gureum.kms;

import java.security.GeneralSecurityException;
import java.security.spec.MGF1ParameterSpec;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * Encryption and decryption with a key, shared by Encrypt, Decrypt, ReEncrypt and the data key
 * operations: AES-256-GCM into a {@link CiphertextBlob} for symmetric keys, RSAES-OAEP with SHA-1 or
 * SHA-256 (MGF1 with the same hash) for RSA keys (asymm-key-specs.html#key-spec-rsa-encryption).
 */
final class Envelope {
    /** What decrypting produced: the key, the plaintext and the material version (null for RSA). */
    record Opened(KmsKey key, byte[] plaintext, String materialId, String algorithm) {
    }

    private final KmsStores stores;
    private final KeyLookup lookup;

    Envelope(KmsStores stores, KeyLookup lookup) {
        this.stores = stores;
        this.lookup = lookup;
    }

    /** Checks {@code algorithm} (null: SYMMETRIC_DEFAULT) suits the key; returns it. */
    static String algorithm(KmsKey key, String algorithm) {
        String a = algorithm == null ? KeySpecs.SYMMETRIC_DEFAULT : algorithm;
        if (!KeySpecs.encryptionAlgorithms(key.keySpec, key.keyUsage).contains(a)) {
            throw KmsErrors.keyUsage("Algorithm " + a + " is incompatible with key spec " + key.keySpec + ".");
        }
        return a;
    }

    byte[] encrypt(KmsKey key, String algorithm, byte[] plaintext, Map<String, String> context) {
        if (algorithm.equals(KeySpecs.SYMMETRIC_DEFAULT)) {
            return CiphertextBlob.seal(key.keyId, key.current(), plaintext, context);
        }
        if (context != null && !context.isEmpty()) {
            throw KmsErrors.validation("EncryptionContext is not supported with asymmetric KMS keys.");
        }
        int max = maxPlaintext(key.keySpec, algorithm);
        if (plaintext.length > max) {
            throw KmsErrors.validation("Plaintext is too long for " + key.keySpec + " with " + algorithm
                    + ": at most " + max + " bytes.");
        }
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
            c.init(Cipher.ENCRYPT_MODE, key.current().publicKey(), oaep(algorithm));
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA encryption failed", e);
        }
    }

    /**
     * Decrypts {@code blob}. A symmetric blob names its key; when the request names one too it must be
     * the same key ({@code IncorrectKeyException}). Asymmetric ciphertexts need the request's key.
     */
    Opened decrypt(byte[] blob, String requestKeyId, String requestAlgorithm, Map<String, String> context) {
        KmsKey named = requestKeyId == null ? null : lookup.find(requestKeyId);
        String algorithm = requestAlgorithm == null ? KeySpecs.SYMMETRIC_DEFAULT : requestAlgorithm;
        if (!algorithm.equals(KeySpecs.SYMMETRIC_DEFAULT)) {
            if (named == null) {
                throw KmsErrors.validation("KeyId is required when the EncryptionAlgorithm is " + algorithm + ".");
            }
            return decryptRsa(named, algorithm, blob, context);
        }
        if (named != null && !named.keySpec.equals(KeySpecs.SYMMETRIC_DEFAULT)) {
            KeyLookup.requireEnabled(named);
            algorithm(named, algorithm);
        }
        CiphertextBlob parsed = CiphertextBlob.parse(blob);
        if (parsed == null) {
            throw KmsErrors.invalidCiphertext();
        }
        KmsKey key = named != null && named.keyId.equals(parsed.keyId()) ? named : lookup.byIdInRegion(parsed.keyId());
        if (named != null && !named.keyId.equals(parsed.keyId())) {
            throw KmsErrors.incorrectKey();
        }
        if (key == null) {
            throw KmsErrors.invalidCiphertext();
        }
        KeyLookup.requireEnabled(key);
        KeyMaterial material = key.material(parsed.materialId());
        byte[] plaintext = material == null ? null : parsed.open(material, context);
        if (plaintext == null) {
            throw KmsErrors.invalidCiphertext();
        }
        return new Opened(key, plaintext, material.id(), KeySpecs.SYMMETRIC_DEFAULT);
    }

    private Opened decryptRsa(KmsKey key, String algorithm, byte[] blob, Map<String, String> context) {
        KeyLookup.requireEnabled(key);
        if (!key.keyUsage.equals(KeySpecs.ENCRYPT_DECRYPT)) {
            throw KmsErrors.wrongUsage(key, "Decrypt");
        }
        algorithm(key, algorithm);
        if (context != null && !context.isEmpty()) {
            throw KmsErrors.validation("EncryptionContext is not supported with asymmetric KMS keys.");
        }
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
            c.init(Cipher.DECRYPT_MODE, key.current().privateKey(), oaep(algorithm));
            return new Opened(key, c.doFinal(blob), null, algorithm);
        } catch (GeneralSecurityException e) {
            throw KmsErrors.invalidCiphertext();
        }
    }

    private static OAEPParameterSpec oaep(String algorithm) {
        MGF1ParameterSpec hash = algorithm.equals("RSAES_OAEP_SHA_1") ? MGF1ParameterSpec.SHA1 : MGF1ParameterSpec.SHA256;
        return new OAEPParameterSpec(hash.getDigestAlgorithm(), "MGF1", hash, PSource.PSpecified.DEFAULT);
    }

    /** k − 2·hLen − 2 bytes (RFC 8017 §7.1.1): 214/190 for RSA_2048, 342/318 for 3072, 470/446 for 4096. */
    static int maxPlaintext(String spec, String algorithm) {
        int hash = algorithm.equals("RSAES_OAEP_SHA_1") ? 20 : 32;
        return KeySpecs.rsaBits(spec) / 8 - 2 * hash - 2;
    }
}
