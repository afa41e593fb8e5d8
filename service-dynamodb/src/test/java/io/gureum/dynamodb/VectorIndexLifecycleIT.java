package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;

/** A vector index's CREATING → ACTIVE and DELETING transitions on the core clock, and its survival of a restart. */
class VectorIndexLifecycleIT {
    @TempDir
    Path dataDir;

    private static void advance(Gureum g, int seconds) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(g.endpoint() + "/_gureum/clock"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"advanceSeconds\": " + seconds + "}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
    }

    private static void createTable(DynamoDbClient ddb, String name) {
        ddb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("cat").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .vectorIndexes(v -> v.indexName("emb-idx").vectorAttribute(a -> a.attributeName("emb")).dimensions(2L)
                        .distanceFunction(VectorDistanceFunction.COSINE)
                        .searchSchema(e -> e.attributeName("cat").searchSchemaElementType(SearchSchemaElementType.INLINE_FILTER))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
    }

    private static void put(DynamoDbClient ddb, String table, String pk, double x, double y) {
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk), "cat", AttributeValue.fromS("c"),
                "emb", AttributeValue.fromL(List.of(AttributeValue.fromN(Double.toString(x)),
                        AttributeValue.fromN(Double.toString(y)))))));
    }

    private static List<String> search(DynamoDbClient ddb, String table, String index) {
        return ddb.searchVectors(b -> b.tableName(table).indexName(index).topK(5)
                .searchVector(AttributeValue.fromN("1"), AttributeValue.fromN("0"))).searchResults().stream()
                .map(i -> i.item().get("pk").s()).toList();
    }

    @Test
    void aNewVectorIndexCannotBeSearchedUntilItIsActive() throws Exception {
        System.setProperty("gureum.dynamodb.statusDelaySeconds", "30");
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).build());
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            createTable(ddb, "slow");
            assertEquals(IndexStatus.CREATING, ddb.describeTable(b -> b.tableName("slow")).table().vectorIndexes().get(0)
                    .indexStatus());
            advance(g, 31);
            put(ddb, "slow", "a", 1, 0);
            assertEquals(List.of("a"), search(ddb, "slow", "emb-idx"));

            ddb.updateTable(b -> b.tableName("slow").vectorIndexUpdates(u -> u.create(c -> c.indexName("second")
                    .vectorAttribute(a -> a.attributeName("emb")).dimensions(2L).distanceFunction("EUCLIDEAN")
                    .projection(p -> p.projectionType(ProjectionType.ALL)))));
            VectorIndexDescription backfilling = ddb.describeTable(b -> b.tableName("slow")).table().vectorIndexes().get(1);
            assertEquals(IndexStatus.CREATING, backfilling.indexStatus());
            assertEquals(Boolean.TRUE, backfilling.backfilling());
            AwsServiceException e = assertThrows(AwsServiceException.class, () -> search(ddb, "slow", "second"));
            assertEquals(400, e.statusCode());
            assertEquals("ValidationException", e.awsErrorDetails().errorCode());
            assertEquals("Cannot search backfilling vector index: second", e.awsErrorDetails().errorMessage());
            // An index still being created cannot be deleted.
            assertThrows(ResourceInUseException.class, () -> ddb.updateTable(b -> b.tableName("slow")
                    .vectorIndexUpdates(u -> u.delete(d -> d.indexName("second")))));
            advance(g, 31);
            assertEquals(List.of("a"), search(ddb, "slow", "second"));

            ddb.updateTable(b -> b.tableName("slow").vectorIndexUpdates(u -> u.delete(d -> d.indexName("emb-idx"))));
            assertEquals(IndexStatus.DELETING, ddb.describeTable(b -> b.tableName("slow")).table().vectorIndexes().get(0)
                    .indexStatus());
            AwsServiceException gone = assertThrows(AwsServiceException.class, () -> search(ddb, "slow", "emb-idx"));
            assertEquals("The table does not have the specified index: emb-idx", gone.awsErrorDetails().errorMessage());
            advance(g, 31);
            List<VectorIndexDescription> left = ddb.describeTable(b -> b.tableName("slow")).table().vectorIndexes();
            assertEquals(List.of("second"), left.stream().map(VectorIndexDescription::indexName).toList());
        } finally {
            System.clearProperty("gureum.dynamodb.statusDelaySeconds");
        }
    }

    @Test
    void vectorIndexesSurviveARestart() {
        TableDescription before;
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            createTable(ddb, "kept");
            put(ddb, "kept", "near", 1, 0.1);
            put(ddb, "kept", "far", -1, 0);
            ddb.updateTable(b -> b.tableName("kept").vectorIndexUpdates(u -> u.create(c -> c.indexName("added")
                    .vectorAttribute(a -> a.attributeName("emb")).dimensions(2L).distanceFunction("DOT_PRODUCT")
                    .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("cat")))));
            before = ddb.describeTable(b -> b.tableName("kept")).table();
            assertEquals(List.of("near", "far"), search(ddb, "kept", "emb-idx"));
        }
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            TableDescription after = ddb.describeTable(b -> b.tableName("kept")).table();
            assertEquals(before.vectorIndexes(), after.vectorIndexes());
            assertEquals(List.of("near", "far"), search(ddb, "kept", "emb-idx"));
            assertEquals(List.of("near", "far"), search(ddb, "kept", "added"));
            // The refusal of misshapen vectors is back too.
            assertThrows(AwsServiceException.class, () -> ddb.putItem(b -> b.tableName("kept").item(Map.of("pk",
                    AttributeValue.fromS("bad"), "emb", AttributeValue.fromL(List.of(AttributeValue.fromN("1")))))));
            ddb.updateTable(b -> b.tableName("kept").vectorIndexUpdates(u -> u.delete(d -> d.indexName("added"))));
        }
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            List<VectorIndexDescription> left = ddb.describeTable(b -> b.tableName("kept")).table().vectorIndexes();
            assertEquals(List.of("emb-idx"), left.stream().map(VectorIndexDescription::indexName).toList());
            assertEquals("cat", left.get(0).searchSchema().get(0).attributeName());
        }
    }
}
