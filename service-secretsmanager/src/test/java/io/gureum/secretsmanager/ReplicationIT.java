package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ReplicaRegionType;
import software.amazon.awssdk.services.secretsmanager.model.ReplicationStatusType;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Replicas in another region of the same account. */
class ReplicationIT extends SecretsTestSupport {
    static SecretsManagerClient west;

    @BeforeAll
    static void westClient() {
        west = AwsClients.client(SecretsManagerClient.builder(), gureum.endpoint(), "test", "us-west-2");
    }

    @AfterAll
    static void closeWest() {
        west.close();
    }

    static ReplicaRegionType region(String r) {
        return ReplicaRegionType.builder().region(r).build();
    }

    @Test
    void aReplicaIsReadableInItsRegionAndFollowsThePrimary() {
        String name = unique("repl");
        String arn = create(name, "v1");
        List<ReplicationStatusType> status = sm.replicateSecretToRegions(b -> b.secretId(name)
                .addReplicaRegions(region("us-west-2"))).replicationStatus();
        assertEquals("InSync", status.get(0).statusAsString());
        assertEquals("us-west-2", status.get(0).region());
        String replicaArn = arn.replace("us-east-1", "us-west-2");
        assertEquals(replicaArn, west.describeSecret(b -> b.secretId(name)).arn());
        assertEquals("us-east-1", west.describeSecret(b -> b.secretId(name)).primaryRegion());
        assertEquals("us-east-1", sm.describeSecret(b -> b.secretId(name)).primaryRegion());
        assertEquals("v1", west.getSecretValue(b -> b.secretId(replicaArn)).secretString());
        var byPrimary = west.listSecrets(b -> b.filters(f -> f.key("primary-region").values("us-east"),
                f -> f.key("name").values(name))).secretList();
        assertEquals(1, byPrimary.size());
        assertEquals(replicaArn, byPrimary.get(0).arn());
        assertEquals(0, west.listSecrets(b -> b.filters(f -> f.key("primary-region").values("us-west"),
                f -> f.key("name").values(name))).secretList().size());
        sm.putSecretValue(b -> b.secretId(name).secretString("v2"));
        assertEquals("v2", west.getSecretValue(b -> b.secretId(name)).secretString());
        assertError(InvalidRequestException.class, "InvalidRequestException", null,
                () -> west.putSecretValue(b -> b.secretId(name).secretString("x")));
        assertError(InvalidRequestException.class, "InvalidRequestException", null,
                () -> sm.deleteSecret(b -> b.secretId(name)));

        sm.removeRegionsFromReplication(b -> b.secretId(name).removeReplicaRegions("us-west-2"));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", SecretsErrors.NOT_FOUND,
                () -> west.describeSecret(b -> b.secretId(name)));
        assertNull(sm.describeSecret(b -> b.secretId(name)).primaryRegion());
        sm.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
    }

    @Test
    void stopReplicationMakesTheReplicaAStandaloneSecret() {
        String name = unique("promote");
        sm.createSecret(b -> b.name(name).secretString("v").addReplicaRegions(region("us-west-2")));
        west.stopReplicationToReplica(b -> b.secretId(name));
        west.putSecretValue(b -> b.secretId(name).secretString("west"));
        assertEquals("west", west.getSecretValue(b -> b.secretId(name)).secretString());
        assertEquals("v", sm.getSecretValue(b -> b.secretId(name)).secretString());
        assertNull(sm.describeSecret(b -> b.secretId(name)).primaryRegion());
        assertError(InvalidRequestException.class, "InvalidRequestException", null,
                () -> sm.stopReplicationToReplica(b -> b.secretId(name)));
    }

    @Test
    void aNameTakenInTheRegionFailsUnlessOverwritten() {
        String name = unique("taken");
        west.createSecret(b -> b.name(name).secretString("west"));
        create(name, "east");
        var status = sm.replicateSecretToRegions(b -> b.secretId(name).addReplicaRegions(region("us-west-2")))
                .replicationStatus();
        assertEquals("Failed", status.get(0).statusAsString());
        assertEquals("west", west.getSecretValue(b -> b.secretId(name)).secretString());
        status = sm.replicateSecretToRegions(b -> b.secretId(name).addReplicaRegions(region("us-west-2"))
                .forceOverwriteReplicaSecret(true)).replicationStatus();
        assertEquals("InSync", status.get(0).statusAsString());
        assertEquals("east", west.getSecretValue(b -> b.secretId(name)).secretString());
    }
}
