package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.*;

/** Vector indexes on CreateTable/UpdateTable/DescribeTable, and SearchVectors over them, through the SDK. */
class VectorSearchIT extends DynamoDbTestSupport {

    static AttributeValue vec(double... xs) {
        List<AttributeValue> l = new ArrayList<>();
        for (double x : xs) {
            l.add(AttributeValue.fromN(Double.toString(x)));
        }
        return AttributeValue.fromL(l);
    }

    static List<AttributeValue> query(double... xs) {
        return vec(xs).l();
    }

    static software.amazon.awssdk.services.dynamodb.model.VectorIndex.Builder index(String name, String attribute, long dims, String distance) {
        return software.amazon.awssdk.services.dynamodb.model.VectorIndex.builder().indexName(name)
                .vectorAttribute(a -> a.attributeName(attribute)).dimensions(dims).distanceFunction(distance)
                .projection(p -> p.projectionType(ProjectionType.ALL));
    }

    /** An on-demand table keyed by pk (S) with the attribute definitions and vector indexes given. */
    static String vectorTable(List<AttributeDefinition> extra, software.amazon.awssdk.services.dynamodb.model.VectorIndex... indexes) {
        String name = unique("v");
        List<AttributeDefinition> defs = new ArrayList<>();
        defs.add(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build());
        defs.addAll(extra);
        CreateTableResponse r = ddb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(defs).keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .vectorIndexes(indexes));
        r.tableDescription().vectorIndexes().forEach(v -> assertEquals(IndexStatus.CREATING, v.indexStatus()));
        return name;
    }

    static void put(String table, String pk, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(more);
        item.put("pk", s(pk));
        ddb.putItem(b -> b.tableName(table).item(item));
    }

    static List<String> keys(SearchVectorsResponse r) {
        return r.searchResults().stream().map(i -> i.item().get("pk").s()).toList();
    }

    static SearchVectorsResponse search(String table, String index, int topK, List<AttributeValue> v,
            Consumer<SearchVectorsRequest.Builder> more) {
        return ddb.searchVectors(b -> {
            b.tableName(table).indexName(index).topK(topK).searchVector(v);
            more.accept(b);
        });
    }

    @Test
    void describeTableShowsTheVectorIndexActiveWithItsItems() {
        String t = vectorTable(List.of(AttributeDefinition.builder().attributeName("cat").attributeType(ScalarAttributeType.S).build()),
                index("emb-idx", "emb", 3, "COSINE")
                        .searchSchema(e -> e.attributeName("cat").searchSchemaElementType(SearchSchemaElementType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("title")).build());
        put(t, "a", Map.of("emb", vec(1, 0, 0), "cat", s("x")));
        put(t, "b", Map.of("emb", vec(0, 1, 0), "cat", s("x"), "title", s("B")));
        put(t, "c", Map.of("cat", s("x"))); // no vector: not in the index
        put(t, "d", Map.of("emb", vec(0, 0, 1))); // no vector index partition key: not in the index
        TableDescription d = ddb.describeTable(b -> b.tableName(t)).table();
        VectorIndexDescription v = d.vectorIndexes().get(0);
        assertEquals("emb-idx", v.indexName());
        assertEquals(IndexStatus.ACTIVE, v.indexStatus());
        assertEquals("emb", v.vectorAttribute().attributeName());
        assertEquals(3L, v.dimensions());
        assertEquals(VectorDistanceFunction.COSINE, v.distanceFunction());
        assertEquals(List.of(SearchSchemaElement.builder().attributeName("cat").searchSchemaElementType("HASH").build()),
                v.searchSchema());
        assertEquals(ProjectionType.INCLUDE, v.projection().projectionType());
        assertEquals(List.of("title"), v.projection().nonKeyAttributes());
        assertEquals(d.tableArn() + "/index/emb-idx", v.indexArn());
        assertEquals(2L, v.itemCount());
        assertTrue(v.indexSizeBytes() > 0);
        assertNull(v.backfilling());
        assertFalse(d.hasGlobalSecondaryIndexes());
    }

    @Test
    void cosineSearchReturnsTheNearestItemsFirstWithScores() {
        String t = vectorTable(List.of(), index("by-emb", "emb", 2, "COSINE").build());
        put(t, "same", Map.of("emb", vec(1, 0), "title", s("same direction")));
        put(t, "near", Map.of("emb", vec(1, 1)));
        put(t, "right", Map.of("emb", vec(0, 3)));
        put(t, "opposite", Map.of("emb", vec(-2, 0)));
        put(t, "none", Map.of("other", s("no vector")));
        SearchVectorsResponse r = search(t, "by-emb", 10, query(2, 0), b -> { });
        assertEquals(List.of("same", "near", "right", "opposite"), keys(r));
        assertEquals(0.0, r.searchResults().get(0).score(), 1e-6);
        assertEquals(1 - Math.sqrt(0.5), r.searchResults().get(1).score(), 1e-6);
        assertEquals(1.0, r.searchResults().get(2).score(), 1e-6);
        assertEquals(2.0, r.searchResults().get(3).score(), 1e-6);
        // ProjectionType ALL: the whole item, vector included.
        assertEquals(s("same direction"), r.searchResults().get(0).item().get("title"));
        assertEquals(vec(1, 0).l().size(), r.searchResults().get(0).item().get("emb").l().size());
        assertNull(r.consumedCapacity());

        SearchVectorsResponse top2 = search(t, "by-emb", 2, query(2, 0), b -> b.projectionExpression("pk")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(List.of("same", "near"), keys(top2));
        assertEquals(Map.of("pk", s("same")), top2.searchResults().get(0).item());
        assertTrue(top2.consumedCapacity().vectorSearchRequestBytes() > 0);
        assertNull(top2.consumedCapacity().vectorWriteRequestBytes());
    }

    @Test
    void euclideanIsSmallestFirstAndDotProductLargestFirst() {
        String t = vectorTable(List.of(), index("by-l2", "emb", 2, "EUCLIDEAN").build(), index("dot", "emb", 2, "DOT_PRODUCT").build());
        put(t, "a", Map.of("emb", vec(3, 4)));
        put(t, "b", Map.of("emb", vec(1, 1)));
        put(t, "c", Map.of("emb", vec(-1, 0)));
        SearchVectorsResponse l2 = search(t, "by-l2", 3, query(0, 0), b -> { });
        assertEquals(List.of("c", "b", "a"), keys(l2));
        assertEquals(5.0, l2.searchResults().get(2).score(), 1e-6);
        assertEquals(Math.sqrt(2), l2.searchResults().get(1).score(), 1e-6);
        SearchVectorsResponse dot = search(t, "dot", 3, query(1, 2), b -> { });
        assertEquals(List.of("a", "b", "c"), keys(dot));
        assertEquals(11.0, dot.searchResults().get(0).score(), 1e-6);
        assertEquals(-1.0, dot.searchResults().get(2).score(), 1e-6);
        // An item changed or deleted is searched as it is now.
        put(t, "c", Map.of("emb", vec(10, 10)));
        ddb.deleteItem(b -> b.tableName(t).key(key("a")));
        assertEquals(List.of("c", "b"), keys(search(t, "dot", 3, query(1, 2), b -> { })));
    }

    @Test
    void searchConditionExpressionPinsThePartitionKeyAndFiltersInline() {
        String t = vectorTable(List.of(AttributeDefinition.builder().attributeName("cat").attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName("yr").attributeType(ScalarAttributeType.N).build()),
                index("idx", "emb", 2, "EUCLIDEAN")
                        .searchSchema(e -> e.attributeName("cat").searchSchemaElementType(SearchSchemaElementType.HASH),
                                e -> e.attributeName("yr").searchSchemaElementType(SearchSchemaElementType.INLINE_FILTER))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build());
        put(t, "a", Map.of("emb", vec(0, 0), "cat", s("books"), "yr", n("2020"), "title", s("A")));
        put(t, "b", Map.of("emb", vec(1, 0), "cat", s("books"), "yr", n("2024")));
        put(t, "c", Map.of("emb", vec(0, 0), "cat", s("films"), "yr", n("2024")));
        SearchVectorsResponse books = search(t, "idx", 5, query(0, 0), b -> b.searchConditionExpression("cat = :c")
                .expressionAttributeValues(Map.of(":c", s("books"))));
        assertEquals(List.of("a", "b"), keys(books));
        // KEYS_ONLY: the table key and the search schema attributes.
        assertEquals(Map.of("pk", s("a"), "cat", s("books"), "yr", n("2020")), books.searchResults().get(0).item());
        SearchVectorsResponse recent = search(t, "idx", 5, query(0, 0), b -> b
                .searchConditionExpression("#c = :c AND (#y BETWEEN :lo AND :hi OR #y IN (:x))")
                .expressionAttributeNames(Map.of("#c", "cat", "#y", "yr"))
                .expressionAttributeValues(Map.of(":c", s("books"), ":lo", n("2021"), ":hi", n("2025"), ":x", n("1999"))));
        assertEquals(List.of("b"), keys(recent));

        assertValidation("SearchConditionExpression must be provided when SearchSchema has a HASH key",
                () -> search(t, "idx", 5, query(0, 0), b -> { }));
        assertValidation("Invalid comparator used in SearchConditionExpression",
                () -> search(t, "idx", 5, query(0, 0), b -> b.searchConditionExpression("cat = :c AND yr <> :y")
                        .expressionAttributeValues(Map.of(":c", s("books"), ":y", n("1")))));
        assertValidation("Invalid comparator used in SearchConditionExpression",
                () -> search(t, "idx", 5, query(0, 0), b -> b.searchConditionExpression("cat = :c AND begins_with(pk, :c)")
                        .expressionAttributeValues(Map.of(":c", s("books")))));
        AwsServiceException notInSchema = assertThrows(AwsServiceException.class, () -> search(t, "idx", 5, query(0, 0),
                b -> b.searchConditionExpression("cat = :c AND title = :c").expressionAttributeValues(Map.of(":c", s("x")))));
        assertEquals("ValidationException", notInSchema.awsErrorDetails().errorCode());
        AwsServiceException unpinned = assertThrows(AwsServiceException.class, () -> search(t, "idx", 5, query(0, 0),
                b -> b.searchConditionExpression("yr = :y").expressionAttributeValues(Map.of(":y", n("2020")))));
        assertEquals(400, unpinned.statusCode());
        assertEquals("ValidationException", unpinned.awsErrorDetails().errorCode());
    }

    @Test
    void searchVectorsValidatesItsRequest() {
        String t = vectorTable(List.of(), index("idx", "emb", 3, "COSINE").build());
        put(t, "a", Map.of("emb", vec(1, 2, 3)));
        assertValidation("Provided TopK value is out of valid range", () -> search(t, "idx", 0, query(1, 2, 3), b -> { }));
        assertValidation("Provided TopK value is out of valid range", () -> search(t, "idx", 101, query(1, 2, 3), b -> { }));
        assertEquals(1, search(t, "idx", 100, query(1, 2, 3), b -> { }).searchResults().size());
        assertValidation("The table does not have the specified index: nope", () -> search(t, "nope", 1, query(1, 2, 3), b -> { }));
        assertValidation("One or more parameter values were invalid: SearchVector has 2 dimensions but vector index idx has 3",
                () -> search(t, "idx", 1, query(1, 2), b -> { }));
        assertValidation("One or more parameter values were invalid: SearchVector elements must be Numbers (N)",
                () -> search(t, "idx", 1, List.of(s("1"), n("2"), n("3")), b -> { }));
        assertThrows(ResourceNotFoundException.class, () -> search(unique("missing"), "idx", 1, query(1, 2, 3), b -> { }));
        AwsServiceException unused = assertThrows(AwsServiceException.class, () -> search(t, "idx", 1, query(1, 2, 3),
                b -> b.projectionExpression("pk").expressionAttributeValues(Map.of(":v", s("x")))));
        assertEquals("ValidationException", unused.awsErrorDetails().errorCode());
        // The table ARN is accepted wherever TableName is.
        String arn = ddb.describeTable(b -> b.tableName(t)).table().tableArn();
        assertEquals(List.of("a"), keys(search(arn, "idx", 1, query(1, 2, 3), b -> { })));
    }

    @Test
    void writesWithAMisshapenVectorAreRefused() {
        String t = vectorTable(List.of(), index("idx", "emb", 3, "COSINE").build());
        assertValidation("One or more parameter values were invalid: Vector attribute emb has 2 dimensions but vector index"
                + " idx expects 3", () -> put(t, "a", Map.of("emb", vec(1, 2))));
        AwsServiceException notAList = assertThrows(AwsServiceException.class, () -> put(t, "a", Map.of("emb", s("1,2,3"))));
        assertEquals("ValidationException", notAList.awsErrorDetails().errorCode());
        AwsServiceException badElement = assertThrows(AwsServiceException.class, () -> put(t, "a",
                Map.of("emb", AttributeValue.fromL(List.of(n("1"), s("2"), n("3"))))));
        assertEquals("ValidationException", badElement.awsErrorDetails().errorCode());
        AwsServiceException update = assertThrows(AwsServiceException.class, () -> ddb.updateItem(b -> b.tableName(t)
                .key(key("a")).updateExpression("SET emb = :v").expressionAttributeValues(Map.of(":v", vec(1)))));
        assertEquals("ValidationException", update.awsErrorDetails().errorCode());
        assertFalse(ddb.getItem(b -> b.tableName(t).key(key("a"))).hasItem());
        put(t, "a", Map.of("emb", vec(1, 2, 3)));
        assertEquals(1L, ddb.describeTable(b -> b.tableName(t)).table().vectorIndexes().get(0).itemCount());
    }

    @Test
    void createTableValidatesVectorIndexes() {
        AttributeDefinition pk = AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build();
        Consumer<software.amazon.awssdk.services.dynamodb.model.VectorIndex> create = v -> ddb.createTable(b -> b
                .tableName(unique("bad")).billingMode(BillingMode.PAY_PER_REQUEST).attributeDefinitions(pk)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)).vectorIndexes(v));
        assertValidation("1 validation error detected: Value '0' at 'vectorIndexes.member.dimensions' failed to satisfy"
                + " constraint: Member must have value greater than or equal to 1",
                () -> create.accept(index("idx", "emb", 0, "COSINE").build()));
        assertValidation("1 validation error detected: Value '4097' at 'vectorIndexes.member.dimensions' failed to satisfy"
                + " constraint: Member must have value less than or equal to 4096",
                () -> create.accept(index("idx", "emb", 4097, "COSINE").build()));
        assertValidation("1 validation error detected: Value 'MANHATTAN' at 'vectorIndexes.member.distanceFunction' failed to"
                + " satisfy constraint: Member must satisfy enum value set: [COSINE, DOT_PRODUCT, EUCLIDEAN]",
                () -> create.accept(index("idx", "emb", 3, "MANHATTAN").build()));
        assertValidation("1 validation error detected: Value 'ab' at 'vectorIndexes.member.indexName' failed to satisfy"
                + " constraint: Member must have length greater than or equal to 3",
                () -> create.accept(index("ab", "emb", 3, "COSINE").build()));
        assertValidation("One element in SearchSchema is not defined in attribute definitions",
                () -> create.accept(index("idx", "emb", 3, "COSINE").searchSchema(e -> e.attributeName("cat")
                        .searchSchemaElementType(SearchSchemaElementType.HASH)).build()));
        AwsServiceException noProjection = assertThrows(AwsServiceException.class,
                () -> create.accept(index("idx", "emb", 3, "COSINE").projection((Projection) null).build()));
        assertEquals("ValidationException", noProjection.awsErrorDetails().errorCode());
        // Vector indexes need an on-demand table.
        AwsServiceException provisioned = assertThrows(AwsServiceException.class, () -> ddb.createTable(b -> b
                .tableName(unique("prov")).attributeDefinitions(pk).provisionedThroughput(p -> p.readCapacityUnits(1L)
                        .writeCapacityUnits(1L)).keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .vectorIndexes(index("idx", "emb", 3, "COSINE").build())));
        assertEquals(400, provisioned.statusCode());
        assertEquals("ValidationException", provisioned.awsErrorDetails().errorCode());
        // Indexes on one attribute agree on the number of dimensions; names are unique.
        AwsServiceException dims = assertThrows(AwsServiceException.class, () -> ddb.createTable(b -> b
                .tableName(unique("dims")).billingMode(BillingMode.PAY_PER_REQUEST).attributeDefinitions(pk)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .vectorIndexes(index("one", "emb", 3, "COSINE").build(), index("two", "emb", 4, "COSINE").build())));
        assertEquals("ValidationException", dims.awsErrorDetails().errorCode());
        assertValidation("One or more parameter values were invalid: Duplicate index name: one", () -> ddb.createTable(b -> b
                .tableName(unique("dup")).billingMode(BillingMode.PAY_PER_REQUEST).attributeDefinitions(pk)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .vectorIndexes(index("one", "emb", 3, "COSINE").build(), index("one", "emb", 3, "EUCLIDEAN").build())));
        // A refused CreateTable created nothing.
        assertTrue(ddb.listTables().tableNames().stream().noneMatch(n -> n.startsWith("dims") || n.startsWith("dup")));
    }

    @Test
    void updateTableAddsAndRemovesVectorIndexes() {
        String t = table(null, null);
        put(t, "a", Map.of("emb", vec(1, 0)));
        put(t, "b", Map.of("emb", vec(0, 1)));
        UpdateTableResponse added = ddb.updateTable(b -> b.tableName(t).vectorIndexUpdates(u -> u.create(c -> c
                .indexName("later").vectorAttribute(a -> a.attributeName("emb")).dimensions(2L)
                .distanceFunction(VectorDistanceFunction.EUCLIDEAN).projection(p -> p.projectionType(ProjectionType.ALL)))));
        VectorIndexDescription creating = added.tableDescription().vectorIndexes().get(0);
        assertEquals(IndexStatus.CREATING, creating.indexStatus());
        assertEquals(Boolean.TRUE, creating.backfilling());
        // Existing items are backfilled.
        assertEquals(List.of("a", "b"), keys(search(t, "later", 5, query(1, 0), b -> { })));
        VectorIndexDescription active = ddb.describeTable(b -> b.tableName(t)).table().vectorIndexes().get(0);
        assertEquals(IndexStatus.ACTIVE, active.indexStatus());
        assertNull(active.backfilling());
        assertEquals(2L, active.itemCount());

        assertThrows(ResourceNotFoundException.class, () -> ddb.updateTable(b -> b.tableName(t)
                .vectorIndexUpdates(u -> u.delete(d -> d.indexName("nope")))));
        AwsServiceException provisioned = assertThrows(AwsServiceException.class, () -> ddb.updateTable(b -> b.tableName(t)
                .billingMode(BillingMode.PROVISIONED).provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))));
        assertEquals("ValidationException", provisioned.awsErrorDetails().errorCode());

        UpdateTableResponse removed = ddb.updateTable(b -> b.tableName(t).vectorIndexUpdates(u -> u.delete(d -> d
                .indexName("later"))));
        assertEquals(IndexStatus.DELETING, removed.tableDescription().vectorIndexes().get(0).indexStatus());
        assertValidation("The table does not have the specified index: later", () -> search(t, "later", 5, query(1, 0), b -> { }));
        assertFalse(ddb.describeTable(b -> b.tableName(t)).table().hasVectorIndexes());
        // Without the index the vector attribute is an ordinary attribute again.
        put(t, "c", Map.of("emb", s("anything")));
    }

    @Test
    void writesReportVectorWriteCapacityAndQueryCannotReadAVectorIndex() {
        String t = vectorTable(List.of(), index("idx", "emb", 2, "COSINE").build());
        PutItemResponse put = ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "emb", vec(1, 2)))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        assertTrue(put.consumedCapacity().vectorIndexes().get("idx").vectorWriteRequestBytes() > 0);
        assertEquals(1.0, put.consumedCapacity().capacityUnits());
        // A write that leaves the index's entry as it was consumes no vector write capacity; TOTAL shows none.
        UpdateItemResponse same = ddb.updateItem(b -> b.tableName(t).key(key("a")).updateExpression("SET emb = :v")
                .expressionAttributeValues(Map.of(":v", vec(1, 2))).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        assertFalse(same.consumedCapacity().hasVectorIndexes());
        PutItemResponse total = ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("b"), "emb", vec(2, 1)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertFalse(total.consumedCapacity().hasVectorIndexes());
        DeleteItemResponse deleted = ddb.deleteItem(b -> b.tableName(t).key(key("b"))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        assertTrue(deleted.consumedCapacity().vectorIndexes().get("idx").vectorWriteRequestBytes() > 0);
        BatchWriteItemResponse batch = ddb.batchWriteItem(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                .requestItems(Map.of(t, List.of(WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("c"),
                        "emb", vec(1, 1)))).build(), WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("d"),
                                "other", s("no vector")))).build()))));
        double one = batch.consumedCapacity().get(0).vectorIndexes().get("idx").vectorWriteRequestBytes();
        assertTrue(one > 0);
        TransactWriteItemsResponse tx = ddb.transactWriteItems(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                .transactItems(i -> i.put(p -> p.tableName(t).item(Map.of("pk", s("e"), "emb", vec(1, 1)))),
                        i -> i.put(p -> p.tableName(t).item(Map.of("pk", s("f"), "emb", vec(1, 1))))));
        assertEquals(2 * one, tx.consumedCapacity().get(0).vectorIndexes().get("idx").vectorWriteRequestBytes(), 1e-9);
        // Vector indexes are read only through SearchVectors (VectorSearch.Requirements.html).
        assertValidation("The table does not have the specified index: idx", () -> ddb.query(b -> b.tableName(t)
                .indexName("idx").keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s("a")))));
        assertValidation("The table does not have the specified index: idx", () -> ddb.scan(b -> b.tableName(t).indexName("idx")));
        assertValidation("The table does not have the specified index: idx",
                () -> ddb.executeStatement(b -> b.statement("SELECT * FROM \"" + t + "\".\"idx\"")));
    }

    @Test
    void backupsKeepVectorIndexesAndRestoresTakeVectorIndexOverride() {
        String t = vectorTable(List.of(), index("idx", "emb", 2, "EUCLIDEAN").build());
        put(t, "a", Map.of("emb", vec(0, 0)));
        put(t, "b", Map.of("emb", vec(5, 5)));
        String backup = ddb.createBackup(b -> b.tableName(t).backupName("bak")).backupDetails().backupArn();
        String target = unique("restored");
        TableDescription restored = ddb.restoreTableFromBackup(b -> b.backupArn(backup).targetTableName(target)
                .vectorIndexOverride(index("again", "emb", 2, "DOT_PRODUCT").build())).tableDescription();
        assertEquals(IndexStatus.CREATING, restored.vectorIndexes().get(0).indexStatus());
        assertEquals(IndexStatus.ACTIVE, ddb.describeTable(b -> b.tableName(target)).table().vectorIndexes().get(0)
                .indexStatus());
        assertEquals(List.of("b", "a"), keys(search(target, "again", 5, query(1, 1), b -> { })));
        // The backup records the source's vector indexes; without an override the restored table gets them.
        VectorIndexInfo info = ddb.describeBackup(b -> b.backupArn(backup)).backupDescription().sourceTableFeatureDetails()
                .vectorIndexes().get(0);
        assertEquals("idx", info.indexName());
        assertEquals(VectorDistanceFunction.EUCLIDEAN, info.distanceFunction());
        String plain = unique("plain");
        ddb.restoreTableFromBackup(b -> b.backupArn(backup).targetTableName(plain));
        assertEquals(List.of("a", "b"), keys(search(plain, "idx", 5, query(1, 1), b -> { })));
        AwsServiceException provisioned = assertThrows(AwsServiceException.class, () -> ddb.restoreTableFromBackup(b -> b
                .backupArn(backup).targetTableName(unique("prov")).billingModeOverride(BillingMode.PROVISIONED)
                .provisionedThroughputOverride(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))));
        assertEquals("ValidationException", provisioned.awsErrorDetails().errorCode());
        assertValidation("1 validation error detected: Value '0' at 'vectorIndexes.member.dimensions' failed to satisfy"
                + " constraint: Member must have value greater than or equal to 1", () -> ddb.restoreTableFromBackup(b -> b
                        .backupArn(backup).targetTableName(unique("bad")).vectorIndexOverride(index("idx", "emb", 0, "COSINE").build())));
    }
}
