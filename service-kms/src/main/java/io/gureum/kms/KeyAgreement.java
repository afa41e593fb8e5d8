package io.gureum.kms;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.DeriveSharedSecretRequest;
import software.amazon.awssdk.services.kms.model.DeriveSharedSecretResponse;

/**
 * DeriveSharedSecret: ECDH between a KEY_AGREEMENT key's private key and the peer's public key (a DER
 * SubjectPublicKeyInfo on the same curve); the secret is the raw x coordinate (API_DeriveSharedSecret.html).
 */
final class KeyAgreement {
    private final KeyLookup lookup;

    KeyAgreement(KeyLookup lookup) {
        this.lookup = lookup;
    }

    public DeriveSharedSecretResponse deriveSharedSecret(DeriveSharedSecretRequest request) {
        lookup.checkGrantTokens(request.grantTokens());
        KmsKey key = lookup.usable(request.keyId(), KeySpecs.KEY_AGREEMENT, "DeriveSharedSecret");
        PublicKey peer = peer(key, request.publicKey().asByteArray());
        byte[] secret;
        try {
            javax.crypto.KeyAgreement ecdh = javax.crypto.KeyAgreement.getInstance("ECDH");
            ecdh.init(key.current().privateKey());
            ecdh.doPhase(peer, true);
            secret = ecdh.generateSecret();
        } catch (GeneralSecurityException e) {
            throw KmsErrors.validation("The public key is not on the curve of " + key.keySpec + ".");
        }
        KmsErrors.dryRun(request.dryRun());
        return DeriveSharedSecretResponse.builder().keyId(key.arn).sharedSecret(SdkBytes.fromByteArray(secret))
                .keyAgreementAlgorithm("ECDH").keyOrigin(key.origin).build();
    }

    private static PublicKey peer(KmsKey key, byte[] der) {
        try {
            PublicKey peer = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            int ours = ((ECPublicKey) key.current().publicKey()).getParams().getCurve().getField().getFieldSize();
            if (((ECPublicKey) peer).getParams().getCurve().getField().getFieldSize() != ours) {
                throw KmsErrors.validation("The public key is not on the curve of " + key.keySpec + ".");
            }
            return peer;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw KmsErrors.validation("PublicKey must be a DER-encoded X.509 SubjectPublicKeyInfo of an ECC key.");
        }
    }
}
