package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** DeleteSecret's recovery window on Gureum's clock, RestoreSecret and ForceDeleteWithoutRecovery. */
class DeletionIT extends SecretsTestSupport {

    @Test
    void theDefaultWindowIsThirtyDaysAndTheSecretGoesWhenTheClockPassesIt() {
        String name = unique("del");
        create(name, "v");
        Instant before = gureum.context().clock().now().minusSeconds(1);
        DeleteSecretResponse r = sm.deleteSecret(b -> b.secretId(name));
        Instant after = gureum.context().clock().now().plusSeconds(1);
        assertTrue(r.deletionDate().isAfter(before.plus(Duration.ofDays(30)))
                && r.deletionDate().isBefore(after.plus(Duration.ofDays(30))), r.deletionDate().toString());
        assertNotNull(sm.describeSecret(b -> b.secretId(name)).deletedDate());
        assertError(InvalidRequestException.class, "InvalidRequestException", SecretsErrors.MARKED_FOR_DELETION,
                () -> sm.getSecretValue(b -> b.secretId(name)));
        assertError(InvalidRequestException.class, "InvalidRequestException", SecretsErrors.MARKED_FOR_DELETION,
                () -> sm.putSecretValue(b -> b.secretId(name).secretString("x")));
        assertError(InvalidRequestException.class, "InvalidRequestException", SecretsErrors.MARKED_FOR_DELETION,
                () -> sm.deleteSecret(b -> b.secretId(name)));
        advance(Duration.ofDays(29));
        assertNotNull(sm.describeSecret(b -> b.secretId(name)).arn());
        advance(Duration.ofDays(1));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", SecretsErrors.NOT_FOUND,
                () -> sm.describeSecret(b -> b.secretId(name)));
        create(name, "new");
    }

    @Test
    void restoreCancelsTheDeletion() {
        String name = unique("restore");
        create(name, "v");
        sm.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(7L));
        sm.restoreSecret(b -> b.secretId(name));
        assertNull(sm.describeSecret(b -> b.secretId(name)).deletedDate());
        assertEquals("v", sm.getSecretValue(b -> b.secretId(name)).secretString());
        advance(Duration.ofDays(8));
        assertEquals("v", sm.getSecretValue(b -> b.secretId(name)).secretString());
    }

    @Test
    void theWindowIsSevenToThirtyDaysAndExcludesForce() {
        String name = unique("window");
        create(name, "v");
        assertError(InvalidParameterException.class, "InvalidParameterException",
                "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).",
                () -> sm.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(6L)));
        assertError(InvalidParameterException.class, "InvalidParameterException",
                "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).",
                () -> sm.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(31L)));
        assertError(InvalidParameterException.class, "InvalidParameterException",
                "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
                () -> sm.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(7L).forceDeleteWithoutRecovery(true)));
    }

    @Test
    void forceDeletesAtOnceEvenDuringTheWindowAndForNothing() {
        String name = unique("force");
        create(name, "v");
        sm.deleteSecret(b -> b.secretId(name));
        DeleteSecretResponse r = sm.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
        assertEquals(name, r.name());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", SecretsErrors.NOT_FOUND,
                () -> sm.describeSecret(b -> b.secretId(name)));
        DeleteSecretResponse none = sm.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
        assertEquals(name, none.name());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", SecretsErrors.NOT_FOUND,
                () -> sm.deleteSecret(b -> b.secretId(unique("never"))));
    }
}
