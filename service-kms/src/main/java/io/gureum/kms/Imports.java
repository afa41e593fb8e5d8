package io.gureum.kms;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.DeleteImportedKeyMaterialRequest;
import software.amazon.awssdk.services.kms.model.DeleteImportedKeyMaterialResponse;
import software.amazon.awssdk.services.kms.model.ExpiredImportTokenException;
import software.amazon.awssdk.services.kms.model.GetParametersForImportRequest;
import software.amazon.awssdk.services.kms.model.GetParametersForImportResponse;
import software.amazon.awssdk.services.kms.model.ImportKeyMaterialRequest;
import software.amazon.awssdk.services.kms.model.ImportKeyMaterialResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyMaterialException;
import software.amazon.awssdk.services.kms.model.InvalidImportTokenException;

/**
 * Imported key material for keys created with {@code Origin=EXTERNAL}
 * (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html): an RSA wrapping key and an
 * import token valid for 24 hours, the material unwrapped with RSAES-OAEP or RSA-AES key wrap, an optional
 * {@code ValidTo} on Gureum's clock after which the key returns to PendingImport. Re-imports must bring
 * the same material, so ciphertexts made before still decrypt. Gureum imports symmetric and HMAC
 * material only.
 */
final class Imports {
    /** What one GetParametersForImport call handed out. */
    record Parameters(String account, String region, String keyId, PrivateKey wrappingKey, String algorithm,
            Instant validTo) {
    }

    private final KmsStores stores;
    private final KeyLookup lookup;

    Imports(KmsStores stores, KeyLookup lookup) {
        this.stores = stores;
        this.lookup = lookup;
    }

    public GetParametersForImportResponse getParametersForImport(GetParametersForImportRequest request) {
        KmsKey key = external(request.keyId());
        KeyLookup.requireNotPendingDeletion(key);
        String algorithm = request.wrappingAlgorithmAsString();
        String spec = request.wrappingKeySpecAsString();
        if (!algorithm.startsWith("RSA") || algorithm.equals("RSAES_PKCS1_V1_5") || !spec.startsWith("RSA_")) {
            throw KmsErrors.unsupported("Wrapping algorithm " + algorithm + " with " + spec
                    + " is not supported by Gureum.");
        }
        java.security.KeyPair wrapping = KeyMaterial.keyPair(spec);
        byte[] token = KeyMaterial.random(128);
        Instant validTo = stores.now().plus(Duration.ofHours(24));
        stores.importTokens.put(Base64.getEncoder().encodeToString(token),
                new Parameters(key.account, key.region, key.keyId, wrapping.getPrivate(), algorithm, validTo));
        return GetParametersForImportResponse.builder().keyId(key.arn).importToken(SdkBytes.fromByteArray(token))
                .publicKey(SdkBytes.fromByteArray(wrapping.getPublic().getEncoded())).parametersValidTo(validTo).build();
    }

    public ImportKeyMaterialResponse importKeyMaterial(ImportKeyMaterialRequest request) {
        KmsKey key = external(request.keyId());
        KeyLookup.requireNotPendingDeletion(key);
        Parameters p = stores.importTokens.get(Base64.getEncoder().encodeToString(request.importToken().asByteArray()));
        if (p == null || !p.keyId().equals(key.keyId) || !p.account().equals(key.account)
                || !p.region().equals(key.region)) {
            throw io.gureum.core.error.ModeledErrors.of(InvalidImportTokenException.class,
                    "The import token is not valid for this KMS key.");
        }
        if (stores.now().isAfter(p.validTo())) {
            throw io.gureum.core.error.ModeledErrors.of(ExpiredImportTokenException.class,
                    "The import token has expired.");
        }
        String model = request.expirationModelAsString() != null ? request.expirationModelAsString()
                : request.validTo() != null ? "KEY_MATERIAL_EXPIRES" : "KEY_MATERIAL_DOES_NOT_EXPIRE";
        if (model.equals("KEY_MATERIAL_EXPIRES") != (request.validTo() != null)) {
            throw KmsErrors.validation("ValidTo is required with KEY_MATERIAL_EXPIRES and not allowed with "
                    + "KEY_MATERIAL_DOES_NOT_EXPIRE.");
        }
        if (request.validTo() != null && !request.validTo().isAfter(stores.now())) {
            throw KmsErrors.validation("ValidTo must be in the future.");
        }
        byte[] material = unwrap(p, request.encryptedKeyMaterial().asByteArray());
        checkLength(key, material);
        byte[] digest = sha256(material);
        if (key.importedMaterialDigest != null && !MessageDigest.isEqual(digest, key.importedMaterialDigest)) {
            throw incorrectMaterial();
        }
        if (key.importedMaterialId == null) {
            key.importedMaterialId = KeyMaterial.newId();
            key.importedMaterialDigest = digest;
        }
        key.materials.clear();
        key.materials.add(new KeyMaterial(key.importedMaterialId, material, null, null, stores.now(), null));
        key.validTo = request.validTo();
        key.expirationModel = model;
        if (key.state.equals(KmsKey.PENDING_IMPORT)) {
            key.state = KmsKey.ENABLED;
        }
        stores.importTokens.values().removeIf(x -> x.keyId().equals(key.keyId));
        return ImportKeyMaterialResponse.builder().keyId(key.arn).keyMaterialId(key.importedMaterialId).build();
    }

