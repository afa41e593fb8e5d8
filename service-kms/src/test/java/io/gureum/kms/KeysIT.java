package io.gureum.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.InvalidMarkerException;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

class KeysIT extends KmsTestSupport {

    @Test
    void createSymmetricKeyDescribesAsAwsDoes() {
        KeyMetadata k = kms.createKey(b -> b.description("orders")).keyMetadata();
        assertTrue(k.keyId().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"), k.keyId());
        assertEquals("arn:aws:kms:us-east-1:" + k.awsAccountId() + ":key/" + k.keyId(), k.arn());
        assertEquals(KeySpec.SYMMETRIC_DEFAULT, k.keySpec());
        assertEquals(KeyUsageType.ENCRYPT_DECRYPT, k.keyUsage());
        assertEquals(KeyState.ENABLED, k.keyState());
        assertTrue(k.enabled());
        assertEquals("CUSTOMER", k.keyManagerAsString());
        assertEquals("AWS_KMS", k.originAsString());
        assertEquals(List.of(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT), k.encryptionAlgorithms());
        assertFalse(k.multiRegion());
        assertEquals(64, k.currentKeyMaterialId().length());
        assertEquals("orders", kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata().description());
    }

    @Test
    void everySupportedSpecAndUsage() {
        assertEquals(List.of(SigningAlgorithmSpec.ECDSA_SHA_384),
                key(KeySpec.ECC_NIST_P384, KeyUsageType.SIGN_VERIFY).signingAlgorithms());
        assertEquals(6, key(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY).signingAlgorithms().size());
        assertEquals(List.of(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256),
                key(KeySpec.RSA_3072, KeyUsageType.ENCRYPT_DECRYPT).encryptionAlgorithms());
        assertEquals(List.of(MacAlgorithmSpec.HMAC_SHA_384),
                key(KeySpec.HMAC_384, KeyUsageType.GENERATE_VERIFY_MAC).macAlgorithms());
        assertEquals(List.of(SigningAlgorithmSpec.ECDSA_SHA_256),
                key(KeySpec.ECC_SECG_P256_K1, KeyUsageType.SIGN_VERIFY).signingAlgorithms());
        assertEquals("ECDH", key(KeySpec.ECC_NIST_P521, KeyUsageType.KEY_AGREEMENT).keyAgreementAlgorithmsAsStrings().get(0));
    }

    @Test
    void incompatibleSpecAndUsageIsAValidationError() {
        assertError(KmsException.class, "ValidationException", 400,
                "KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT",
                () -> kms.createKey(b -> b.keyUsage(KeyUsageType.SIGN_VERIFY)));
        assertError(KmsException.class, "ValidationException", 400, null,
                () -> kms.createKey(b -> b.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.ENCRYPT_DECRYPT)));
        assertError(KmsException.class, "ValidationException", 400, null,
                () -> kms.createKey(b -> b.keySpec(KeySpec.HMAC_256)));
        assertError(KmsException.class, "ValidationException", 400, null,
                () -> kms.createKey(b -> b.keySpec(KeySpec.ECC_SECG_P256_K1).keyUsage(KeyUsageType.KEY_AGREEMENT)));
        // The model's enum is checked by core before the provider.
        AwsServiceException e = assertError(KmsException.class, "ValidationException", 400, null,
                () -> kms.createKey(b -> b.keySpec("RSA_1024")));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("1 validation error detected"), e.getMessage());
    }

    @Test
    void describeByIdArnAliasAndAliasArn() {
        KeyMetadata k = symmetricKey();
        String alias = "alias/" + unique("describe");
        kms.createAlias(b -> b.aliasName(alias).targetKeyId(k.keyId()));
        String aliasArn = k.arn().replace("key/" + k.keyId(), alias);
        for (String id : List.of(k.keyId(), k.arn(), alias, aliasArn)) {
            assertEquals(k.keyId(), kms.describeKey(b -> b.keyId(id)).keyMetadata().keyId(), id);
        }
    }

    @Test
    void unknownKeysAndAliases() {
        KeyMetadata k = symmetricKey();
        String missing = "11111111-2222-3333-4444-555555555555";
        String missingArn = k.arn().replace(k.keyId(), missing);
        assertError(NotFoundException.class, "NotFoundException", 400, "Key '" + missingArn + "' does not exist",
                () -> kms.describeKey(b -> b.keyId(missing)));
        assertError(NotFoundException.class, "NotFoundException", 400, "Key '" + missingArn + "' does not exist",
                () -> kms.describeKey(b -> b.keyId(missingArn)));
        String aliasArn = k.arn().replace("key/" + k.keyId(), "alias/nothing-here");
        assertError(NotFoundException.class, "NotFoundException", 400, "Alias " + aliasArn + " is not found.",
                () -> kms.describeKey(b -> b.keyId("alias/nothing-here")));
        assertError(NotFoundException.class, "NotFoundException", 400, "Invalid keyId 'not-a-key'",
                () -> kms.describeKey(b -> b.keyId("not-a-key")));
    }

    @Test
    void listKeysPages() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            created.add(symmetricKey().keyId());
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListKeysResponse page = kms.listKeys(b -> b.limit(2).marker(m));
            assertTrue(page.keys().size() <= 2);
            page.keys().stream().map(KeyListEntry::keyId).forEach(seen::add);
            assertEquals(page.truncated(), page.nextMarker() != null);
            marker = page.nextMarker();
        } while (marker != null);
        assertTrue(seen.containsAll(created), seen.toString());
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no key twice");
        assertError(InvalidMarkerException.class, "InvalidMarkerException", 400, null,
                () -> kms.listKeys(b -> b.marker("bm9uZQ")));
    }

    @Test
    void disableAndEnable() {
        KeyMetadata k = symmetricKey();
        kms.disableKey(b -> b.keyId(k.keyId()));
        KeyMetadata d = kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata();
        assertEquals(KeyState.DISABLED, d.keyState());
        assertFalse(d.enabled());
        assertError(DisabledException.class, "DisabledException", 400, k.arn() + " is disabled.",
                () -> kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("x"))));
        kms.enableKey(b -> b.keyId(k.arn()));
        assertEquals(KeyState.ENABLED, kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata().keyState());
    }

    @Test
    void scheduledDeletionOnTheClock() {
        KeyMetadata k = symmetricKey();
        Instant before = gureum.context().clock().now();
        var scheduled = kms.scheduleKeyDeletion(b -> b.keyId(k.keyId()).pendingWindowInDays(7));
        assertEquals(k.arn(), scheduled.keyId());
        assertEquals(KeyState.PENDING_DELETION, scheduled.keyState());
        assertEquals(7, scheduled.pendingWindowInDays());
        assertFalse(scheduled.deletionDate().isBefore(before.plus(Duration.ofDays(7)).minusSeconds(1)));
        KeyMetadata d = kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata();
        assertEquals(KeyState.PENDING_DELETION, d.keyState());
        assertNotNull(d.deletionDate());
        assertEquals(7, d.pendingDeletionWindowInDays());
        assertError(KmsInvalidStateException.class, "KMSInvalidStateException", 400, k.arn() + " is pending deletion.",
                () -> kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("x"))));
        assertError(KmsInvalidStateException.class, "KMSInvalidStateException", 400, k.arn() + " is pending deletion.",
                () -> kms.enableKey(b -> b.keyId(k.keyId())));
        assertError(KmsInvalidStateException.class, "KMSInvalidStateException", 400, k.arn() + " is pending deletion.",
                () -> kms.scheduleKeyDeletion(b -> b.keyId(k.keyId())));

        advance(Duration.ofDays(6));
        assertEquals(KeyState.PENDING_DELETION, kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata().keyState());
        advance(Duration.ofDays(1).plusMinutes(1));
        assertError(NotFoundException.class, "NotFoundException", 400, "Key '" + k.arn() + "' does not exist",
                () -> kms.describeKey(b -> b.keyId(k.keyId())));
        assertFalse(kms.listKeys().keys().stream().anyMatch(e -> e.keyId().equals(k.keyId())));
    }

    @Test
    void defaultWindowAndItsLimits() {
        KeyMetadata k = symmetricKey();
        assertError(KmsException.class, "ValidationException", 400, "1 validation error detected: Value '6' at "
                + "'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7",
                () -> kms.scheduleKeyDeletion(b -> b.keyId(k.keyId()).pendingWindowInDays(6)));
        assertError(KmsException.class, "ValidationException", 400, null,
                () -> kms.scheduleKeyDeletion(b -> b.keyId(k.keyId()).pendingWindowInDays(31)));
        assertEquals(30, kms.scheduleKeyDeletion(b -> b.keyId(k.keyId())).pendingWindowInDays());
    }

    @Test
    void cancelDeletionLeavesTheKeyDisabled() {
        KeyMetadata k = symmetricKey();
        assertError(KmsInvalidStateException.class, "KMSInvalidStateException", 400,
                k.arn() + " is not pending deletion.", () -> kms.cancelKeyDeletion(b -> b.keyId(k.keyId())));
        kms.scheduleKeyDeletion(b -> b.keyId(k.keyId()));
        assertEquals(k.arn(), kms.cancelKeyDeletion(b -> b.keyId(k.keyId())).keyId());
        KeyMetadata d = kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata();
        assertEquals(KeyState.DISABLED, d.keyState());
        assertNull(d.deletionDate());
        advance(Duration.ofDays(31));
        assertEquals(KeyState.DISABLED, kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata().keyState());
    }

    @Test
    void updateDescription() {
        KeyMetadata k = symmetricKey();
        kms.updateKeyDescription(b -> b.keyId(k.keyId()).description("new words"));
        assertEquals("new words", kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata().description());
    }

    @Test
    void multiRegionKeyIds() {
        KeyMetadata k = kms.createKey(b -> b.multiRegion(true)).keyMetadata();
        assertTrue(k.keyId().matches("mrk-[0-9a-f]{32}"), k.keyId());
        assertTrue(k.multiRegion());
        assertEquals("PRIMARY", k.multiRegionConfiguration().multiRegionKeyTypeAsString());
        var ct = kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("mrk"))).ciphertextBlob();
        assertEquals("mrk", kms.decrypt(b -> b.ciphertextBlob(ct)).plaintext().asUtf8String());
    }
}
