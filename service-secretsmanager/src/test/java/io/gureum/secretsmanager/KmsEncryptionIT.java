package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.EncryptionFailureException;

/** Values encrypted through KMS (the test double here): custom keys, a disabled key, a missing key. */
class KmsEncryptionIT extends SecretsTestSupport {

    @Test
    void aCustomKeyEncryptsTheValueAndIsShownByDescribe() {
        String keyArn = kms().createKey(b -> { }).keyMetadata().arn();
        String name = unique("cmk");
        sm.createSecret(b -> b.name(name).secretString("v").kmsKeyId(keyArn));
        assertEquals(keyArn, sm.describeSecret(b -> b.secretId(name)).kmsKeyId());
        assertEquals("v", sm.getSecretValue(b -> b.secretId(name)).secretString());
        assertEquals(keyArn, sm.listSecretVersionIds(b -> b.secretId(name)).versions().get(0).kmsKeyIds().get(0));
    }

    @Test
    void aDisabledKeyMakesReadsADecryptionFailure() {
        String keyId = kms().createKey(b -> { }).keyMetadata().keyId();
        String name = unique("disabled");
        sm.createSecret(b -> b.name(name).secretString("v").kmsKeyId(keyId));
        kms().disableKey(b -> b.keyId(keyId));
        assertError(DecryptionFailureException.class, "DecryptionFailure",
                "Secrets Manager can't decrypt the protected secret text using the provided KMS key.",
                () -> sm.getSecretValue(b -> b.secretId(name)));
        assertError(EncryptionFailureException.class, "EncryptionFailure", null,
                () -> sm.putSecretValue(b -> b.secretId(name).secretString("w")));
        var batch = sm.batchGetSecretValue(b -> b.secretIdList(name));
        assertEquals("DecryptionFailure", batch.errors().get(0).errorCode());
    }

    @Test
    void aMissingKeyIsAnEncryptionFailureAndNoSecretIsCreated() {
        String name = unique("nokey");
        assertError(EncryptionFailureException.class, "EncryptionFailure", null,
                () -> sm.createSecret(b -> b.name(name).secretString("v").kmsKeyId("alias/does-not-exist")));
        sm.createSecret(b -> b.name(name).secretString("v"));
    }

    @Test
    void updateSecretReencryptsWithTheNewKeyAndEmptyMeansTheManagedKey() {
        String first = kms().createKey(b -> { }).keyMetadata().arn();
        String second = kms().createKey(b -> { }).keyMetadata().arn();
        String name = unique("rekey");
        sm.createSecret(b -> b.name(name).secretString("v").kmsKeyId(first));
        sm.updateSecret(b -> b.secretId(name).kmsKeyId(second));
        kms().disableKey(b -> b.keyId(first));
        assertEquals("v", sm.getSecretValue(b -> b.secretId(name)).secretString());
        sm.updateSecret(b -> b.secretId(name).kmsKeyId(""));
        assertNull(sm.describeSecret(b -> b.secretId(name)).kmsKeyId());
        kms().disableKey(b -> b.keyId(second));
        assertEquals("v", sm.getSecretValue(b -> b.secretId(name)).secretString());
    }
}
