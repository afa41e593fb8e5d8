package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;

class GlobalTablesIT extends DynamoDbTestSupport {

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean());
    }

    @Test
    void replicasInOtherRegionsReceiveChangesAsynchronously() throws Exception {
        String t = unique("global");
        ddb.createTable(b -> b.tableName(t).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("before"))));
        TableDescription d = ddb.updateTable(b -> b.tableName(t).replicaUpdates(r -> r.create(c -> c.regionName("eu-west-1"))))
                .tableDescription();
        assertEquals("2019.11.21", d.globalTableVersion());
        assertEquals("eu-west-1", d.replicas().get(0).regionName());
        try (DynamoDbClient eu = AwsClients.client(DynamoDbClient.builder(), gureum.endpoint(), "test", "eu-west-1")) {
            assertTrue(eu.getItem(b -> b.tableName(t).key(key("before"))).hasItem());
            ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("from-us"), "v", n("1"))));
            eventually(() -> eu.getItem(b -> b.tableName(t).key(key("from-us"))).hasItem());
            eu.putItem(b -> b.tableName(t).item(Map.of("pk", s("from-eu"))));
            eventually(() -> ddb.getItem(b -> b.tableName(t).key(key("from-eu"))).hasItem());
            eu.deleteItem(b -> b.tableName(t).key(key("before")));
            eventually(() -> !ddb.getItem(b -> b.tableName(t).key(key("before"))).hasItem());
            assertEquals("us-east-1", eu.describeTable(b -> b.tableName(t)).table().replicas().get(0).regionName());
        }
        assertValidation("Table must have DynamoDB Streams enabled with StreamViewType set to NEW_AND_OLD_IMAGES in order to"
                + " be used as a replica", () -> ddb.updateTable(b -> b.tableName(ddb.updateTable(u -> u.tableName(table(null, null))
                .streamSpecification(x -> x.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)))
                .tableDescription().tableName()).replicaUpdates(r -> r.create(c -> c.regionName("ap-northeast-2")))));
        assertFalse(ddb.listTables().tableNames().isEmpty());
    }
}
