package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.events.EventBus;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Another account reaches a secret by its full ARN; the authorizer reads owner and resource policy. */
class CrossAccountSecretsIT extends SecretsTestSupport {
    static final String OWNER = "111111111111";
    static final String OTHER = "222222222222";

    static SecretsManagerClient as(String account) {
        return AwsClients.client(SecretsManagerClient.builder(), gureum.endpoint(), account, REGION);
    }

    @Test
    void anotherAccountReadsTheSecretByItsFullArnOnly() {
        try (SecretsManagerClient owner = as(OWNER); SecretsManagerClient other = as(OTHER)) {
            String name = unique("shared");
            String arn = owner.createSecret(b -> b.name(name).secretString("s3cret")).arn();
            assertEquals("s3cret", other.getSecretValue(b -> b.secretId(arn)).secretString());
            assertEquals(name, other.describeSecret(b -> b.secretId(arn)).name());
            assertEquals(1, other.batchGetSecretValue(b -> b.secretIdList(arn)).secretValues().size());
            assertError(ResourceNotFoundException.class, "ResourceNotFoundException", null,
                    () -> other.getSecretValue(b -> b.secretId(name)));
        }
    }

    @Test
    void resourceAccessAnswersTheSecretsOwnerAndPolicy() {
        ServiceContext context = new ServiceContext(GureumConfig.builder().build(), new GureumClock(),
                new ResourceIds(), new ResourceRegistry(), new EventBus(), Topology.standard(), new Accounts(OWNER));
        SecretsStores stores = new SecretsStores(context);
        SecretResourceAccess access = new SecretResourceAccess(stores);
        io.gureum.core.ids.Arn arn = io.gureum.core.ids.Arn.of("secretsmanager", REGION, OWNER, "secret:app-AbCdEf");
        Secret secret = new Secret(OWNER, REGION, "app", arn, Instant.EPOCH);
        stores.store(OWNER, REGION).byName.put("app", secret);
        assertEquals(OWNER, access.of(arn.toString()).ownerAccountId());
        assertNull(access.of(arn.toString()).policyJson());
        secret.resourcePolicy = "{\"Statement\":[]}";
        assertEquals("{\"Statement\":[]}", access.of(arn.toString()).policyJson());
        assertNull(access.of("arn:aws:secretsmanager:us-east-1:" + OTHER + ":secret:app-AbCdEf"));
        assertNull(access.of("arn:aws:sqs:us-east-1:" + OWNER + ":app"));
    }
}
