package io.gureum.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.DryRunOperationException;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;

class CryptographyIT extends KmsTestSupport {
    static final Map<String, String> CONTEXT = Map.of("purpose", "test", "tenant", "t1");

    @Test
    void encryptDecryptWithoutKeyIdAndWithContext() {
        KeyMetadata k = symmetricKey();
        var encrypted = kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("hello")).encryptionContext(CONTEXT));
        assertEquals(k.arn(), encrypted.keyId());
        assertEquals(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT, encrypted.encryptionAlgorithm());
        DecryptResponse d = kms.decrypt(b -> b.ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(CONTEXT));
        assertEquals("hello", d.plaintext().asUtf8String());
        assertEquals(k.arn(), d.keyId());
        assertEquals(k.currentKeyMaterialId(), d.keyMaterialId());
        assertEquals("hello", kms.decrypt(b -> b.ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(CONTEXT)
                .keyId(k.arn())).plaintext().asUtf8String());
    }

    @Test
    void encryptionContextMustMatch() {
        KeyMetadata k = symmetricKey();
        SdkBytes ct = kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("x")).encryptionContext(CONTEXT))
                .ciphertextBlob();
        assertError(InvalidCiphertextException.class, "InvalidCiphertextException", 400, null,
                () -> kms.decrypt(b -> b.ciphertextBlob(ct)));
        assertError(InvalidCiphertextException.class, "InvalidCiphertextException", 400, null,
                () -> kms.decrypt(b -> b.ciphertextBlob(ct).encryptionContext(Map.of("purpose", "test"))));
        assertError(InvalidCiphertextException.class, "InvalidCiphertextException", 400, null,
                () -> kms.decrypt(b -> b.ciphertextBlob(ct).encryptionContext(Map.of("purpose", "test", "tenant", "t2"))));
        byte[] tampered = ct.asByteArray();
        tampered[tampered.length - 1] ^= 1;
        assertError(InvalidCiphertextException.class, "InvalidCiphertextException", 400, null,
                () -> kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(tampered)).encryptionContext(CONTEXT)));
        assertError(InvalidCiphertextException.class, "InvalidCiphertextException", 400, null,
                () -> kms.decrypt(b -> b.ciphertextBlob(bytes("not a ciphertext at all, just some bytes here"))));
    }

    @Test
    void decryptNamingAnotherKeyIsIncorrectKey() {
        KeyMetadata a = symmetricKey();
        KeyMetadata b = symmetricKey();
        SdkBytes ct = kms.encrypt(r -> r.keyId(a.keyId()).plaintext(bytes("x"))).ciphertextBlob();
        assertError(IncorrectKeyException.class, "IncorrectKeyException", 400,
                "The key ID in the request does not identify a CMK that can perform this operation.",
                () -> kms.decrypt(r -> r.ciphertextBlob(ct).keyId(b.keyId())));
    }

    @Test
    void disabledKeysDoNotDecrypt() {
        KeyMetadata k = symmetricKey();
        SdkBytes ct = kms.encrypt(r -> r.keyId(k.keyId()).plaintext(bytes("x"))).ciphertextBlob();
        kms.disableKey(r -> r.keyId(k.keyId()));
        assertError(DisabledException.class, "DisabledException", 400, k.arn() + " is disabled.",
                () -> kms.decrypt(r -> r.ciphertextBlob(ct)));
    }

    @Test
    void reEncryptMovesCiphertextBetweenKeys() {
        KeyMetadata a = symmetricKey();
        KeyMetadata b = symmetricKey();
        SdkBytes ct = kms.encrypt(r -> r.keyId(a.keyId()).plaintext(bytes("moving")).encryptionContext(CONTEXT))
                .ciphertextBlob();
        var re = kms.reEncrypt(r -> r.ciphertextBlob(ct).sourceEncryptionContext(CONTEXT).destinationKeyId(b.keyId())
                .destinationEncryptionContext(Map.of("new", "ctx")));
        assertEquals(a.arn(), re.sourceKeyId());
        assertEquals(b.arn(), re.keyId());
        DecryptResponse d = kms.decrypt(r -> r.ciphertextBlob(re.ciphertextBlob()).encryptionContext(Map.of("new", "ctx")));
        assertEquals("moving", d.plaintext().asUtf8String());
        assertEquals(b.arn(), d.keyId());
    }

    @Test
    void generateDataKeys() {
        KeyMetadata k = symmetricKey();
        GenerateDataKeyResponse aes256 = kms.generateDataKey(b -> b.keyId(k.keyId()).keySpec(DataKeySpec.AES_256)
                .encryptionContext(CONTEXT));
        assertEquals(32, aes256.plaintext().asByteArray().length);
        assertEquals(k.arn(), aes256.keyId());
        assertArrayEquals(aes256.plaintext().asByteArray(), kms.decrypt(b -> b.ciphertextBlob(aes256.ciphertextBlob())
                .encryptionContext(CONTEXT)).plaintext().asByteArray());
        assertEquals(16, kms.generateDataKey(b -> b.keyId(k.keyId()).keySpec(DataKeySpec.AES_128)).plaintext()
                .asByteArray().length);
        assertEquals(7, kms.generateDataKey(b -> b.keyId(k.keyId()).numberOfBytes(7)).plaintext().asByteArray().length);
        var without = kms.generateDataKeyWithoutPlaintext(b -> b.keyId(k.keyId()).numberOfBytes(64));
        assertEquals(64, kms.decrypt(b -> b.ciphertextBlob(without.ciphertextBlob())).plaintext().asByteArray().length);
        assertError(KmsException.class, "ValidationException", 400, null,
                () -> kms.generateDataKey(b -> b.keyId(k.keyId())));
        assertError(KmsException.class, "ValidationException", 400, null,
                () -> kms.generateDataKey(b -> b.keyId(k.keyId()).numberOfBytes(16).keySpec(DataKeySpec.AES_128)));
        KeyMetadata rsa = key(KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
        assertError(InvalidKeyUsageException.class, "InvalidKeyUsageException", 400, null,
                () -> kms.generateDataKey(b -> b.keyId(rsa.keyId()).numberOfBytes(16)));
    }

    @Test
    void generateDataKeyPairs() throws Exception {
        KeyMetadata k = symmetricKey();
        var pair = kms.generateDataKeyPair(b -> b.keyId(k.keyId()).keyPairSpec("ECC_NIST_P256"));
        PublicKey pub = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(pair.publicKey().asByteArray()));
        assertEquals("EC", pub.getAlgorithm());
        assertArrayEquals(pair.privateKeyPlaintext().asByteArray(),
                kms.decrypt(b -> b.ciphertextBlob(pair.privateKeyCiphertextBlob())).plaintext().asByteArray());
        var rsa = kms.generateDataKeyPairWithoutPlaintext(b -> b.keyId(k.keyId()).keyPairSpec("RSA_2048"));
        assertEquals("RSA", KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(rsa.publicKey().asByteArray())).getAlgorithm());
        var k1 = kms.generateDataKeyPair(b -> b.keyId(k.keyId()).keyPairSpec("ECC_SECG_P256K1"));
        assertEquals(88, k1.publicKey().asByteArray().length);
    }

    @Test
    void generateRandom() {
        assertEquals(1024, kms.generateRandom(b -> b.numberOfBytes(1024)).plaintext().asByteArray().length);
        assertError(KmsException.class, "ValidationException", 400, null, () -> kms.generateRandom(b -> b.numberOfBytes(1025)));
        assertError(KmsException.class, "ValidationException", 400, null, () -> kms.generateRandom(b -> b.numberOfBytes(0)));
    }

    @Test
    void rsaOaepCiphertextFromPlainJavaDecryptsInKms() throws Exception {
        KeyMetadata k = key(KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
        PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(kms.getPublicKey(b -> b.keyId(k.keyId())).publicKey().asByteArray()));
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
        c.init(Cipher.ENCRYPT_MODE, pub,
                new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        SdkBytes ct = SdkBytes.fromByteArray(c.doFinal("from java".getBytes()));
        DecryptResponse d = kms.decrypt(b -> b.ciphertextBlob(ct).keyId(k.keyId())
                .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256));
        assertEquals("from java", d.plaintext().asUtf8String());
        assertNull(d.keyMaterialId());
        assertError(InvalidCiphertextException.class, "InvalidCiphertextException", 400, null,
                () -> kms.decrypt(b -> b.ciphertextBlob(ct).keyId(k.keyId())
                        .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1)));
        var sha1 = kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("kms side"))
                .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1));
        assertEquals("kms side", kms.decrypt(b -> b.ciphertextBlob(sha1.ciphertextBlob()).keyId(k.keyId())
                .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1)).plaintext().asUtf8String());
        assertError(InvalidKeyUsageException.class, "InvalidKeyUsageException", 400, null,
                () -> kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("x"))));
        assertError(KmsException.class, "ValidationException", 400, null,
                () -> kms.encrypt(b -> b.keyId(k.keyId()).plaintext(SdkBytes.fromByteArray(new byte[191]))
                        .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)));
    }

    @Test
    void signingKeysDoNotEncrypt() {
        KeyMetadata k = key(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        assertError(InvalidKeyUsageException.class, "InvalidKeyUsageException", 400,
                k.arn() + " key usage is SIGN_VERIFY which is not valid for Encrypt.",
                () -> kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("x"))));
    }

    @Test
    void dryRunChecksAndStops() {
        KeyMetadata k = symmetricKey();
        assertError(DryRunOperationException.class, "DryRunOperationException", 412, null,
                () -> kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("x")).dryRun(true)));
        kms.disableKey(b -> b.keyId(k.keyId()));
        assertError(DisabledException.class, "DisabledException", 400, null,
                () -> kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("x")).dryRun(true)));
    }
}