    public DeleteImportedKeyMaterialResponse deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest request) {
        KmsKey key = external(request.keyId());
        KeyLookup.requireNotPendingDeletion(key);
        removeMaterial(key);
        return DeleteImportedKeyMaterialResponse.builder().keyId(key.arn).keyMaterialId(key.importedMaterialId).build();
    }

    /** Imported material past its ValidTo is deleted; the key waits for a new import. */
    static void expireIfDue(KmsKey key, Instant now) {
        if (key.validTo != null && !key.validTo.isAfter(now) && !key.materials.isEmpty()) {
            removeMaterial(key);
        }
    }

    private static void removeMaterial(KmsKey key) {
        key.materials.clear();
        key.validTo = null;
        if (!key.state.equals(KmsKey.PENDING_DELETION)) {
            key.state = KmsKey.PENDING_IMPORT;
        }
    }

    private KmsKey external(String keyId) {
        KmsKey key = lookup.findKey(keyId);
        if (!key.origin.equals("EXTERNAL")) {
            throw KmsErrors.unsupported(key.arn + " origin is " + key.origin + " which is not valid for this operation.");
        }
        return key;
    }

    /**
     * RSAES-OAEP of the material itself, or RSA-AES key wrap: OAEP of an ephemeral AES key (as long as the
     * wrapping key's modulus) followed by the material wrapped with AES key wrap with padding (RFC 5649).
     */
    private static byte[] unwrap(Parameters p, byte[] wrapped) {
        boolean sha1 = p.algorithm().endsWith("SHA_1");
        MGF1ParameterSpec hash = sha1 ? MGF1ParameterSpec.SHA1 : MGF1ParameterSpec.SHA256;
        OAEPParameterSpec oaep = new OAEPParameterSpec(hash.getDigestAlgorithm(), "MGF1", hash, PSource.PSpecified.DEFAULT);
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.DECRYPT_MODE, p.wrappingKey(), oaep);
            if (!p.algorithm().startsWith("RSA_AES_KEY_WRAP")) {
                return rsa.doFinal(wrapped);
            }
            int k = (((java.security.interfaces.RSAKey) p.wrappingKey()).getModulus().bitLength() + 7) / 8;
            byte[] aesKey = rsa.doFinal(Arrays.copyOf(wrapped, k));
            Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
            kwp.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
            return kwp.doFinal(Arrays.copyOfRange(wrapped, k, wrapped.length));
        } catch (GeneralSecurityException | ArrayIndexOutOfBoundsException e) {
            throw KmsErrors.invalidCiphertext();
        }
    }

    /** Symmetric material is 256 bits; HMAC material as long as the spec's digest or longer, up to 64 bytes. */
    private static void checkLength(KmsKey key, byte[] material) {
        boolean ok = key.keySpec.equals(KeySpecs.SYMMETRIC_DEFAULT) ? material.length == 32
                : material.length >= KeySpecs.hmacBytes(key.keySpec) && material.length <= 64;
        if (!ok) {
            throw incorrectMaterial();
        }
    }

    private static IncorrectKeyMaterialException incorrectMaterial() {
        return io.gureum.core.error.ModeledErrors.of(IncorrectKeyMaterialException.class,
                "The key material in the request is, expired, invalid, or is not the same key material that was "
                        + "previously imported into this KMS key.");
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
