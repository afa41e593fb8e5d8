package io.gureum.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.RotationsListEntry;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

class RotationIT extends KmsTestSupport {

    @Test
    void automaticRotationOnTheClockKeepsOldCiphertextsReadable() {
        KeyMetadata k = symmetricKey();
        assertFalse(kms.getKeyRotationStatus(b -> b.keyId(k.keyId())).keyRotationEnabled());
        SdkBytes before = kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("old"))).ciphertextBlob();
        kms.enableKeyRotation(b -> b.keyId(k.keyId()).rotationPeriodInDays(90));
        GetKeyRotationStatusResponse status = kms.getKeyRotationStatus(b -> b.keyId(k.keyId()));
        assertTrue(status.keyRotationEnabled());
        assertEquals(90, status.rotationPeriodInDays());
        assertTrue(kms.listKeyRotations(b -> b.keyId(k.keyId())).rotations().isEmpty());

        advance(Duration.ofDays(91));
        RotationsListEntry rotation = kms.listKeyRotations(b -> b.keyId(k.keyId())).rotations().get(0);
        assertEquals("AUTOMATIC", rotation.rotationTypeAsString());
        String current = kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata().currentKeyMaterialId();
        assertNotEquals(k.currentKeyMaterialId(), current);
        assertEquals(current, rotation.keyMaterialId());
        assertEquals("old", kms.decrypt(b -> b.ciphertextBlob(before)).plaintext().asUtf8String());
        assertEquals(current, kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("new"))).ciphertextBlob() != null
                ? kms.decrypt(b -> b.ciphertextBlob(kms.encrypt(e -> e.keyId(k.keyId()).plaintext(bytes("n")))
                        .ciphertextBlob())).keyMaterialId() : null);
        assertEquals(2, kms.listKeyRotations(b -> b.keyId(k.keyId()).includeKeyMaterial("ALL_KEY_MATERIAL"))
                .rotations().size());

        kms.disableKeyRotation(b -> b.keyId(k.keyId()));
        status = kms.getKeyRotationStatus(b -> b.keyId(k.keyId()));
        assertFalse(status.keyRotationEnabled());
        assertNull(status.nextRotationDate());
    }

    @Test
    void onDemandRotation() {
        KeyMetadata k = symmetricKey();
        SdkBytes before = kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("kept"))).ciphertextBlob();
        assertEquals(k.arn(), kms.rotateKeyOnDemand(b -> b.keyId(k.keyId())).keyId());
        assertEquals("ON_DEMAND", kms.listKeyRotations(b -> b.keyId(k.keyId())).rotations().get(0).rotationTypeAsString());
        assertTrue(kms.getKeyRotationStatus(b -> b.keyId(k.keyId())).onDemandRotationStartDate() != null);
        assertEquals("kept", kms.decrypt(b -> b.ciphertextBlob(before)).plaintext().asUtf8String());
    }

    @Test
    void rotationErrors() {
        KeyMetadata rsa = key(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
        assertError(UnsupportedOperationException.class, "UnsupportedOperationException", 400, null,
                () -> kms.enableKeyRotation(b -> b.keyId(rsa.keyId())));
        KeyMetadata k = symmetricKey();
        assertError(KmsException.class, "ValidationException", 400, null,
                () -> kms.enableKeyRotation(b -> b.keyId(k.keyId()).rotationPeriodInDays(30)));
        kms.disableKey(b -> b.keyId(k.keyId()));
        assertError(DisabledException.class, "DisabledException", 400, null,
                () -> kms.enableKeyRotation(b -> b.keyId(k.keyId())));
    }
}
