package io.gureum.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.ExpiredImportTokenException;
import software.amazon.awssdk.services.kms.model.GetParametersForImportResponse;
import software.amazon.awssdk.services.kms.model.GrantListEntry;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.InvalidImportTokenException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * What KMS finds again after a restart on the same --data-dir: keys with their material (old ciphertexts
 * decrypt, old signatures verify), aliases, grants and their tokens, tags, policies, rotation schedules,
 * deletions pending on the clock, multi-Region replicas sharing their primary's material.
 */
class KmsRestartIT {
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"all\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},"
            + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";

    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static KmsClient eu(Gureum g) {
        return AwsClients.client(KmsClient.builder(), g.endpoint(), "test", "eu-west-1");
    }

    @Test
    void keysAndTheirMaterialSurviveARestart() {
        KeyMetadata symmetric;
        KeyMetadata signing;
        KeyMetadata doomed;
        KeyMetadata multi;
        SdkBytes ciphertext;
        SdkBytes signature;
        SdkBytes replicaCiphertext;
        String grantId;
        String grantToken;
        Instant rotationDue;
        Instant deletionDate;
        try (Gureum g = start(); KmsClient kms = AwsClients.client(KmsClient.builder(), g); KmsClient eu = eu(g)) {
            symmetric = kms.createKey(b -> b.description("kept").policy(POLICY)
                    .tags(t -> t.tagKey("team").tagValue("a"))).keyMetadata();
            kms.createAlias(b -> b.aliasName("alias/kept").targetKeyId(symmetric.keyId()));
            kms.enableKeyRotation(b -> b.keyId(symmetric.keyId()).rotationPeriodInDays(90));
            kms.rotateKeyOnDemand(b -> b.keyId(symmetric.keyId()));
            ciphertext = kms.encrypt(b -> b.keyId("alias/kept").plaintext(SdkBytes.fromUtf8String("secret"))
                    .encryptionContext(Map.of("k", "v"))).ciphertextBlob();
            var grant = kms.createGrant(b -> b.keyId(symmetric.keyId()).name("g")
                    .granteePrincipal("arn:aws:iam::000000000000:role/user").operations(GrantOperation.DECRYPT));
            grantId = grant.grantId();
            grantToken = grant.grantToken();
            rotationDue = kms.getKeyRotationStatus(b -> b.keyId(symmetric.keyId())).nextRotationDate();

            signing = kms.createKey(b -> b.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY))
                    .keyMetadata();
            signature = kms.sign(b -> b.keyId(signing.keyId()).message(SdkBytes.fromUtf8String("m"))
                    .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature();

            doomed = kms.createKey(b -> b.description("doomed")).keyMetadata();
            deletionDate = kms.scheduleKeyDeletion(b -> b.keyId(doomed.keyId()).pendingWindowInDays(7)).deletionDate();
            String gone = kms.createKey(b -> b.description("gone")).keyMetadata().keyId();
            kms.createAlias(b -> b.aliasName("alias/gone").targetKeyId(gone));
            kms.deleteAlias(b -> b.aliasName("alias/gone"));

            multi = kms.createKey(b -> b.multiRegion(true)).keyMetadata();
            kms.replicateKey(b -> b.keyId(multi.keyId()).replicaRegion("eu-west-1"));
            replicaCiphertext = eu.encrypt(b -> b.keyId(multi.keyId()).plaintext(SdkBytes.fromUtf8String("mr")))
                    .ciphertextBlob();
        }
        try (Gureum g = start(); KmsClient kms = AwsClients.client(KmsClient.builder(), g); KmsClient eu = eu(g)) {
            KeyMetadata kept = kms.describeKey(b -> b.keyId("alias/kept")).keyMetadata();
            assertEquals(symmetric.keyId(), kept.keyId());
            assertEquals("kept", kept.description());
            assertEquals(symmetric.creationDate(), kept.creationDate());
            assertEquals("secret", kms.decrypt(b -> b.ciphertextBlob(ciphertext).encryptionContext(Map.of("k", "v")))
                    .plaintext().asUtf8String(), "the material survived");
            assertEquals(POLICY, kms.getKeyPolicy(b -> b.keyId(symmetric.keyId())).policy());
            assertEquals("a", kms.listResourceTags(b -> b.keyId(symmetric.keyId())).tags().get(0).tagValue());
            var rotation = kms.getKeyRotationStatus(b -> b.keyId(symmetric.keyId()));
            assertTrue(rotation.keyRotationEnabled());
            assertEquals(90, rotation.rotationPeriodInDays());
            assertEquals(rotationDue, rotation.nextRotationDate());
            assertEquals(1, kms.listKeyRotations(b -> b.keyId(symmetric.keyId())).rotations().size());
            List<GrantListEntry> grants = kms.listGrants(b -> b.keyId(symmetric.keyId())).grants();
            assertEquals(List.of(grantId), grants.stream().map(GrantListEntry::grantId).toList());
            // The token still names the grant: RetireGrant by token finds it.
            kms.retireGrant(b -> b.grantToken(grantToken));
            assertTrue(kms.listGrants(b -> b.keyId(symmetric.keyId())).grants().isEmpty());

            assertTrue(kms.verify(b -> b.keyId(signing.keyId()).message(SdkBytes.fromUtf8String("m"))
                    .signature(signature).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signatureValid());

            KeyMetadata pending = kms.describeKey(b -> b.keyId(doomed.keyId())).keyMetadata();
            assertEquals(KeyState.PENDING_DELETION, pending.keyState());
            assertEquals(deletionDate, pending.deletionDate());
            assertEquals(7, pending.pendingDeletionWindowInDays());
            List<String> aliases = kms.listAliases().aliases().stream().map(AliasListEntry::aliasName).toList();
            assertTrue(aliases.contains("alias/kept"));
            assertFalse(aliases.contains("alias/gone"));

            assertEquals("mr", kms.decrypt(b -> b.ciphertextBlob(replicaCiphertext)).plaintext().asUtf8String(),
                    "the primary decrypts its replica's ciphertext");
            KeyMetadata replica = eu.describeKey(b -> b.keyId(multi.keyId())).keyMetadata();
            assertEquals("us-east-1", replica.multiRegionConfiguration().primaryKey().region());
            // The group is shared again: a rotation of the primary reaches the replica.
            kms.rotateKeyOnDemand(b -> b.keyId(multi.keyId()));
            SdkBytes rotated = kms.encrypt(b -> b.keyId(multi.keyId()).plaintext(SdkBytes.fromUtf8String("r")))
                    .ciphertextBlob();
            assertEquals("r", eu.decrypt(b -> b.ciphertextBlob(rotated)).plaintext().asUtf8String());

            // The deletion stays due on the clock: seven days on, the key is gone.
            g.context().clock().advance(Duration.ofDays(8));
            assertThrows(NotFoundException.class, () -> kms.describeKey(b -> b.keyId(doomed.keyId())));
        }
        try (Gureum g = start(); KmsClient kms = AwsClients.client(KmsClient.builder(), g)) {
            assertThrows(NotFoundException.class, () -> kms.describeKey(b -> b.keyId(doomed.keyId())),
                    "the deletion settled on the clock was recorded");
            assertNotNull(kms.describeKey(b -> b.keyId("alias/kept")).keyMetadata());
            assertTrue(kms.listGrants(b -> b.keyId(symmetric.keyId())).grants().isEmpty(), "the retirement persisted");
        }
    }

    @Test
    void anImportTokenIssuedBeforeARestartImportsAfterItUntilItExpires() throws Exception {
        KeyMetadata key;
        KeyMetadata expiring;
        KeyMetadata deleted;
        GetParametersForImportResponse params;
        GetParametersForImportResponse late;
        try (Gureum g = start(); KmsClient kms = AwsClients.client(KmsClient.builder(), g)) {
            key = kms.createKey(b -> b.origin("EXTERNAL")).keyMetadata();
            params = kms.getParametersForImport(b -> b.keyId(key.keyId()).wrappingAlgorithm("RSAES_OAEP_SHA_256")
                    .wrappingKeySpec("RSA_2048"));
            expiring = kms.createKey(b -> b.origin("EXTERNAL")).keyMetadata();
            late = kms.getParametersForImport(b -> b.keyId(expiring.keyId()).wrappingAlgorithm("RSAES_OAEP_SHA_1")
                    .wrappingKeySpec("RSA_2048"));
            deleted = kms.createKey(b -> b.origin("EXTERNAL")).keyMetadata();
            kms.getParametersForImport(b -> b.keyId(deleted.keyId()).wrappingAlgorithm("RSAES_OAEP_SHA_256")
                    .wrappingKeySpec("RSA_2048"));
            kms.scheduleKeyDeletion(b -> b.keyId(deleted.keyId()).pendingWindowInDays(7));
        }
        SdkBytes wrapped = SdkBytes.fromByteArray(oaep(params, ImportsIT.MATERIAL, MGF1ParameterSpec.SHA256));
        SdkBytes lateWrapped = SdkBytes.fromByteArray(oaep(late, ImportsIT.MATERIAL, MGF1ParameterSpec.SHA1));
        try (Gureum g = start(); KmsClient kms = AwsClients.client(KmsClient.builder(), g)) {
            // A token of another key is still refused after the restart.
            InvalidImportTokenException wrongKey = assertThrows(InvalidImportTokenException.class,
                    () -> kms.importKeyMaterial(b -> b.keyId(expiring.keyId()).importToken(params.importToken())
                            .encryptedKeyMaterial(wrapped).expirationModel("KEY_MATERIAL_DOES_NOT_EXPIRE")));
            assertEquals(400, wrongKey.statusCode());
            kms.importKeyMaterial(b -> b.keyId(key.keyId()).importToken(params.importToken())
                    .encryptedKeyMaterial(wrapped).expirationModel("KEY_MATERIAL_DOES_NOT_EXPIRE"));
            assertEquals(KeyState.ENABLED, kms.describeKey(b -> b.keyId(key.keyId())).keyMetadata().keyState());
            SdkBytes ct = kms.encrypt(b -> b.keyId(key.keyId()).plaintext(SdkBytes.fromUtf8String("imported")))
                    .ciphertextBlob();
            assertEquals("imported", kms.decrypt(b -> b.ciphertextBlob(ct)).plaintext().asUtf8String());
            // The key's deletion comes due; its token goes with it.
            g.context().clock().advance(Duration.ofDays(8));
            assertThrows(NotFoundException.class, () -> kms.describeKey(b -> b.keyId(deleted.keyId())));
        }
        try (Gureum g = start(); KmsClient kms = AwsClients.client(KmsClient.builder(), g)) {
            // The clock's offset survived: the 24 hours of the other token have passed.
            ExpiredImportTokenException expired = assertThrows(ExpiredImportTokenException.class,
                    () -> kms.importKeyMaterial(b -> b.keyId(expiring.keyId()).importToken(late.importToken())
                            .encryptedKeyMaterial(lateWrapped).expirationModel("KEY_MATERIAL_DOES_NOT_EXPIRE")));
            assertEquals(400, expired.statusCode());
            assertEquals("ExpiredImportTokenException", expired.awsErrorDetails().errorCode());
            // ImportKeyMaterial used up the first key's token, and that was recorded.
            InvalidImportTokenException used = assertThrows(InvalidImportTokenException.class,
                    () -> kms.importKeyMaterial(b -> b.keyId(key.keyId()).importToken(params.importToken())
                            .encryptedKeyMaterial(wrapped).expirationModel("KEY_MATERIAL_DOES_NOT_EXPIRE")));
            assertEquals("InvalidImportTokenException", used.awsErrorDetails().errorCode());
            assertEquals(KeyState.ENABLED, kms.describeKey(b -> b.keyId(key.keyId())).keyMetadata().keyState());
        }
    }

    private static byte[] oaep(GetParametersForImportResponse p, byte[] material, MGF1ParameterSpec hash)
            throws Exception {
        PublicKey publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(p.publicKey().asByteArray()));
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
        c.init(Cipher.ENCRYPT_MODE, publicKey,
                new OAEPParameterSpec(hash.getDigestAlgorithm(), "MGF1", hash, PSource.PSpecified.DEFAULT));
        return c.doFinal(material);
    }
}
