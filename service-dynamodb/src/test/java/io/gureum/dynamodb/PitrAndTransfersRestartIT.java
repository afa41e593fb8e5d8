package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.testing.Snapshots;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.ExportDescription;
import software.amazon.awssdk.services.dynamodb.model.ExportStatus;
import software.amazon.awssdk.services.dynamodb.model.ImportStatus;
import software.amazon.awssdk.services.dynamodb.model.ImportTableDescription;
import software.amazon.awssdk.services.dynamodb.model.InputFormat;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/** Point-in-time recovery's history, exports and imports after a restart on the same --data-dir. */
class PitrAndTransfersRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static Map<String, AttributeValue> item(String id, String v) {
        return Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromS(v));
    }

    private static void table(DynamoDbClient ddb, String name) {
        ddb.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(d -> d.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
    }

    private static <T> T await(Supplier<T> poll, java.util.function.Predicate<T> done) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            T v = poll.get();
            if (done.test(v)) {
                return v;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never finished");
    }

    /** The table's items as restored to {@code at}, by id → v. */
    private static Map<String, String> restoredAt(Gureum g, DynamoDbClient ddb, String source, String target, Instant at) {
        ddb.restoreTableToPointInTime(b -> b.sourceTableName(source).targetTableName(target).restoreDateTime(at));
        g.context().clock().advance(Duration.ofMinutes(5));
        Map<String, String> out = new java.util.TreeMap<>();
        ddb.scan(b -> b.tableName(target)).items().forEach(i -> out.put(i.get("id").s(), i.get("v").s()));
        return out;
    }

    @Test
    void pitrHistoryBeforeARestartCanStillBeRestored() {
        Instant earliest;
        Instant first;
        Instant second;
        try (Gureum g = start(); DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            table(ddb, "orders");
            ddb.putItem(b -> b.tableName("orders").item(item("a", "before-pitr")));
            earliest = ddb.updateContinuousBackups(b -> b.tableName("orders").pointInTimeRecoverySpecification(
                    p -> p.pointInTimeRecoveryEnabled(true))).continuousBackupsDescription()
                    .pointInTimeRecoveryDescription().earliestRestorableDateTime();
            g.context().clock().advance(Duration.ofMinutes(1));
            ddb.putItem(b -> b.tableName("orders").item(item("a", "one")));
            ddb.putItem(b -> b.tableName("orders").item(item("b", "one")));
            g.context().clock().advance(Duration.ofMinutes(1));
            first = g.context().clock().now();
            g.context().clock().advance(Duration.ofMinutes(1));
            ddb.putItem(b -> b.tableName("orders").item(item("a", "two")));
            ddb.deleteItem(b -> b.tableName("orders").key(Map.of("id", AttributeValue.fromS("b"))));
            g.context().clock().advance(Duration.ofMinutes(1));
            second = g.context().clock().now();
            g.context().clock().advance(Duration.ofMinutes(1));
            ddb.putItem(b -> b.tableName("orders").item(item("c", "three")));
        }
        try (Gureum g = start(); DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            ContinuousBackupsDescription d = ddb.describeContinuousBackups(b -> b.tableName("orders"))
                    .continuousBackupsDescription();
            assertEquals(earliest, d.pointInTimeRecoveryDescription().earliestRestorableDateTime(),
                    "the window still starts when PITR was enabled");
            assertEquals(Map.of("a", "before-pitr"), restoredAt(g, ddb, "orders", "at-start", earliest));
            assertEquals(Map.of("a", "one", "b", "one"), restoredAt(g, ddb, "orders", "at-first", first));
            assertEquals(Map.of("a", "two"), restoredAt(g, ddb, "orders", "at-second", second));
        }
    }

    @Test
    void pitrHistorySurvivesASnapshotAndChangesOlderThanTheWindowFoldIntoIt() throws Exception {
        System.setProperty("gureum.compactBytes", "8192");
        Instant beforeFiller;
        try (Gureum g = start(); DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            table(ddb, "events");
            ddb.updateContinuousBackups(b -> b.tableName("events").pointInTimeRecoverySpecification(
                    p -> p.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(1)));
            ddb.putItem(b -> b.tableName("events").item(item("k", "old")));
            g.context().clock().advance(Duration.ofDays(2)); // "old" leaves the window into the baseline
            ddb.putItem(b -> b.tableName("events").item(item("k", "new")));
            g.context().clock().advance(Duration.ofMinutes(1));
            beforeFiller = g.context().clock().now();
            g.context().clock().advance(Duration.ofMinutes(1));
            Snapshots.writeUntilSnapshot(dataDir, i -> ddb.putItem(b -> b.tableName("events")
                    .item(item("filler-" + i, "x".repeat(200)))));
        } finally {
            System.clearProperty("gureum.compactBytes");
        }
        try (Gureum g = start(); DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            Instant earliest = ddb.describeContinuousBackups(b -> b.tableName("events")).continuousBackupsDescription()
                    .pointInTimeRecoveryDescription().earliestRestorableDateTime();
            Instant now = g.context().clock().now();
            assertEquals(now.minus(Duration.ofDays(1)).toEpochMilli() / 60_000, earliest.toEpochMilli() / 60_000,
                    "a one-day window");
            assertEquals(Map.of("k", "new"), restoredAt(g, ddb, "events", "events-then", beforeFiller));
        }
    }

    @Test
    void exportsAndImportsAreStillDescribedAfterARestart() throws Exception {
        String exportArn;
        String importArn;
        ExportDescription exported;
        ImportTableDescription imported;
        try (Gureum g = start(); DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g);
                S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), g)) {
            s3.createBucket(b -> b.bucket("transfers"));
            table(ddb, "source");
            ddb.updateContinuousBackups(b -> b.tableName("source").pointInTimeRecoverySpecification(
                    p -> p.pointInTimeRecoveryEnabled(true)));
            ddb.putItem(b -> b.tableName("source").item(item("x", "1")));
            String tableArn = ddb.describeTable(b -> b.tableName("source")).table().tableArn();
            exportArn = ddb.exportTableToPointInTime(b -> b.tableArn(tableArn).s3Bucket("transfers").s3Prefix("out"))
                    .exportDescription().exportArn();
            exported = await(() -> ddb.describeExport(b -> b.exportArn(exportArn)).exportDescription(),
                    d -> d.exportStatus() != ExportStatus.IN_PROGRESS);
            assertEquals(ExportStatus.COMPLETED, exported.exportStatus(), exported.failureMessage());
            s3.putObject(b -> b.bucket("transfers").key("in/items.json"),
                    RequestBody.fromString("{\"Item\":{\"id\":{\"S\":\"imported\"}}}\n"));
            importArn = ddb.importTable(b -> b.inputFormat(InputFormat.DYNAMODB_JSON)
                    .s3BucketSource(s -> s.s3Bucket("transfers").s3KeyPrefix("in/"))
                    .tableCreationParameters(p -> p.tableName("target").billingMode("PAY_PER_REQUEST")
                            .attributeDefinitions(d -> d.attributeName("id").attributeType(ScalarAttributeType.S))
                            .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))))
                    .importTableDescription().importArn();
            imported = await(() -> ddb.describeImport(b -> b.importArn(importArn)).importTableDescription(),
                    d -> d.importStatus() != ImportStatus.IN_PROGRESS);
            assertEquals(ImportStatus.COMPLETED, imported.importStatus(), imported.failureMessage());
        }
        try (Gureum g = start(); DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            assertEquals(exported, ddb.describeExport(b -> b.exportArn(exportArn)).exportDescription());
            assertEquals(exportArn, ddb.listExports(b -> b.maxResults(10)).exportSummaries().get(0).exportArn());
            assertEquals(imported, ddb.describeImport(b -> b.importArn(importArn)).importTableDescription());
            assertEquals(1, ddb.listImports(b -> b.pageSize(10)).importSummaryList().size());
            assertNull(ddb.describeExport(b -> b.exportArn(exportArn)).exportDescription().failureCode());
        }
    }
}
