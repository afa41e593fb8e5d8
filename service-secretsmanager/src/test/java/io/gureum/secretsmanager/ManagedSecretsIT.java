package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.spi.Caller;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;

/**
 * Secrets a service creates for itself, named {@code <service>!…} (EventBridge's connections:
 * {@code events!connection/<name>/<id>}): only that service's principal may use the {@code !}, and the secret's
 * OwningService is that service.
 */
class ManagedSecretsIT extends SecretsTestSupport {
    @Test
    void aServiceCreatesItsOwnManagedSecret() {
        String name = "events!connection/" + unique("c") + "/0f1e2d3c-aaaa-4bbb-8ccc-123456789012";
        SecretsManagerClient events = gureum.context().clients().client(SecretsManagerClient.class,
                Caller.service("events.amazonaws.com", ACCOUNT, REGION, "arn:aws:events:us-east-1:" + ACCOUNT
                        + ":connection/c/0f1e2d3c-aaaa-4bbb-8ccc-123456789012"));
        String arn = events.createSecret(b -> b.name(name).clientRequestToken(java.util.UUID.randomUUID().toString()).secretString("{\"a\":1}")).arn();
        var d = sm.describeSecret(b -> b.secretId(arn));
        assertEquals(name, d.name());
        assertEquals("events", d.owningService());
        assertEquals("{\"a\":1}", events.getSecretValue(b -> b.secretId(arn)).secretString());
    }

    @Test
    void nobodyElseMayNameASecretWithAnExclamationMark() {
        assertThrows(InvalidParameterException.class, () -> sm.createSecret(b -> b.name("events!connection/x/y")
                .secretString("v")));
        SecretsManagerClient sns = gureum.context().clients().client(SecretsManagerClient.class,
                Caller.service("sns.amazonaws.com", ACCOUNT, REGION, null));
        assertThrows(InvalidParameterException.class, () -> sns.createSecret(b -> b.name("events!connection/x/y")
                .secretString("v")));
    }
}
