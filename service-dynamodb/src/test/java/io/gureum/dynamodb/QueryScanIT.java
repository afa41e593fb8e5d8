package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;

class QueryScanIT extends DynamoDbTestSupport {

    private static String numbers(int count) {
        String t = table("sk", ScalarAttributeType.N);
        for (int i = 0; i < count; i++) {
            int k = i;
            ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("p"), "sk", n(Integer.toString(k)), "odd", n(Integer.toString(k % 2)))));
        }
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("other"), "sk", n("1"))));
        return t;
    }

    private static List<String> sks(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("sk").n()).toList();
    }

    @Test
    void keyConditionsOnTheSortKey() {
        String t = numbers(12);
        Map<String, AttributeValue> v = Map.of(":p", s("p"), ":a", n("3"), ":b", n("5"));
        assertEquals(List.of("3", "4", "5"), sks(ddb.query(b -> b.tableName(t)
                .keyConditionExpression("pk = :p AND sk BETWEEN :a AND :b").expressionAttributeValues(v)).items()));
        assertEquals(List.of("0", "1", "2"), sks(ddb.query(b -> b.tableName(t).keyConditionExpression("pk = :p AND sk < :a")
                .expressionAttributeValues(Map.of(":p", s("p"), ":a", n("3")))).items()));
        assertEquals(List.of("11", "10"), sks(ddb.query(b -> b.tableName(t).keyConditionExpression("pk = :p AND sk > :a")
                .expressionAttributeValues(Map.of(":p", s("p"), ":a", n("9"))).scanIndexForward(false)).items()));
        assertEquals(List.of("5"), sks(ddb.query(b -> b.tableName(t).keyConditionExpression("pk = :p AND sk = :a")
                .expressionAttributeValues(Map.of(":p", s("p"), ":a", n("5")))).items()));
        assertEquals(12, ddb.query(b -> b.tableName(t).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p")))).count());
    }

    @Test
    void beginsWithOnStringSortKeys() {
        String t = table("sk", ScalarAttributeType.S);
        for (String sk : List.of("a", "ab", "abc", "abd", "b", "ORDER#1", "ORDER#2", "ORDER$")) {
            ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("p"), "sk", s(sk))));
        }
        QueryResponse r = ddb.query(b -> b.tableName(t).keyConditionExpression("pk = :p AND begins_with(sk, :x)")
                .expressionAttributeValues(Map.of(":p", s("p"), ":x", s("ab"))));
        assertEquals(List.of("ab", "abc", "abd"), r.items().stream().map(i -> i.get("sk").s()).toList());
        QueryResponse desc = ddb.query(b -> b.tableName(t).keyConditionExpression("pk = :p AND begins_with(sk, :x)")
                .expressionAttributeValues(Map.of(":p", s("p"), ":x", s("ORDER#"))).scanIndexForward(false));
        assertEquals(List.of("ORDER#2", "ORDER#1"), desc.items().stream().map(i -> i.get("sk").s()).toList());
    }

    @Test
    void limitPaginationFilterAndCount() {
        String t = numbers(10);
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> s0 = start;
            QueryResponse r = ddb.query(b -> b.tableName(t).keyConditionExpression("pk = :p").filterExpression("odd = :one")
                    .expressionAttributeValues(Map.of(":p", s("p"), ":one", n("1"))).limit(3).exclusiveStartKey(s0));
            assertTrue(r.scannedCount() <= 3);
            seen.addAll(sks(r.items()));
            start = r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);
        assertEquals(List.of("1", "3", "5", "7", "9"), seen);
        assertEquals(4, pages);
        QueryResponse count = ddb.query(b -> b.tableName(t).keyConditionExpression("pk = :p").select(Select.COUNT)
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertEquals(10, count.count());
        assertFalse(count.hasItems());
        int total = 0;
        for (QueryResponse page : ddb.queryPaginator(b -> b.tableName(t).keyConditionExpression("pk = :p").limit(4)
                .expressionAttributeValues(Map.of(":p", s("p"))))) {
            total += page.count();
        }
        assertEquals(10, total);
        QueryResponse exact = ddb.query(b -> b.tableName(t).keyConditionExpression("pk = :p").limit(10)
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertNotNull(exact.lastEvaluatedKey());
        assertTrue(exact.hasLastEvaluatedKey());
        QueryResponse after = ddb.query(b -> b.tableName(t).keyConditionExpression("pk = :p").limit(10)
                .exclusiveStartKey(exact.lastEvaluatedKey()).expressionAttributeValues(Map.of(":p", s("p"))));
        assertEquals(0, after.count());
        assertFalse(after.hasLastEvaluatedKey());
    }

    @Test
    void pagesStopAtOneMegabyte() {
        String t = table("sk", ScalarAttributeType.N);
        String big = "x".repeat(100 * 1024);
        for (int i = 0; i < 15; i++) {
            int k = i;
            ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("p"), "sk", n(Integer.toString(k)), "data", s(big))));
        }
        QueryResponse r = ddb.query(b -> b.tableName(t).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertEquals(11, r.count());
        assertNotNull(r.lastEvaluatedKey());
        ScanResponse sc = ddb.scan(b -> b.tableName(t).select(Select.COUNT));
        assertEquals(11, sc.count());
    }

    @Test
    void queryErrors() {
        String t = numbers(1);
        assertValidation("Query condition missed key schema element: pk", () -> ddb.query(b -> b.tableName(t)
                .keyConditionExpression("sk = :a").expressionAttributeValues(Map.of(":a", n("1")))));
        assertValidation("Query key condition not supported", () -> ddb.query(b -> b.tableName(t)
                .keyConditionExpression("pk > :a").expressionAttributeValues(Map.of(":a", s("1")))));
        assertValidation("Invalid operator used in KeyConditionExpression: OR", () -> ddb.query(b -> b.tableName(t)
                .keyConditionExpression("pk = :a OR sk = :b").expressionAttributeValues(Map.of(":a", s("1"), ":b", n("1")))));
        assertValidation("One or more parameter values were invalid: Condition parameter type does not match schema type",
                () -> ddb.query(b -> b.tableName(t).keyConditionExpression("pk = :a").expressionAttributeValues(Map.of(":a", n("1")))));
        assertValidation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.",
                () -> ddb.query(b -> b.tableName(t)));
        assertValidation("The table does not have the specified index: nope", () -> ddb.query(b -> b.tableName(t).indexName("nope")
                .keyConditionExpression("pk = :a").expressionAttributeValues(Map.of(":a", s("1")))));
    }

    @Test
    void legacyKeyConditionsAndQueryFilter() {
        String t = numbers(6);
        QueryResponse r = ddb.query(b -> b.tableName(t)
                .keyConditions(Map.of("pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(s("p")).build(),
                        "sk", Condition.builder().comparisonOperator(ComparisonOperator.GE).attributeValueList(n("2")).build()))
                .queryFilter(Map.of("odd", Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(n("0")).build())));
        assertEquals(List.of("2", "4"), sks(r.items()));
    }

    @Test
    void globalAndLocalSecondaryIndexes() {
        String t = unique("idx");
        ddb.createTable(b -> b.tableName(t).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("status").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("created").attributeType(ScalarAttributeType.N))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .globalSecondaryIndexes(g -> g.indexName("byStatus")
                        .keySchema(k -> k.attributeName("status").keyType(KeyType.HASH), k -> k.attributeName("created").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))
                .localSecondaryIndexes(l -> l.indexName("byCreated")
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("created").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("note"))));
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("u1"), "sk", s("o1"), "status", s("open"), "created", n("3"), "note", s("n"), "x", s("y"))));
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("u1"), "sk", s("o2"), "status", s("open"), "created", n("1"))));
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("u2"), "sk", s("o3"), "created", n("2"))));
        QueryResponse open = ddb.query(b -> b.tableName(t).indexName("byStatus").keyConditionExpression("#s = :o")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":o", s("open"))));
        assertEquals(List.of("o2", "o1"), open.items().stream().map(i -> i.get("sk").s()).toList());
        assertEquals(Set.of("pk", "sk", "status", "created"), open.items().get(1).keySet());
        assertNull(open.lastEvaluatedKey().isEmpty() ? null : open.lastEvaluatedKey());
        // sparse: u2's item has no status, so the GSI holds two items
        assertEquals(2, ddb.scan(b -> b.tableName(t).indexName("byStatus")).count());
        QueryResponse lsi = ddb.query(b -> b.tableName(t).indexName("byCreated").keyConditionExpression("pk = :u AND created > :z")
                .expressionAttributeValues(Map.of(":u", s("u1"), ":z", n("0"))));
        assertEquals(List.of("o2", "o1"), lsi.items().stream().map(i -> i.get("sk").s()).toList());
        assertTrue(lsi.items().get(1).containsKey("note"));
        assertFalse(lsi.items().get(1).containsKey("x"));
        // the index follows updates and deletes
        ddb.updateItem(b -> b.tableName(t).key(Map.of("pk", s("u1"), "sk", s("o1"))).updateExpression("SET #s = :c")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":c", s("closed"))));
        ddb.deleteItem(b -> b.tableName(t).key(Map.of("pk", s("u1"), "sk", s("o2"))));
        assertEquals(0, ddb.query(b -> b.tableName(t).indexName("byStatus").keyConditionExpression("#s = :o")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":o", s("open")))).count());
        assertValidation("Consistent reads are not supported on global secondary indexes", () -> ddb.query(b -> b.tableName(t)
                .indexName("byStatus").consistentRead(true).keyConditionExpression("#s = :o")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":o", s("open")))));
        assertValidation("One or more parameter values were invalid: Type mismatch for Index Key status Expected: S Actual: N IndexName: byStatus",
                () -> ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("u3"), "sk", s("o"), "status", n("1")))));
        TableDescription d = ddb.describeTable(b -> b.tableName(t)).table();
        assertEquals(1L, d.globalSecondaryIndexes().get(0).itemCount());
        assertEquals(IndexStatus.ACTIVE, d.globalSecondaryIndexes().get(0).indexStatus());
    }

    @Test
    void gsiAddedByUpdateTableIsBackfilled() {
        String t = table(null, null);
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "g", s("x"))));
        ddb.updateTable(b -> b.tableName(t).attributeDefinitions(a -> a.attributeName("g").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byG").keySchema(k -> k.attributeName("g").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL)))));
        assertEquals(1, ddb.query(b -> b.tableName(t).indexName("byG").keyConditionExpression("g = :x")
                .expressionAttributeValues(Map.of(":x", s("x")))).count());
    }

    @Test
    void scanFilterPaginationAndParallelSegments() {
        String t = table(null, null);
        for (int i = 0; i < 40; i++) {
            int k = i;
            ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("k" + k), "n", n(Integer.toString(k)))));
        }
        Set<String> all = new HashSet<>();
        for (int seg = 0; seg < 4; seg++) {
            int sgm = seg;
            ddb.scanPaginator(b -> b.tableName(t).segment(sgm).totalSegments(4).limit(7)).items()
                    .forEach(i -> assertTrue(all.add(i.get("pk").s())));
        }
        assertEquals(40, all.size());
        assertEquals(10, ddb.scan(b -> b.tableName(t).filterExpression("n < :ten").expressionAttributeValues(Map.of(":ten", n("10")))).count());
        assertValidation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 4 is not"
                + " less than TotalSegments: 4", () -> ddb.scan(b -> b.tableName(t).segment(4).totalSegments(4)));
    }
}
