package io.gureum.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.ExpiredImportTokenException;
import software.amazon.awssdk.services.kms.model.GetParametersForImportResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyMaterialException;
import software.amazon.awssdk.services.kms.model.InvalidImportTokenException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

class ImportsIT extends KmsTestSupport {
    static final byte[] MATERIAL = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            MATERIAL[i] = (byte) (i * 7 + 1);
        }
    }

    @Test
    void importWithOaepThenExpireOnTheClockAndReimport() throws Exception {
        KeyMetadata k = kms.createKey(b -> b.origin("EXTERNAL")).keyMetadata();
        assertEquals(KeyState.PENDING_IMPORT, k.keyState());
        assertError(KmsInvalidStateException.class, "KMSInvalidStateException", 400, k.arn() + " is pending import.",
                () -> kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("x"))));

        GetParametersForImportResponse p = kms.getParametersForImport(b -> b.keyId(k.keyId())
                .wrappingAlgorithm("RSAES_OAEP_SHA_256").wrappingKeySpec("RSA_2048"));
        assertEquals(k.arn(), p.keyId());
        assertNotNull(p.parametersValidTo());
        Instant validTo = gureum.context().clock().now().plus(Duration.ofDays(2));
        SdkBytes wrapped = SdkBytes.fromByteArray(oaep(p, MATERIAL, MGF1ParameterSpec.SHA256));
        var imported = kms.importKeyMaterial(b -> b.keyId(k.keyId()).importToken(p.importToken())
                .encryptedKeyMaterial(wrapped).validTo(validTo));
        assertEquals(64, imported.keyMaterialId().length());
        KeyMetadata d = kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata();
        assertEquals(KeyState.ENABLED, d.keyState());
        assertEquals("KEY_MATERIAL_EXPIRES", d.expirationModelAsString());
        SdkBytes ct = kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("imported"))).ciphertextBlob();

        advance(Duration.ofDays(3));
        assertEquals(KeyState.PENDING_IMPORT, kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata().keyState());
        assertError(KmsInvalidStateException.class, "KMSInvalidStateException", 400, null,
                () -> kms.decrypt(b -> b.ciphertextBlob(ct)));

        // The same material again: old ciphertexts decrypt. Other material is refused.
        GetParametersForImportResponse again = kms.getParametersForImport(b -> b.keyId(k.keyId())
                .wrappingAlgorithm("RSA_AES_KEY_WRAP_SHA_256").wrappingKeySpec("RSA_3072"));
        byte[] other = MATERIAL.clone();
        other[0] ^= 1;
        SdkBytes wrongMaterial = SdkBytes.fromByteArray(aesKeyWrap(again, other));
        assertError(IncorrectKeyMaterialException.class, "IncorrectKeyMaterialException", 400, null,
                () -> kms.importKeyMaterial(b -> b.keyId(k.keyId()).importToken(again.importToken())
                        .encryptedKeyMaterial(wrongMaterial).expirationModel("KEY_MATERIAL_DOES_NOT_EXPIRE")));
        SdkBytes sameMaterial = SdkBytes.fromByteArray(aesKeyWrap(again, MATERIAL));
        kms.importKeyMaterial(b -> b.keyId(k.keyId()).importToken(again.importToken())
                .encryptedKeyMaterial(sameMaterial).expirationModel("KEY_MATERIAL_DOES_NOT_EXPIRE"));
        assertEquals("imported", kms.decrypt(b -> b.ciphertextBlob(ct)).plaintext().asUtf8String());

        kms.deleteImportedKeyMaterial(b -> b.keyId(k.keyId()));
        assertEquals(KeyState.PENDING_IMPORT, kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata().keyState());
    }

    @Test
    void importTokenErrors() throws Exception {
        KeyMetadata k = kms.createKey(b -> b.origin("EXTERNAL")).keyMetadata();
        KeyMetadata other = kms.createKey(b -> b.origin("EXTERNAL")).keyMetadata();
        GetParametersForImportResponse p = kms.getParametersForImport(b -> b.keyId(k.keyId())
                .wrappingAlgorithm("RSAES_OAEP_SHA_1").wrappingKeySpec("RSA_2048"));
        byte[] wrapped = oaep(p, MATERIAL, MGF1ParameterSpec.SHA1);
        assertError(InvalidImportTokenException.class, "InvalidImportTokenException", 400, null,
                () -> kms.importKeyMaterial(b -> b.keyId(other.keyId()).importToken(p.importToken())
                        .encryptedKeyMaterial(SdkBytes.fromByteArray(wrapped))));
        advance(Duration.ofHours(25));
        assertError(ExpiredImportTokenException.class, "ExpiredImportTokenException", 400, null,
                () -> kms.importKeyMaterial(b -> b.keyId(k.keyId()).importToken(p.importToken())
                        .encryptedKeyMaterial(SdkBytes.fromByteArray(wrapped))));
        KeyMetadata kmsKey = symmetricKey();
        assertError(UnsupportedOperationException.class, "UnsupportedOperationException", 400, null,
                () -> kms.getParametersForImport(b -> b.keyId(kmsKey.keyId()).wrappingAlgorithm("RSAES_OAEP_SHA_1")
                        .wrappingKeySpec("RSA_2048")));
    }

    private static PublicKey wrappingKey(GetParametersForImportResponse p) throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(p.publicKey().asByteArray()));
    }

    private static Cipher oaepCipher(GetParametersForImportResponse p, MGF1ParameterSpec hash) throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
        c.init(Cipher.ENCRYPT_MODE, wrappingKey(p),
                new OAEPParameterSpec(hash.getDigestAlgorithm(), "MGF1", hash, PSource.PSpecified.DEFAULT));
        return c;
    }

    private static byte[] oaep(GetParametersForImportResponse p, byte[] material, MGF1ParameterSpec hash)
            throws Exception {
        return oaepCipher(p, hash).doFinal(material);
    }

    private static byte[] aesKeyWrap(GetParametersForImportResponse p, byte[] material) throws Exception {
        byte[] aes = new byte[32];
        new java.security.SecureRandom().nextBytes(aes);
        byte[] wrappedKey = oaepCipher(p, MGF1ParameterSpec.SHA256).doFinal(aes);
        Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
        kwp.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aes, "AES"));
        byte[] wrappedMaterial = kwp.doFinal(material);
        byte[] out = java.util.Arrays.copyOf(wrappedKey, wrappedKey.length + wrappedMaterial.length);
        System.arraycopy(wrappedMaterial, 0, out, wrappedKey.length, wrappedMaterial.length);
        return out;
    }
}
