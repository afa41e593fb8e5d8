package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * What Secrets Manager finds again after a restart on the same --data-dir: secrets with every version and
 * staging label (values still decrypt: KMS keeps its keys), tags, resource policies, replicas, deletions
 * still due on the clock, and idempotent retries of a ClientRequestToken.
 */
class SecretsRestartIT {
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"secretsmanager:GetSecretValue\","
            + "\"Resource\":\"*\"}]}";

    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static SecretsManagerClient client(Gureum g, String region) {
        return AwsClients.client(SecretsManagerClient.builder(), g.endpoint(), "test", region);
    }

    @Test
    void secretsSurviveARestart() {
        String arn;
        String firstVersion;
        Instant created;
        try (Gureum g = start(); SecretsManagerClient sm = client(g, "us-east-1")) {
            var made = sm.createSecret(b -> b.name("app/db").secretString("one").description("the db")
                    .tags(t -> t.key("team").value("a")).addReplicaRegions(r -> r.region("eu-west-1")));
            arn = made.arn();
            firstVersion = made.versionId();
            sm.putSecretValue(b -> b.secretId("app/db").secretString("two").clientRequestToken(
                    "00000000-0000-0000-0000-000000000002").versionStages("AWSCURRENT", "blue"));
            sm.putResourcePolicy(b -> b.secretId("app/db").resourcePolicy(POLICY));
            sm.createSecret(b -> b.name("doomed").secretString("x"));
            sm.deleteSecret(b -> b.secretId("doomed").recoveryWindowInDays(7L));
            sm.createSecret(b -> b.name("gone").secretString("x"));
            sm.deleteSecret(b -> b.secretId("gone").forceDeleteWithoutRecovery(true));
            created = sm.describeSecret(b -> b.secretId("app/db")).createdDate();
        }
        try (Gureum g = start(); SecretsManagerClient sm = client(g, "us-east-1");
                SecretsManagerClient eu = client(g, "eu-west-1")) {
            assertEquals("two", sm.getSecretValue(b -> b.secretId("app/db")).secretString());
            assertEquals("one", sm.getSecretValue(b -> b.secretId("app/db").versionStage("AWSPREVIOUS"))
                    .secretString());
            assertEquals("two", sm.getSecretValue(b -> b.secretId("app/db").versionStage("blue")).secretString());
            assertEquals("one", sm.getSecretValue(b -> b.secretId(arn).versionId(firstVersion)).secretString());
            DescribeSecretResponse d = sm.describeSecret(b -> b.secretId("app/db"));
            assertEquals(arn, d.arn());
            assertEquals("the db", d.description());
            assertEquals(created, d.createdDate());
            assertEquals(Map.of("team", "a"), Map.of(d.tags().get(0).key(), d.tags().get(0).value()));
            assertEquals(List.of("eu-west-1"), d.replicationStatus().stream().map(r -> r.region()).toList());
            assertNotNull(sm.getResourcePolicy(b -> b.secretId("app/db")).resourcePolicy());
            assertEquals("two", eu.getSecretValue(b -> b.secretId("app/db")).secretString(), "the replica reads");
            // A retry of the same token and value is still recognised as the same request.
            sm.putSecretValue(b -> b.secretId("app/db").secretString("two").clientRequestToken(
                    "00000000-0000-0000-0000-000000000002"));
            assertThrows(InvalidRequestException.class, () -> sm.getSecretValue(b -> b.secretId("doomed")),
                    "still scheduled for deletion");
            assertThrows(ResourceNotFoundException.class, () -> sm.describeSecret(b -> b.secretId("gone")));
            g.context().clock().advance(Duration.ofDays(8));
            assertThrows(ResourceNotFoundException.class, () -> sm.describeSecret(b -> b.secretId("doomed")));
        }
        try (Gureum g = start(); SecretsManagerClient sm = client(g, "us-east-1")) {
            assertThrows(ResourceNotFoundException.class, () -> sm.describeSecret(b -> b.secretId("doomed")),
                    "the purge on the clock was recorded");
            assertEquals("two", sm.getSecretValue(b -> b.secretId("app/db")).secretString());
        }
    }
}
