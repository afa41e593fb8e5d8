package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;

class TablesIT extends DynamoDbTestSupport {

    @Test
    void createDescribeListDelete() {
        String name = unique("tbl");
        CreateTableResponse created = ddb.createTable(b -> b.tableName(name)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))
                .tags(t -> t.key("env").value("test")));
        assertEquals(TableStatus.CREATING, created.tableDescription().tableStatus());
        assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/" + name, created.tableDescription().tableArn());
        TableDescription d = ddb.describeTable(b -> b.tableName(name)).table();
        assertEquals(TableStatus.ACTIVE, d.tableStatus());
        assertEquals(5L, d.provisionedThroughput().readCapacityUnits());
        assertEquals(0L, d.itemCount());
        ddb.waiter().waitUntilTableExists(b -> b.tableName(name));
        assertTrue(ddb.listTables().tableNames().contains(name));
        assertEquals("test", ddb.listTagsOfResource(b -> b.resourceArn(d.tableArn())).tags().get(0).value());
        assertEquals(TableStatus.DELETING, ddb.deleteTable(b -> b.tableName(name)).tableDescription().tableStatus());
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, () -> ddb.describeTable(b -> b.tableName(name)));
        assertEquals("Requested resource not found: Table: " + name + " not found", e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());
    }

    @Test
    void createErrors() {
        String name = table(null, null);
        ResourceInUseException inUse = assertThrows(ResourceInUseException.class, () -> ddb.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))));
        assertEquals("Table already exists: " + name, inUse.awsErrorDetails().errorMessage());
        assertValidation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be"
                + " specified when BillingMode is PROVISIONED", () -> ddb.createTable(b -> b.tableName(unique("x"))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))));
        assertValidation("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match"
                + " number of attributes defined in AttributeDefinitions", () -> ddb.createTable(b -> b.tableName(unique("x"))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("extra").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))));
        assertValidation("1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must"
                + " have length greater than or equal to 3", () -> ddb.describeTable(b -> b.tableName("ab")));
    }

    @Test
    void listTablesPaginates() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(table(null, null));
        }
        List<String> all = new ArrayList<>();
        ddb.listTablesPaginator(b -> b.limit(1)).tableNames().forEach(all::add);
        assertTrue(all.containsAll(mine));
        ListTablesResponse first = ddb.listTables(b -> b.limit(1));
        assertEquals(1, first.tableNames().size());
        assertNotNull(first.lastEvaluatedTableName());
    }

    @Test
    void updateTableThroughputStreamsAndDeletionProtection() {
        String name = table(null, null);
        TableDescription d = ddb.updateTable(b -> b.tableName(name).billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(10L).writeCapacityUnits(3L))
                .deletionProtectionEnabled(true)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription();
        assertEquals(TableStatus.UPDATING, d.tableStatus());
        assertNotNull(d.latestStreamArn());
        assertEquals(10L, ddb.describeTable(b -> b.tableName(name)).table().provisionedThroughput().readCapacityUnits());
        assertValidation("Resource cannot be deleted as it is currently protected against deletion. Disable deletion"
                + " protection first.", () -> ddb.deleteTable(b -> b.tableName(name)));
        ddb.updateTable(b -> b.tableName(name).deletionProtectionEnabled(false));
        ddb.deleteTable(b -> b.tableName(name));
    }

    @Test
    void tagsTtlLimitsAndEndpoints() {
        String name = table(null, null);
        String arn = ddb.describeTable(b -> b.tableName(name)).table().tableArn();
        ddb.tagResource(b -> b.resourceArn(arn).tags(t -> t.key("a").value("1"), t -> t.key("b").value("2")));
        ddb.untagResource(b -> b.resourceArn(arn).tagKeys("a"));
        assertEquals(List.of(Tag.builder().key("b").value("2").build()), ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags());
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> ddb.listTagsOfResource(b -> b.resourceArn(arn + "x")));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("Requested resource not found"));
        assertEquals(TimeToLiveStatus.DISABLED, ddb.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription().timeToLiveStatus());
        ddb.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t.enabled(true).attributeName("exp")));
        assertEquals("exp", ddb.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription().attributeName());
        assertValidation("TimeToLive is already enabled",
                () -> ddb.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t.enabled(true).attributeName("exp"))));
        assertEquals(40000L, ddb.describeLimits(b -> { }).tableMaxReadCapacityUnits());
        assertEquals("dynamodb.us-east-1.amazonaws.com", ddb.describeEndpoints(b -> { }).endpoints().get(0).address());
    }
}
