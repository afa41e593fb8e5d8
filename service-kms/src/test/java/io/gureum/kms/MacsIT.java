package io.gureum.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsInvalidMacException;

/** HMAC keys and ECDH key agreement. */
class MacsIT extends KmsTestSupport {

    @ParameterizedTest
    @CsvSource({"HMAC_224, HMAC_SHA_224, 28", "HMAC_256, HMAC_SHA_256, 32", "HMAC_384, HMAC_SHA_384, 48",
        "HMAC_512, HMAC_SHA_512, 64"})
    void generateAndVerifyMac(String spec, String algorithm, int length) {
        KeyMetadata k = key(KeySpec.fromValue(spec), KeyUsageType.GENERATE_VERIFY_MAC);
        var mac = kms.generateMac(b -> b.keyId(k.keyId()).message(bytes("data")).macAlgorithm(algorithm));
        assertEquals(length, mac.mac().asByteArray().length);
        assertEquals(k.arn(), mac.keyId());
        assertArrayEquals(mac.mac().asByteArray(), kms.generateMac(b -> b.keyId(k.keyId()).message(bytes("data"))
                .macAlgorithm(algorithm)).mac().asByteArray(), "deterministic");
        assertTrue(kms.verifyMac(b -> b.keyId(k.keyId()).message(bytes("data")).macAlgorithm(algorithm)
                .mac(mac.mac())).macValid());
        assertError(KmsInvalidMacException.class, "KMSInvalidMacException", 400, null,
                () -> kms.verifyMac(b -> b.keyId(k.keyId()).message(bytes("other")).macAlgorithm(algorithm)
                        .mac(mac.mac())));
    }

    @Test
    void macErrors() {
        KeyMetadata k = key(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
        assertError(InvalidKeyUsageException.class, "InvalidKeyUsageException", 400, null,
                () -> kms.generateMac(b -> b.keyId(k.keyId()).message(bytes("d")).macAlgorithm("HMAC_SHA_512")));
        KeyMetadata sym = symmetricKey();
        assertError(InvalidKeyUsageException.class, "InvalidKeyUsageException", 400,
                sym.arn() + " key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.",
                () -> kms.generateMac(b -> b.keyId(sym.keyId()).message(bytes("d")).macAlgorithm("HMAC_SHA_256")));
    }

    @Test
    void deriveSharedSecretMatchesThePeersEcdh() throws Exception {
        KeyMetadata k = key(KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair peer = g.generateKeyPair();
        var derived = kms.deriveSharedSecret(b -> b.keyId(k.keyId()).keyAgreementAlgorithm("ECDH")
                .publicKey(SdkBytes.fromByteArray(peer.getPublic().getEncoded())));
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(peer.getPrivate());
        ecdh.doPhase(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
                kms.getPublicKey(b -> b.keyId(k.keyId())).publicKey().asByteArray())), true);
        assertArrayEquals(ecdh.generateSecret(), derived.sharedSecret().asByteArray());
        assertEquals("AWS_KMS", derived.keyOriginAsString());
    }
}
