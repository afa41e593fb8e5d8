package io.gureum.kms;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyWithoutPlaintextRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyWithoutPlaintextResponse;
import software.amazon.awssdk.services.kms.model.GenerateRandomRequest;
import software.amazon.awssdk.services.kms.model.GenerateRandomResponse;
import software.amazon.awssdk.services.kms.model.ReEncryptRequest;
import software.amazon.awssdk.services.kms.model.ReEncryptResponse;

/** Encrypt, Decrypt, ReEncrypt, the symmetric data keys and GenerateRandom. Responses name keys by ARN, as KMS does. */
final class Cryptography {
    private final KeyLookup lookup;
    private final Envelope envelope;

    Cryptography(KeyLookup lookup, Envelope envelope) {
        this.lookup = lookup;
        this.envelope = envelope;
    }

    public EncryptResponse encrypt(EncryptRequest request) {
        lookup.checkGrantTokens(request.grantTokens());
        KmsKey key = lookup.usable(request.keyId(), KeySpecs.ENCRYPT_DECRYPT, "Encrypt");
        String algorithm = Envelope.algorithm(key, request.encryptionAlgorithmAsString());
        byte[] blob = envelope.encrypt(key, algorithm, request.plaintext().asByteArray(), request.encryptionContext());
        KmsErrors.dryRun(request.dryRun());
        return EncryptResponse.builder().ciphertextBlob(SdkBytes.fromByteArray(blob)).keyId(key.arn)
                .encryptionAlgorithm(algorithm).build();
    }

    public DecryptResponse decrypt(DecryptRequest request) {
        lookup.checkGrantTokens(request.grantTokens());
        if (request.ciphertextBlob() == null) {
            throw KmsErrors.validation("1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        Envelope.Opened opened = envelope.decrypt(request.ciphertextBlob().asByteArray(), request.keyId(),
                request.encryptionAlgorithmAsString(), request.encryptionContext());
        KmsErrors.dryRun(request.dryRun());
        return DecryptResponse.builder().keyId(opened.key().arn).plaintext(SdkBytes.fromByteArray(opened.plaintext()))
                .encryptionAlgorithm(opened.algorithm()).keyMaterialId(opened.materialId()).build();
    }

    public ReEncryptResponse reEncrypt(ReEncryptRequest request) {
        lookup.checkGrantTokens(request.grantTokens());
        if (request.ciphertextBlob() == null) {
            throw KmsErrors.validation("1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        Envelope.Opened source = envelope.decrypt(request.ciphertextBlob().asByteArray(), request.sourceKeyId(),
                request.sourceEncryptionAlgorithmAsString(), request.sourceEncryptionContext());
        KmsKey destination = lookup.usable(request.destinationKeyId(), KeySpecs.ENCRYPT_DECRYPT, "ReEncrypt");
        String algorithm = Envelope.algorithm(destination, request.destinationEncryptionAlgorithmAsString());
        byte[] blob = envelope.encrypt(destination, algorithm, source.plaintext(), request.destinationEncryptionContext());
        KmsErrors.dryRun(request.dryRun());
        return ReEncryptResponse.builder().ciphertextBlob(SdkBytes.fromByteArray(blob)).sourceKeyId(source.key().arn)
                .keyId(destination.arn).sourceEncryptionAlgorithm(source.algorithm())
                .destinationEncryptionAlgorithm(algorithm).sourceKeyMaterialId(source.materialId())
                .destinationKeyMaterialId(algorithm.equals(KeySpecs.SYMMETRIC_DEFAULT) ? destination.current().id() : null)
                .build();
    }

    public GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest request) {
        lookup.checkGrantTokens(request.grantTokens());
        KmsKey key = symmetricKey(request.keyId(), "GenerateDataKey");
        byte[] plaintext = KeyMaterial.random(dataKeyBytes(request.keySpecAsString(), request.numberOfBytes()));
        byte[] blob = CiphertextBlob.seal(key.keyId, key.current(), plaintext, request.encryptionContext());
        KmsErrors.dryRun(request.dryRun());
        return GenerateDataKeyResponse.builder().ciphertextBlob(SdkBytes.fromByteArray(blob))
                .plaintext(SdkBytes.fromByteArray(plaintext)).keyId(key.arn).keyMaterialId(key.current().id()).build();
    }

    public GenerateDataKeyWithoutPlaintextResponse generateDataKeyWithoutPlaintext(
            GenerateDataKeyWithoutPlaintextRequest request) {
        lookup.checkGrantTokens(request.grantTokens());
        KmsKey key = symmetricKey(request.keyId(), "GenerateDataKeyWithoutPlaintext");
        byte[] plaintext = KeyMaterial.random(dataKeyBytes(request.keySpecAsString(), request.numberOfBytes()));
        byte[] blob = CiphertextBlob.seal(key.keyId, key.current(), plaintext, request.encryptionContext());
        KmsErrors.dryRun(request.dryRun());
        return GenerateDataKeyWithoutPlaintextResponse.builder().ciphertextBlob(SdkBytes.fromByteArray(blob))
                .keyId(key.arn).keyMaterialId(key.current().id()).build();
    }

    /** 1 to 1024 bytes (the model's range, checked by core). */
    public GenerateRandomResponse generateRandom(GenerateRandomRequest request) {
        if (request.customKeyStoreId() != null) {
            throw KmsErrors.unsupported("Custom key stores are not supported by Gureum.");
        }
        if (request.numberOfBytes() == null) {
            throw KmsErrors.validation("1 validation error detected: Value null at 'numberOfBytes' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        return GenerateRandomResponse.builder()
                .plaintext(SdkBytes.fromByteArray(KeyMaterial.random(request.numberOfBytes()))).build();
    }

    /** Data keys come from symmetric encryption keys only (API_GenerateDataKey.html). */
    KmsKey symmetricKey(String keyId, String operation) {
        KmsKey key = lookup.usable(keyId, KeySpecs.ENCRYPT_DECRYPT, operation);
        if (!key.keySpec.equals(KeySpecs.SYMMETRIC_DEFAULT)) {
            throw KmsErrors.keyUsage(key.arn + " key spec is " + key.keySpec + " which is not valid for " + operation + ".");
        }
        return key;
    }

    /** Exactly one of KeySpec (AES_128, AES_256) and NumberOfBytes (API_GenerateDataKey.html). */
    private static int dataKeyBytes(String keySpec, Integer numberOfBytes) {
        if ((keySpec == null) == (numberOfBytes == null)) {
            throw KmsErrors.validation("Please specify either number of bytes or key spec.");
        }
        return numberOfBytes != null ? numberOfBytes : keySpec.equals("AES_128") ? 16 : 32;
    }
}
