package io.gureum.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.Arn;
import io.gureum.core.spi.Caller;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * ImportTable, DescribeImport and ListImports: the new table is created at once (CREATING) from
 * {@code TableCreationParameters}; a worker reads every object under the S3 prefix through the in-process S3
 * client (DynamoDB JSON or Ion lines, or CSV; GZIP or none), puts the valid items, counts the others as
 * errors, and makes the table ACTIVE. A failed import deletes its table
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataImport.HowItWorks.html).
 */
final class Imports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbState state;
    private final Tables tables;
    private final Executor workers;

    Imports(DynamoDbState state, Tables tables, Executor workers) {
        this.state = state;
        this.tables = tables;
        this.workers = workers;
    }

    private Instant now() {
        return state.context.clock().now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    public ImportTableResponse importTable(ImportTableRequest r) {
        Database db = state.database();
        int fingerprint = r.toBuilder().clientToken(null).build().hashCode();
        if (r.clientToken() != null) {
            for (Import i : db.imports.values()) {
                if (r.clientToken().equals(i.request.clientToken()) && i.started.plus(Duration.ofHours(8)).isAfter(now())) {
                    if (i.fingerprint != fingerprint) {
                        throw ModeledErrors.of(ImportConflictException.class, "There was a conflict when importing from"
                                + " the specified S3 source: an import with client token " + r.clientToken()
                                + " and different parameters exists");
                    }
                    return ImportTableResponse.builder().importTableDescription(i.describe()).build();
                }
            }
        }
        if (r.inputCompressionType() == InputCompressionType.ZSTD) {
            throw DynamoErrors.validation("InputCompressionType ZSTD is not supported by Gureum; use GZIP or NONE");
        }
        if (r.inputFormatOptions() != null && r.inputFormatOptions().csv() != null && r.inputFormat() != InputFormat.CSV) {
            throw DynamoErrors.validation("InputFormatOptions.Csv can only be specified when InputFormat is CSV");
        }
        TableCreationParameters p = r.tableCreationParameters();
        CreateTableRequest.Builder create = CreateTableRequest.builder().tableName(p.tableName())
                .attributeDefinitions(p.attributeDefinitions()).keySchema(p.keySchema()).billingMode(p.billingMode())
                .provisionedThroughput(p.provisionedThroughput()).sseSpecification(p.sseSpecification());
        if (p.hasGlobalSecondaryIndexes()) {
            create.globalSecondaryIndexes(p.globalSecondaryIndexes());
        }
        if (p.onDemandThroughput() != null) {
            create.onDemandThroughput(p.onDemandThroughput());
        }
        if (p.hasVectorIndexes()) {
            create.vectorIndexes(p.vectorIndexes());
        }
        TableDescription created = tables.createTable(create.build()).tableDescription();
        Table t = db.tables.get(created.tableName());
        t.settlesAt = null; // CREATING until the worker has loaded the items
        Instant now = now();
        String id = String.format("%017d", now.toEpochMilli()) + "-" + state.context.ids().hex(8);
        String logGroup = Arn.of("logs", db.region, db.account, "log-group:/aws-dynamodb/imports:*").toString();
        Import imp = new Import(t.arn + "/import/" + id, t.arn, t.id, now, r, fingerprint, logGroup);
        db.imports.put(imp.arn, imp);
        state.records.imported(db, imp);
        ImportTableDescription started = imp.describe(); // before the worker can finish: AWS answers IN_PROGRESS
        start(db, t, imp);
        return ImportTableResponse.builder().importTableDescription(started).build();
    }

    private void start(Database db, Table t, Import imp) {
        S3Client s3 = state.context.clients().serves(S3Client.class)
                ? state.context.clients().client(S3Client.class, Caller.service(Exports.PRINCIPAL, db.account, db.region, t.arn))
                : null;
        workers.execute(() -> load(db, t, imp, s3));
    }

    /**
     * Starts again the imports a restart interrupted ({@code --data-dir}): the table, journaled as
     * {@code CREATING}, stays so while the files are read again from the start (items are written only at
     * the end, so none of the interrupted run's are in it). One whose table is gone fails.
     */
    void resume() {
        state.databases.forEach((key, db) -> db.write(() -> {
            for (Import imp : db.imports.values()) {
                if (!imp.status.equals("IN_PROGRESS")) {
                    continue;
                }
                Table t = db.tableWithId(imp.tableId);
                if (t == null || !t.status.equals("CREATING")) {
                    imp.failureCode = "UnknownError";
                    imp.failureMessage = "The import was interrupted and its table is no longer being created";
                    imp.ended = now();
                    imp.status = "FAILED";
                    state.records.imported(db, imp);
                    continue;
                }
                t.settlesAt = null;
                imp.processedBytes = 0;
                imp.processedItems = 0;
                imp.importedItems = 0;
                imp.errors = 0;
                start(db, t, imp);
            }
            return null;
        }));
    }

    public DescribeImportResponse describeImport(DescribeImportRequest r) {
        Import i = state.database().imports.get(r.importArn());
        if (i == null) {
            throw ModeledErrors.of(ImportNotFoundException.class, "Import not found: " + r.importArn());
        }
        return DescribeImportResponse.builder().importTableDescription(i.describe()).build();
    }

    public ListImportsResponse listImports(ListImportsRequest r) {
        List<ImportSummary> all = new ArrayList<>();
        for (Import i : state.database().imports.values()) {
            if (r.tableArn() == null || r.tableArn().equals(i.tableArn)) {
                all.add(i.summary());
            }
        }
        int size = r.pageSize() == null ? 25 : r.pageSize();
        int start = Pages.start(r.nextToken());
        ListImportsResponse.Builder b = ListImportsResponse.builder().importSummaryList(Pages.page(all, start, size));
        if (start + size < all.size()) {
            b.nextToken(Integer.toString(start + size));
        }
        return b.build();
    }

    // ---- the worker ----

    private void load(Database db, Table t, Import imp, S3Client s3) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        try {
            if (s3 == null) {
                throw NoSuchBucketException.builder().message("The specified bucket does not exist").build();
            }
            S3BucketSource src = imp.request.s3BucketSource();
            String prefix = src.s3KeyPrefix() == null ? "" : src.s3KeyPrefix();
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(src.s3Bucket()).prefix(prefix)).contents()) {
                if (o.key().endsWith("/")) {
                    continue;
                }
                byte[] raw = s3.getObjectAsBytes(b -> b.bucket(src.s3Bucket()).key(o.key())).asByteArray();
                imp.processedBytes += raw.length;
                String text = new String(imp.compression().equals("GZIP") ? gunzip(raw) : raw, StandardCharsets.UTF_8);
                parse(imp, t, text, items);
            }
        } catch (NoSuchBucketException e) {
            finishFailed(db, t, imp, "S3NoSuchBucket", "The specified bucket does not exist");
            return;
        } catch (RuntimeException e) {
            finishFailed(db, t, imp, "ImportError", String.valueOf(e.getMessage()));
            return;
        }
        db.write(() -> {
            for (Map<String, AttributeValue> item : items) {
                try {
                    t.put(Items.checkItem(t, item));
                    imp.importedItems++;
                } catch (RuntimeException invalid) {
                    imp.errors++;
                }
            }
            t.status = "ACTIVE";
            t.indexes.values().forEach(ix -> ix.status = "ACTIVE");
            VectorIndexes.settle(t);
            state.records.syncTables(db);
            return null;
        });
        imp.ended = now();
        imp.status = "COMPLETED";
        state.records.imported(db, imp);
    }

    private void finishFailed(Database db, Table t, Import imp, String code, String message) {
        db.write(() -> {
            if (db.tables.get(t.name) == t) {
                db.tables.remove(t.name);
                state.context.registry().unregister(Arn.parse(t.arn));
                state.records.syncTables(db);
            }
            return null;
        });
        imp.failureCode = code;
        imp.failureMessage = message;
        imp.ended = now();
        imp.status = "FAILED";
        state.records.imported(db, imp);
    }

    /** Adds the items of one file; a line that cannot be read counts as an error, as AWS logs and skips it. */
    private static void parse(Import imp, Table t, String text, List<Map<String, AttributeValue>> out) {
        switch (imp.format()) {
            case "DYNAMODB_JSON" -> text.lines().filter(l -> !l.isBlank()).forEach(line -> {
                imp.processedItems++;
                try {
                    JsonNode node = JSON.readTree(line);
                    out.add(DynamoJson.item(node.has("Item") ? node.get("Item") : node));
                } catch (IOException | RuntimeException e) {
                    imp.errors++;
                }
            });
            case "ION" -> {
                try {
                    List<Map<String, AttributeValue>> items = IonText.items(text);
                    imp.processedItems += items.size();
                    out.addAll(items);
                } catch (RuntimeException e) {
                    imp.errors++;
                }
            }
            default -> csv(imp, t, text, out);
        }
    }

    /**
     * CSV: the header (the first line, or {@code HeaderList}) names the attributes; key attributes take the types
     * of {@code AttributeDefinitions}, everything else is a string; empty fields are left out.
     */
    private static void csv(Import imp, Table t, String text, List<Map<String, AttributeValue>> out) {
        CsvOptions options = imp.request.inputFormatOptions() == null ? null : imp.request.inputFormatOptions().csv();
        char delimiter = options != null && options.delimiter() != null ? options.delimiter().charAt(0) : ',';
        List<List<String>> rows = Csv.parse(text, delimiter);
        List<String> header;
        int first = 0;
        if (options != null && options.hasHeaderList()) {
            header = options.headerList();
        } else if (!rows.isEmpty()) {
            header = rows.get(0);
            first = 1;
        } else {
            return;
        }
        for (int i = first; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            imp.processedItems++;
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            for (int c = 0; c < Math.min(row.size(), header.size()); c++) {
                String v = row.get(c);
                if (v.isEmpty()) {
                    continue;
                }
                String type = t.attributeTypes.getOrDefault(header.get(c), "S");
                item.put(header.get(c), switch (type) {
                    case "N" -> AttributeValue.fromN(v);
                    case "B" -> AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(
                            java.util.Base64.getDecoder().decode(v)));
                    default -> AttributeValue.fromS(v);
                });
            }
            out.add(item);
        }
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
