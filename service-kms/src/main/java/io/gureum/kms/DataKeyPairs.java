package io.gureum.kms;

import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairWithoutPlaintextRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairWithoutPlaintextResponse;

/**
 * Data key pairs (API_GenerateDataKeyPair.html): a new RSA or ECC key pair whose PKCS #8 private key is
 * encrypted under a symmetric key; the public key is a DER SubjectPublicKeyInfo.
 */
final class DataKeyPairs {
    private final KeyLookup lookup;
    private final Cryptography cryptography;

    DataKeyPairs(KeyLookup lookup, Cryptography cryptography) {
        this.lookup = lookup;
        this.cryptography = cryptography;
    }

    private record Pair(KmsKey key, byte[] privateKey, byte[] publicKey, byte[] blob) {
    }

    public GenerateDataKeyPairResponse generateDataKeyPair(GenerateDataKeyPairRequest request) {
        lookup.checkGrantTokens(request.grantTokens());
        Pair p = generate(request.keyId(), request.keyPairSpecAsString(), request.encryptionContext(),
                "GenerateDataKeyPair");
        KmsErrors.dryRun(request.dryRun());
        return GenerateDataKeyPairResponse.builder().privateKeyCiphertextBlob(SdkBytes.fromByteArray(p.blob))
                .privateKeyPlaintext(SdkBytes.fromByteArray(p.privateKey)).publicKey(SdkBytes.fromByteArray(p.publicKey))
                .keyId(p.key.arn).keyPairSpec(request.keyPairSpecAsString()).keyMaterialId(p.key.current().id()).build();
    }

    public GenerateDataKeyPairWithoutPlaintextResponse generateDataKeyPairWithoutPlaintext(
            GenerateDataKeyPairWithoutPlaintextRequest request) {
        lookup.checkGrantTokens(request.grantTokens());
        Pair p = generate(request.keyId(), request.keyPairSpecAsString(), request.encryptionContext(),
                "GenerateDataKeyPairWithoutPlaintext");
        KmsErrors.dryRun(request.dryRun());
        return GenerateDataKeyPairWithoutPlaintextResponse.builder()
                .privateKeyCiphertextBlob(SdkBytes.fromByteArray(p.blob)).publicKey(SdkBytes.fromByteArray(p.publicKey))
                .keyId(p.key.arn).keyPairSpec(request.keyPairSpecAsString()).keyMaterialId(p.key.current().id()).build();
    }

    private Pair generate(String keyId, String spec, Map<String, String> context, String operation) {
        KmsKey key = cryptography.symmetricKey(keyId, operation);
        if (!KeySpecs.isAsymmetric(spec)) {
            throw KmsErrors.unsupported("KeyPairSpec " + spec + " is not supported by Gureum in this region.");
        }
        byte[] privateKey;
        byte[] publicKey;
        if (KeySpecs.isSecp256k1(spec)) {
            byte[] d = Secp256k1.newPrivateKey();
            privateKey = Secp256k1.pkcs8(d);
            publicKey = Secp256k1.publicKeyDer(d);
        } else {
            java.security.KeyPair pair = KeyMaterial.keyPair(spec);
            privateKey = pair.getPrivate().getEncoded();
            publicKey = pair.getPublic().getEncoded();
        }
        byte[] blob = CiphertextBlob.seal(key.keyId, key.current(), privateKey, context);
        return new Pair(key, privateKey, publicKey, blob);
    }
}
