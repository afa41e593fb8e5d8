package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.persist.DurableState;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Issue #15's start-up figure, run on demand ({@code -Dgureum.restoreItems=1000000}): a data directory
 * holding a table of N items of about 1 KiB each (written straight into the journal, as DynamoDB records
 * them), then the time {@code Gureum.start} takes to read it back and rebuild the table before listening.
 */
@EnabledIfSystemProperty(named = "gureum.restoreItems", matches = "\\d+")
class RestoreTimeIT {
    @TempDir
    Path dataDir;

    @Test
    void startUpTimeWithManyItems() throws Exception {
        int n = Integer.getInteger("gureum.restoreItems");
        String tableId;
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).services("dynamodb").build());
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            tableId = ddb.createTable(b -> b.tableName("big").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))).tableDescription().tableId();
        }
        String padding = "x".repeat(1000);
        long t0 = System.nanoTime();
        // Written with compaction off: this bare journal has no services to capture the table from.
        System.setProperty("gureum.compactBytes", Long.toString(Long.MAX_VALUE));
        try (DurableState state = DurableState.open(dataDir)) {
            state.takeRestored();
            for (int i = 0; i < n; i++) {
                Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("item-" + i),
                        "n", AttributeValue.fromN(Integer.toString(i)), "data", AttributeValue.fromS(padding));
                state.put("dynamodb", "000000000000", "us-east-1", "item",
                        tableId + "/" + DynamoJson.item(Map.of("pk", item.get("pk"))), DynamoJson.item(item));
            }
            state.durableNow().join();
        }
        System.clearProperty("gureum.compactBytes");
        long written = System.nanoTime() - t0;
        long bytes;
        try (Stream<Path> files = Files.walk(dataDir.resolve("state"))) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.gc();
        long t1 = System.nanoTime();
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).services("dynamodb").build());
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            long started = System.nanoTime() - t1;
            System.gc();
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            assertEquals(n, ddb.describeTable(b -> b.tableName("big")).table().itemCount());
            System.out.printf("RESTORE items=%d stateBytes=%,d writeSeconds=%.1f startSeconds=%.1f heapAfterMiB=%d%n",
                    n, bytes, written / 1e9, started / 1e9, heap >> 20);
        }
        long t2 = System.nanoTime();
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).services("dynamodb").build())) {
            System.out.printf("RESTORE from the snapshot written at the first start: startSeconds=%.1f%n",
                    (System.nanoTime() - t2) / 1e9);
        }
    }
}
