package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsClients;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.services.s3.S3Client;

class ExportImportIT extends DynamoDbTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    static S3Client s3;

    @BeforeAll
    static void s3() {
        s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum);
    }

    @AfterAll
    static void closeS3() {
        s3.close();
    }

    private static String bucket() {
        String b = unique("bkt").toLowerCase();
        s3.createBucket(x -> x.bucket(b));
        return b;
    }

    private static String pitrTable() {
        String t = table(null, null);
        ddb.updateContinuousBackups(b -> b.tableName(t).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        return t;
    }

    private static String arn(String t) {
        return ddb.describeTable(b -> b.tableName(t)).table().tableArn();
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

    private static ExportDescription export(String exportArn) throws InterruptedException {
        return await(() -> ddb.describeExport(b -> b.exportArn(exportArn)).exportDescription(),
                d -> d.exportStatus() != ExportStatus.IN_PROGRESS);
    }

    private static ImportTableDescription importDone(String importArn) throws InterruptedException {
        return await(() -> ddb.describeImport(b -> b.importArn(importArn)).importTableDescription(),
                d -> d.importStatus() != ImportStatus.IN_PROGRESS);
    }

    private static final Map<String, AttributeValue> RICH = Map.of("pk", s("rich"), "n", n("1.5"),
            "big", n("12000"), "bin", AttributeValue.fromB(SdkBytes.fromUtf8String("bytes")),
            "ss", AttributeValue.fromSs(List.of("x", "y")), "ns", AttributeValue.fromNs(List.of("1", "2")),
            "m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromL(List.of(s("q\"uote"),
                    AttributeValue.fromBool(true), AttributeValue.fromNul(true))))));

    @Test
    void fullExportWritesAwsLayoutAndImportReadsItBack() throws Exception {
        for (ExportFormat format : List.of(ExportFormat.DYNAMODB_JSON, ExportFormat.ION)) {
            String t = pitrTable();
            ddb.putItem(b -> b.tableName(t).item(RICH));
            ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("plain"))));
            String bucket = bucket();
            ExportDescription started = ddb.exportTableToPointInTime(b -> b.tableArn(arn(t)).s3Bucket(bucket)
                    .s3Prefix("exports").exportFormat(format)).exportDescription();
            assertEquals(ExportStatus.IN_PROGRESS, started.exportStatus());
            assertTrue(started.exportArn().startsWith(arn(t) + "/export/"));
            ExportDescription done = export(started.exportArn());
            assertEquals(ExportStatus.COMPLETED, done.exportStatus(), done.failureMessage());
            assertEquals(2L, done.itemCount());
            String base = "exports/AWSDynamoDB/" + started.exportArn().substring(started.exportArn().lastIndexOf('/') + 1) + "/";
            assertEquals(base + "manifest-summary.json", done.exportManifest());
            JsonNode summary = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(done.exportManifest())).asUtf8String());
            assertEquals(format.toString(), summary.get("outputFormat").asText());
            assertEquals(2, summary.get("itemCount").asInt());
            JsonNode files = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(base + "manifest-files.json"))
                    .asUtf8String());
            String dataKey = files.get("dataFileS3Key").asText();
            assertTrue(dataKey.startsWith(base + "data/"));
            assertTrue(dataKey.endsWith(format == ExportFormat.ION ? ".ion.gz" : ".json.gz"));
            Set<String> keys = Set.copyOf(s3.listObjectsV2(b -> b.bucket(bucket).prefix(base)).contents().stream()
                    .map(o -> o.key().substring(base.length())).toList());
            assertTrue(keys.containsAll(Set.of("_started", "manifest-summary.json", "manifest-summary.md5",
                    "manifest-files.json", "manifest-files.md5")), keys.toString());
            String data = gunzip(s3.getObjectAsBytes(b -> b.bucket(bucket).key(dataKey)).asByteArray());
            assertEquals(2, data.lines().count());
            if (format == ExportFormat.DYNAMODB_JSON) {
                assertTrue(data.contains("{\"Item\":{\"pk\":{\"S\":\"plain\"}}}"), data);
            }

            String target = unique("imported");
            ImportTableDescription imp = ddb.importTable(b -> b.s3BucketSource(s -> s.s3Bucket(bucket).s3KeyPrefix(base + "data/"))
                    .inputFormat(format == ExportFormat.ION ? InputFormat.ION : InputFormat.DYNAMODB_JSON)
                    .inputCompressionType(InputCompressionType.GZIP)
                    .tableCreationParameters(p -> p.tableName(target).billingMode(BillingMode.PAY_PER_REQUEST)
                            .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                            .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)))).importTableDescription();
            assertEquals(ImportStatus.IN_PROGRESS, imp.importStatus());
            ImportTableDescription finished = importDone(imp.importArn());
            assertEquals(ImportStatus.COMPLETED, finished.importStatus(), finished.failureMessage());
            assertEquals(2L, finished.importedItemCount());
            assertEquals(TableStatus.ACTIVE, ddb.describeTable(b -> b.tableName(target)).table().tableStatus());
            assertEquals(RICH, ddb.getItem(b -> b.tableName(target).key(key("rich"))).item());
            assertTrue(ddb.listImports(b -> b.tableArn(finished.tableArn())).importSummaryList().stream()
                    .anyMatch(i -> i.importArn().equals(imp.importArn())));
            assertTrue(ddb.listExports(b -> b.tableArn(arn(t))).exportSummaries().stream()
                    .anyMatch(e -> e.exportArn().equals(started.exportArn())));
        }
    }

    @Test
    void csvImportTypesKeysFromAttributeDefinitions() throws Exception {
        String bucket = bucket();
        s3.putObject(b -> b.bucket(bucket).key("csv/part1.csv"), RequestBody.fromString(
                "pk,sk,name\nalpha,1,\"Kim, Min\"\nbeta,2,\n,3,no key\n"));
        String target = unique("csv");
        ImportTableDescription imp = ddb.importTable(b -> b.s3BucketSource(s -> s.s3Bucket(bucket).s3KeyPrefix("csv/"))
                .inputFormat(InputFormat.CSV).tableCreationParameters(p -> p.tableName(target)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("sk").attributeType(ScalarAttributeType.N))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                                k -> k.attributeName("sk").keyType(KeyType.RANGE)))).importTableDescription();
        ImportTableDescription done = importDone(imp.importArn());
        assertEquals(ImportStatus.COMPLETED, done.importStatus());
        assertEquals(3L, done.processedItemCount());
        assertEquals(2L, done.importedItemCount());
        assertEquals(1L, done.errorCount());
        Map<String, AttributeValue> alpha = ddb.getItem(b -> b.tableName(target).key(Map.of("pk", s("alpha"), "sk", n("1"))))
                .item();
        assertEquals("Kim, Min", alpha.get("name").s());
        assertFalse(ddb.getItem(b -> b.tableName(target).key(Map.of("pk", s("beta"), "sk", n("2")))).item()
                .containsKey("name"));
    }

    @Test
    void importTableCreatesTheVectorIndexesOfTableCreationParameters() throws Exception {
        String bucket = bucket();
        s3.putObject(b -> b.bucket(bucket).key("vec/part1.json"), RequestBody.fromString(
                "{\"Item\":{\"pk\":{\"S\":\"near\"},\"emb\":{\"L\":[{\"N\":\"1\"},{\"N\":\"0\"}]}}}\n"
                        + "{\"Item\":{\"pk\":{\"S\":\"far\"},\"emb\":{\"L\":[{\"N\":\"-1\"},{\"N\":\"0\"}]}}}\n"
                        + "{\"Item\":{\"pk\":{\"S\":\"short\"},\"emb\":{\"L\":[{\"N\":\"1\"}]}}}\n"));
        String target = unique("vec");
        ImportTableDescription imp = ddb.importTable(b -> b.s3BucketSource(s -> s.s3Bucket(bucket).s3KeyPrefix("vec/"))
                .inputFormat(InputFormat.DYNAMODB_JSON).tableCreationParameters(p -> p.tableName(target)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .vectorIndexes(v -> v.indexName("emb-idx").vectorAttribute(a -> a.attributeName("emb"))
                                .dimensions(2L).distanceFunction(VectorDistanceFunction.COSINE)
                                .projection(x -> x.projectionType(ProjectionType.KEYS_ONLY))))).importTableDescription();
        ImportTableDescription done = importDone(imp.importArn());
        assertEquals(ImportStatus.COMPLETED, done.importStatus());
        // The vector of the wrong length is refused like any write of it.
        assertEquals(2L, done.importedItemCount());
        assertEquals(1L, done.errorCount());
        List<String> found = ddb.searchVectors(b -> b.tableName(target).indexName("emb-idx").topK(5)
                .searchVector(n("1"), n("0.1"))).searchResults().stream().map(i -> i.item().get("pk").s()).toList();
        assertEquals(List.of("near", "far"), found);
    }

    @Test
    void incrementalExportWritesChangedItemsWithImages() throws Exception {
        String t = pitrTable();
        Instant from = ddb.describeContinuousBackups(b -> b.tableName(t)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().earliestRestorableDateTime();
        StreamsTtlIT.advanceClock(60);
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "v", n("1"))));
        StreamsTtlIT.advanceClock(600);
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "v", n("2"))));
        StreamsTtlIT.advanceClock(600);
        Instant to = ddb.describeContinuousBackups(b -> b.tableName(t)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().latestRestorableDateTime();
        String bucket = bucket();
        ExportDescription started = ddb.exportTableToPointInTime(b -> b.tableArn(arn(t)).s3Bucket(bucket)
                .exportType(ExportType.INCREMENTAL_EXPORT)
                .incrementalExportSpecification(i -> i.exportFromTime(from).exportToTime(to))).exportDescription();
        ExportDescription done = export(started.exportArn());
        assertEquals(ExportStatus.COMPLETED, done.exportStatus(), done.failureMessage());
        assertEquals(ExportViewType.NEW_AND_OLD_IMAGES, done.incrementalExportSpecification().exportViewType());
        JsonNode files = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(
                done.exportManifest().replace("manifest-summary.json", "manifest-files.json"))).asUtf8String());
        JsonNode line = JSON.readTree(gunzip(s3.getObjectAsBytes(b -> b.bucket(bucket).key(files.get("dataFileS3Key").asText()))
                .asByteArray()).trim());
        assertEquals("2", line.get("NewImage").get("v").get("N").asText());
        assertFalse(line.has("OldImage"), "the item did not exist at ExportFromTime");
        assertNotNull(line.get("Metadata").get("WriteTimestampMicros"));

        InvalidExportTimeException tooShort = assertThrows(InvalidExportTimeException.class,
                () -> ddb.exportTableToPointInTime(b -> b.tableArn(arn(t)).s3Bucket(bucket)
                        .exportType(ExportType.INCREMENTAL_EXPORT)
                        .incrementalExportSpecification(i -> i.exportFromTime(from).exportToTime(from.plusSeconds(60)))));
        assertEquals(400, tooShort.statusCode());
    }

    @Test
    void errors() throws Exception {
        String t = table(null, null);
        String bucket = bucket();
        PointInTimeRecoveryUnavailableException noPitr = assertThrows(PointInTimeRecoveryUnavailableException.class,
                () -> ddb.exportTableToPointInTime(b -> b.tableArn(arn(t)).s3Bucket(bucket)));
        assertEquals(400, noPitr.statusCode());
        assertThrows(ExportNotFoundException.class, () -> ddb.describeExport(b -> b.exportArn(arn(t) + "/export/0-0")));
        assertThrows(ImportNotFoundException.class, () -> ddb.describeImport(b -> b.importArn(arn(t) + "/import/0-0")));
        ResourceInUseException exists = assertThrows(ResourceInUseException.class,
                () -> ddb.importTable(b -> b.s3BucketSource(s -> s.s3Bucket(bucket)).inputFormat(InputFormat.CSV)
                        .tableCreationParameters(p -> p.tableName(t).billingMode(BillingMode.PAY_PER_REQUEST)
                                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)))));
        assertEquals(400, exists.statusCode());

        String p = pitrTable();
        ExportDescription failed = export(ddb.exportTableToPointInTime(b -> b.tableArn(arn(p)).s3Bucket("no-such-bucket-here"))
                .exportDescription().exportArn());
        assertEquals(ExportStatus.FAILED, failed.exportStatus());
        assertEquals("S3NoSuchBucket", failed.failureCode());
    }

    private static String gunzip(byte[] bytes) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
