package io.gureum.kms;

import java.security.GeneralSecurityException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.GetPublicKeyRequest;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.SignRequest;
import software.amazon.awssdk.services.kms.model.SignResponse;
import software.amazon.awssdk.services.kms.model.VerifyRequest;
import software.amazon.awssdk.services.kms.model.VerifyResponse;

/**
 * Sign, Verify and GetPublicKey for asymmetric keys. A signature that does not verify is
 * {@code KMSInvalidSignatureException}, not {@code SignatureValid=false} (API_Verify.html).
 */
final class Signing {
    private final KeyLookup lookup;

    Signing(KeyLookup lookup) {
        this.lookup = lookup;
    }

    public SignResponse sign(SignRequest request) {
        lookup.checkGrantTokens(request.grantTokens());
        KmsKey key = lookup.usable(request.keyId(), KeySpecs.SIGN_VERIFY, "Sign");
        String algorithm = algorithm(key, request.signingAlgorithmAsString());
        byte[] signature;
        try {
            signature = Signatures.sign(key, algorithm, request.message().asByteArray(), isDigest(request.messageTypeAsString()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing with " + algorithm + " failed", e);
        }
        KmsErrors.dryRun(request.dryRun());
        return SignResponse.builder().keyId(key.arn).signature(SdkBytes.fromByteArray(signature))
                .signingAlgorithm(algorithm).build();
    }

    public VerifyResponse verify(VerifyRequest request) {
        lookup.checkGrantTokens(request.grantTokens());
        KmsKey key = lookup.usable(request.keyId(), KeySpecs.SIGN_VERIFY, "Verify");
        String algorithm = algorithm(key, request.signingAlgorithmAsString());
        boolean valid;
        try {
            valid = Signatures.verify(key, algorithm, request.message().asByteArray(),
                    isDigest(request.messageTypeAsString()), request.signature().asByteArray());
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw KmsErrors.invalidSignature();
        }
        KmsErrors.dryRun(request.dryRun());
        return VerifyResponse.builder().keyId(key.arn).signatureValid(true).signingAlgorithm(algorithm).build();
    }

    /** The public key as a DER SubjectPublicKeyInfo, with what the key may do. */
    public GetPublicKeyResponse getPublicKey(GetPublicKeyRequest request) {
        lookup.checkGrantTokens(request.grantTokens());
        KmsKey key = lookup.find(request.keyId());
        KeyLookup.requireEnabled(key);
        if (!KeySpecs.isAsymmetric(key.keySpec)) {
            throw KmsErrors.unsupported(key.arn + " key spec is " + key.keySpec + " which is not valid for GetPublicKey.");
        }
        GetPublicKeyResponse.Builder b = GetPublicKeyResponse.builder().keyId(key.arn)
                .publicKey(SdkBytes.fromByteArray(key.current().publicKeyDer())).customerMasterKeySpec(key.keySpec)
                .keySpec(key.keySpec).keyUsage(key.keyUsage);
        if (key.keyUsage.equals(KeySpecs.ENCRYPT_DECRYPT)) {
            b.encryptionAlgorithmsWithStrings(KeySpecs.encryptionAlgorithms(key.keySpec, key.keyUsage));
        } else if (key.keyUsage.equals(KeySpecs.SIGN_VERIFY)) {
            b.signingAlgorithmsWithStrings(KeySpecs.signingAlgorithms(key.keySpec, key.keyUsage));
        } else {
            b.keyAgreementAlgorithmsWithStrings(KeySpecs.keyAgreementAlgorithms(key.keyUsage));
        }
        return b.build();
    }

    private static String algorithm(KmsKey key, String algorithm) {
        if (!KeySpecs.signingAlgorithms(key.keySpec, key.keyUsage).contains(algorithm)) {
            throw KmsErrors.keyUsage("Algorithm " + algorithm + " is incompatible with key spec " + key.keySpec + ".");
        }
        return algorithm;
    }

    /** RAW by default (API_Sign.html, MessageType); EXTERNAL_MU is for ML-DSA keys only. */
    private static boolean isDigest(String messageType) {
        if ("EXTERNAL_MU".equals(messageType)) {
            throw KmsErrors.keyUsage("MessageType EXTERNAL_MU is only valid with ML_DSA key specs.");
        }
        return "DIGEST".equals(messageType);
    }
}
