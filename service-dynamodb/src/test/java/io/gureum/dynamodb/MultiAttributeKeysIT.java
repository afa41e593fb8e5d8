package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;

/** Global secondary indexes with multi-attribute partition and sort keys. */
class MultiAttributeKeysIT extends DynamoDbTestSupport {

    private static String matches() {
        String t = unique("matches");
        ddb.createTable(b -> b.tableName(t).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("tourId").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("areaId").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("stageId").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("pts").attributeType(ScalarAttributeType.N))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .globalSecondaryIndexes(g -> g.indexName("byTournament").projection(p -> p.projectionType(ProjectionType.ALL))
                        .keySchema(k -> k.attributeName("tourId").keyType(KeyType.HASH),
                                k -> k.attributeName("areaId").keyType(KeyType.HASH),
                                k -> k.attributeName("stageId").keyType(KeyType.RANGE),
                                k -> k.attributeName("pts").keyType(KeyType.RANGE))));
        put(t, "m1", "W24", "NA", "FINAL", "90");
        put(t, "m2", "W24", "NA", "SEMI", "70");
        put(t, "m3", "W24", "NA", "SEMI", "80");
        put(t, "m4", "W24", "EU", "SEMI", "60");
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("m5"), "tourId", s("W24"), "areaId", s("NA"))));
        return t;
    }

    private static void put(String t, String pk, String tournament, String region, String round, String score) {
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s(pk), "tourId", s(tournament), "areaId", s(region),
                "stageId", s(round), "pts", n(score))));
    }

    private static List<String> query(String t, String condition, Map<String, AttributeValue> values) {
        return ddb.query(b -> b.tableName(t).indexName("byTournament").keyConditionExpression(condition)
                .expressionAttributeValues(values)).items().stream().map(i -> i.get("pk").s()).toList();
    }

    @Test
    void queriesNeedEveryPartitionAttributeAndSortAttributesLeftToRight() {
        String t = matches();
        List<KeySchemaElement> schema = ddb.describeTable(b -> b.tableName(t)).table().globalSecondaryIndexes().get(0)
                .keySchema();
        assertEquals(List.of("tourId", "areaId", "stageId", "pts"), schema.stream()
                .map(KeySchemaElement::attributeName).toList());
        assertEquals(List.of(KeyType.HASH, KeyType.HASH, KeyType.RANGE, KeyType.RANGE), schema.stream()
                .map(KeySchemaElement::keyType).toList());
        // Sorted by round, then score; m5 lacks the sort attributes, so it is not in the index.
        assertEquals(List.of("m1", "m2", "m3"), query(t, "tourId = :t AND areaId = :r",
                Map.of(":t", s("W24"), ":r", s("NA"))));
        assertEquals(List.of("m3"), query(t, "tourId = :t AND areaId = :r AND stageId = :x AND pts > :n",
                Map.of(":t", s("W24"), ":r", s("NA"), ":x", s("SEMI"), ":n", n("75"))));
        assertEquals(List.of("m2", "m3"), query(t, "tourId = :t AND areaId = :r AND begins_with(stageId, :x)",
                Map.of(":t", s("W24"), ":r", s("NA"), ":x", s("S"))));
        assertValidation("Query condition missed key schema element: areaId",
                () -> query(t, "tourId = :t", Map.of(":t", s("W24"))));
        assertValidation("Query key condition not supported: sort key attributes must be given from left to right, with"
                + " equality on every one but the last", () -> query(t, "tourId = :t AND areaId = :r AND pts > :n",
                        Map.of(":t", s("W24"), ":r", s("NA"), ":n", n("1"))));
        QueryResponse page = ddb.query(b -> b.tableName(t).indexName("byTournament").limit(2)
                .keyConditionExpression("tourId = :t AND areaId = :r")
                .expressionAttributeValues(Map.of(":t", s("W24"), ":r", s("NA"))));
        assertNotNull(page.lastEvaluatedKey().get("pts"));
        assertEquals(List.of("m3"), ddb.query(b -> b.tableName(t).indexName("byTournament")
                .exclusiveStartKey(page.lastEvaluatedKey()).keyConditionExpression("tourId = :t AND areaId = :r")
                .expressionAttributeValues(Map.of(":t", s("W24"), ":r", s("NA")))).items().stream()
                .map(i -> i.get("pk").s()).toList());
    }

    @Test
    void atMostFourAttributesEachAndHashBeforeRange() {
        assertValidation("Invalid KeySchema: A global secondary index key can have at most four partition key attributes"
                + " and four sort key attributes", () -> ddb.createTable(b -> b.tableName(unique("bad"))
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("a").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("b").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("c").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("d").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("e").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .globalSecondaryIndexes(g -> g.indexName("tooMany").projection(p -> p.projectionType(ProjectionType.ALL))
                                .keySchema(k -> k.attributeName("a").keyType(KeyType.HASH),
                                        k -> k.attributeName("b").keyType(KeyType.HASH),
                                        k -> k.attributeName("c").keyType(KeyType.HASH),
                                        k -> k.attributeName("d").keyType(KeyType.HASH),
                                        k -> k.attributeName("e").keyType(KeyType.HASH)))));
        assertValidation("Invalid KeySchema: all HASH key elements must come before the RANGE key elements",
                () -> ddb.createTable(b -> b.tableName(unique("bad")).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("a").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("b").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("c").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .globalSecondaryIndexes(g -> g.indexName("mixed").projection(p -> p.projectionType(ProjectionType.ALL))
                                .keySchema(k -> k.attributeName("a").keyType(KeyType.HASH),
                                        k -> k.attributeName("b").keyType(KeyType.RANGE),
                                        k -> k.attributeName("c").keyType(KeyType.HASH)))));
    }
}
