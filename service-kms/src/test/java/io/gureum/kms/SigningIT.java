package io.gureum.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SignResponse;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

/** Every signing algorithm of every key spec, RAW and DIGEST, checked by KMS Verify and by plain java.security. */
class SigningIT extends KmsTestSupport {
    static final byte[] MESSAGE = "the message to sign".getBytes();
    /**
     * One signing key per key spec, shared by that spec's algorithms: an RSA key's generation is most of this
     * class's time, and the six RSA_2048 algorithms check signing, not key creation (KeysIT creates every spec).
     */
    static final java.util.Map<String, KeyMetadata> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    @ParameterizedTest
    @CsvSource({
        "RSA_2048, RSASSA_PSS_SHA_256", "RSA_2048, RSASSA_PSS_SHA_384", "RSA_2048, RSASSA_PSS_SHA_512",
        "RSA_2048, RSASSA_PKCS1_V1_5_SHA_256", "RSA_2048, RSASSA_PKCS1_V1_5_SHA_384",
        "RSA_2048, RSASSA_PKCS1_V1_5_SHA_512", "RSA_3072, RSASSA_PSS_SHA_512", "RSA_4096, RSASSA_PKCS1_V1_5_SHA_256",
        "ECC_NIST_P256, ECDSA_SHA_256", "ECC_NIST_P384, ECDSA_SHA_384", "ECC_NIST_P521, ECDSA_SHA_512"})
    void signaturesVerifyInKmsAndInPlainJava(String spec, String algorithm) throws Exception {
        KeyMetadata k = KEYS.computeIfAbsent(spec, x -> key(KeySpec.fromValue(x), KeyUsageType.SIGN_VERIFY));
        GetPublicKeyResponse pk = kms.getPublicKey(b -> b.keyId(k.keyId()));
        assertEquals(KeyUsageType.SIGN_VERIFY, pk.keyUsage());
        assertTrue(pk.signingAlgorithmsAsStrings().contains(algorithm));
        PublicKey pub = KeyFactory.getInstance(spec.startsWith("RSA") ? "RSA" : "EC")
                .generatePublic(new X509EncodedKeySpec(pk.publicKey().asByteArray()));
        String hash = "SHA-" + algorithm.substring(algorithm.lastIndexOf('_') + 1);
        byte[] digest = MessageDigest.getInstance(hash).digest(MESSAGE);

        for (MessageType type : new MessageType[] {MessageType.RAW, MessageType.DIGEST}) {
            byte[] input = type == MessageType.RAW ? MESSAGE : digest;
            SignResponse signed = kms.sign(b -> b.keyId(k.keyId()).message(SdkBytes.fromByteArray(input))
                    .messageType(type).signingAlgorithm(algorithm));
            assertEquals(k.arn(), signed.keyId());
            assertTrue(javaVerifies(pub, algorithm, hash, signed.signature().asByteArray()), type + " " + algorithm);
            assertTrue(kms.verify(b -> b.keyId(k.keyId()).message(SdkBytes.fromByteArray(input)).messageType(type)
                    .signingAlgorithm(algorithm).signature(signed.signature())).signatureValid());
            // A RAW signature verifies as DIGEST over the message's hash, and the other way round.
            MessageType other = type == MessageType.RAW ? MessageType.DIGEST : MessageType.RAW;
            byte[] otherInput = type == MessageType.RAW ? digest : MESSAGE;
            assertTrue(kms.verify(b -> b.keyId(k.keyId()).message(SdkBytes.fromByteArray(otherInput)).messageType(other)
                    .signingAlgorithm(algorithm).signature(signed.signature())).signatureValid());
        }
    }

    @Test
    void secp256k1SignsAndVerifies() {
        KeyMetadata k = key(KeySpec.ECC_SECG_P256_K1, KeyUsageType.SIGN_VERIFY);
        SdkBytes sig = kms.sign(b -> b.keyId(k.keyId()).message(SdkBytes.fromByteArray(MESSAGE))
                .signingAlgorithm("ECDSA_SHA_256")).signature();
        assertTrue(kms.verify(b -> b.keyId(k.keyId()).message(SdkBytes.fromByteArray(MESSAGE))
                .signingAlgorithm("ECDSA_SHA_256").signature(sig)).signatureValid());
        assertError(KmsInvalidSignatureException.class, "KMSInvalidSignatureException", 400, null,
                () -> kms.verify(b -> b.keyId(k.keyId()).message(bytes("another message"))
                        .signingAlgorithm("ECDSA_SHA_256").signature(sig)));
        assertEquals(88, kms.getPublicKey(b -> b.keyId(k.keyId())).publicKey().asByteArray().length);
    }

    @Test
    void signingErrors() {
        KeyMetadata ec = key(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        SdkBytes sig = kms.sign(b -> b.keyId(ec.keyId()).message(bytes("m")).signingAlgorithm("ECDSA_SHA_256"))
                .signature();
        assertError(KmsInvalidSignatureException.class, "KMSInvalidSignatureException", 400, null,
                () -> kms.verify(b -> b.keyId(ec.keyId()).message(bytes("n")).signingAlgorithm("ECDSA_SHA_256")
                        .signature(sig)));
        assertError(InvalidKeyUsageException.class, "InvalidKeyUsageException", 400,
                "Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.",
                () -> kms.sign(b -> b.keyId(ec.keyId()).message(bytes("m")).signingAlgorithm("ECDSA_SHA_384")));
        assertError(KmsException.class, "ValidationException", 400,
                "Digest is invalid length for algorithm ECDSA_SHA_256.",
                () -> kms.sign(b -> b.keyId(ec.keyId()).message(bytes("short")).messageType(MessageType.DIGEST)
                        .signingAlgorithm("ECDSA_SHA_256")));
        KeyMetadata sym = symmetricKey();
        assertError(InvalidKeyUsageException.class, "InvalidKeyUsageException", 400,
                sym.arn() + " key usage is ENCRYPT_DECRYPT which is not valid for Sign.",
                () -> kms.sign(b -> b.keyId(sym.keyId()).message(bytes("m")).signingAlgorithm("ECDSA_SHA_256")));
        assertError(UnsupportedOperationException.class, "UnsupportedOperationException", 400, null,
                () -> kms.getPublicKey(b -> b.keyId(sym.keyId())));
    }

    private static boolean javaVerifies(PublicKey pub, String algorithm, String hash, byte[] signature) throws Exception {
        Signature s;
        String h = hash.replace("-", "");
        if (algorithm.startsWith("RSASSA_PSS")) {
            s = Signature.getInstance("RSASSA-PSS");
            s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                    MessageDigest.getInstance(hash).getDigestLength(), 1));
        } else if (algorithm.startsWith("RSASSA_PKCS1")) {
            s = Signature.getInstance(h + "withRSA");
        } else {
            s = Signature.getInstance(h + "withECDSA");
        }
        s.initVerify(pub);
        s.update(MESSAGE);
        return s.verify(signature);
    }
}
