package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;

/** Global tables version 2017.11.29 and the global table settings operations. */
class LegacyGlobalTablesIT extends DynamoDbTestSupport {

    private static void streamedTable(DynamoDbClient client, String name) {
        client.createTable(b -> b.tableName(name).billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    @Test
    void createDescribeListUpdateAndReplicate() throws Exception {
        String name = unique("legacy");
        try (DynamoDbClient eu = AwsClients.client(DynamoDbClient.builder(), gureum.endpoint(), "test", "eu-west-2")) {
            streamedTable(ddb, name);
            TableNotFoundException missing = assertThrows(TableNotFoundException.class,
                    () -> ddb.createGlobalTable(b -> b.globalTableName(name).replicationGroup(r -> r.regionName("us-east-1"),
                            r -> r.regionName("eu-west-2"))));
            assertEquals(400, missing.statusCode());
            streamedTable(eu, name);
            GlobalTableDescription g = ddb.createGlobalTable(b -> b.globalTableName(name)
                    .replicationGroup(r -> r.regionName("us-east-1"), r -> r.regionName("eu-west-2"))).globalTableDescription();
            assertEquals(GlobalTableStatus.ACTIVE, g.globalTableStatus());
            assertTrue(g.globalTableArn().endsWith(":global-table/" + name));
            assertThrows(GlobalTableAlreadyExistsException.class, () -> ddb.createGlobalTable(b -> b.globalTableName(name)
                    .replicationGroup(r -> r.regionName("us-east-1"))));
            assertEquals(2, ddb.describeGlobalTable(b -> b.globalTableName(name)).globalTableDescription()
                    .replicationGroup().size());
            assertTrue(ddb.listGlobalTables(b -> b.regionName("eu-west-2")).globalTables().stream()
                    .anyMatch(x -> x.globalTableName().equals(name)));
            assertNull(ddb.describeTable(b -> b.tableName(name)).table().globalTableVersion());

            ddb.putItem(b -> b.tableName(name).item(Map.of("pk", s("x"))));
            for (int i = 0; i < 100 && !eu.getItem(b -> b.tableName(name).key(key("x"))).hasItem(); i++) {
                Thread.sleep(20);
            }
            assertTrue(eu.getItem(b -> b.tableName(name).key(key("x"))).hasItem());

            List<ReplicaSettingsDescription> settings = ddb.updateGlobalTableSettings(b -> b.globalTableName(name)
                    .globalTableProvisionedWriteCapacityUnits(9L)
                    .replicaSettingsUpdate(u -> u.regionName("eu-west-2").replicaProvisionedReadCapacityUnits(7L)))
                    .replicaSettings();
            ReplicaSettingsDescription euSettings = settings.stream().filter(x -> x.regionName().equals("eu-west-2"))
                    .findFirst().orElseThrow();
            assertEquals(7L, euSettings.replicaProvisionedReadCapacityUnits());
            assertEquals(9L, euSettings.replicaProvisionedWriteCapacityUnits());
            assertEquals(2, ddb.describeGlobalTableSettings(b -> b.globalTableName(name)).replicaSettings().size());
            assertEquals(9L, eu.describeTable(b -> b.tableName(name)).table().provisionedThroughput().writeCapacityUnits());
            assertEquals(2, ddb.describeTableReplicaAutoScaling(b -> b.tableName(name)).tableAutoScalingDescription()
                    .replicas().size());

            ddb.updateGlobalTable(b -> b.globalTableName(name).replicaUpdates(u -> u.delete(d -> d.regionName("eu-west-2"))));
            assertEquals(List.of("us-east-1"), ddb.describeGlobalTable(b -> b.globalTableName(name)).globalTableDescription()
                    .replicationGroup().stream().map(ReplicaDescription::regionName).toList());
            assertThrows(ReplicaNotFoundException.class, () -> ddb.updateGlobalTable(b -> b.globalTableName(name)
                    .replicaUpdates(u -> u.delete(d -> d.regionName("eu-west-2")))));
        }
        GlobalTableNotFoundException nf = assertThrows(GlobalTableNotFoundException.class,
                () -> ddb.describeGlobalTable(b -> b.globalTableName("no-such-global")));
        assertEquals(400, nf.statusCode());
        assertThrows(GlobalTableNotFoundException.class, () -> ddb.describeGlobalTableSettings(b -> b.globalTableName(
                table(null, null))));
    }
}
