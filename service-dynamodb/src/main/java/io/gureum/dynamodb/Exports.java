package io.gureum.dynamodb;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.spi.Caller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * ExportTableToPointInTime, DescribeExport and ListExports. The items are read from the table's PITR history
 * under the lock when the request arrives; a worker then writes them to S3 through the in-process S3 client
 * as DynamoDB lays an export out: {@code <prefix>/AWSDynamoDB/<export-id>/} with {@code _started},
 * {@code data/*.json.gz} (or {@code .ion.gz}), {@code manifest-files.json}, {@code manifest-summary.json} and
 * their {@code .md5} files (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html).
 */
final class Exports {
    static final String PRINCIPAL = "dynamodb.amazonaws.com";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Incremental exports cover 15 minutes to 24 hours (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport_Requesting.html). */
    private static final Duration MIN_INCREMENT = Duration.ofMinutes(15);
    private static final Duration MAX_INCREMENT = Duration.ofHours(24);

    /** What the worker writes: full items, or incremental deltas. */
    private record Content(List<Map<String, AttributeValue>> items, List<PointInTimeRecovery.Delta> deltas, boolean newOnly) {
    }

    private final DynamoDbState state;
    private final Tables tables;
    private final Executor workers;

    Exports(DynamoDbState state, Tables tables, Executor workers) {
        this.state = state;
        this.tables = tables;
        this.workers = workers;
    }

    private Instant now() {
        return state.context.clock().now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    public ExportTableToPointInTimeResponse exportTableToPointInTime(ExportTableToPointInTimeRequest r) {
        Database db = state.database();
        int fingerprint = r.toBuilder().clientToken(null).build().hashCode();
        if (r.clientToken() != null) {
            for (Export e : db.exports.values()) {
                if (r.clientToken().equals(e.clientToken) && e.started.plus(Duration.ofHours(8)).isAfter(now())) {
                    if (e.fingerprint != fingerprint) {
                        throw ModeledErrors.of(ExportConflictException.class, "There was a conflict when writing to the"
                                + " specified S3 bucket: an export with client token " + r.clientToken()
                                + " and different parameters exists");
                    }
                    return ExportTableToPointInTimeResponse.builder().exportDescription(e.describe()).build();
                }
            }
        }
        String name = Tables.nameOf(db, r.tableArn());
        Table t = name == null ? null : db.tables.get(name);
        if (t == null) {
            throw ModeledErrors.of(TableNotFoundException.class, "Table not found: " + r.tableArn());
        }
        if (t.pitr == null) {
            throw ModeledErrors.of(PointInTimeRecoveryUnavailableException.class,
                    "Point in time recovery is not enabled for table '" + t.name + "'");
        }
        Instant now = now();
        Instant earliest = t.pitr.earliest();
        String type = r.exportTypeAsString() == null ? "FULL_EXPORT" : r.exportTypeAsString();
        Content content;
        Instant exportTime = null;
        IncrementalExportSpecification incremental = null;
        if (type.equals("INCREMENTAL_EXPORT")) {
            IncrementalExportSpecification spec = r.incrementalExportSpecification();
            if (spec == null || spec.exportFromTime() == null || spec.exportToTime() == null) {
                throw DynamoErrors.validation("IncrementalExportSpecification with ExportFromTime and ExportToTime is"
                        + " required for INCREMENTAL_EXPORT");
            }
            Duration span = Duration.between(spec.exportFromTime(), spec.exportToTime());
            if (span.compareTo(MIN_INCREMENT) < 0 || span.compareTo(MAX_INCREMENT) > 0) {
                throw ModeledErrors.of(InvalidExportTimeException.class, "Incremental export period must be between 15"
                        + " minutes and 24 hours");
            }
            checkTime(spec.exportFromTime(), earliest, now);
            checkTime(spec.exportToTime(), earliest, now);
            String view = spec.exportViewTypeAsString() == null ? "NEW_AND_OLD_IMAGES" : spec.exportViewTypeAsString();
            incremental = spec.toBuilder().exportViewType(view).build();
            content = new Content(null, t.pitr.deltas(spec.exportFromTime(), spec.exportToTime()), view.equals("NEW_IMAGE"));
        } else {
            if (r.incrementalExportSpecification() != null) {
                throw DynamoErrors.validation("IncrementalExportSpecification can only be specified for INCREMENTAL_EXPORT");
            }
            exportTime = r.exportTime() == null ? now : r.exportTime();
            checkTime(exportTime, earliest, now);
            content = new Content(t.pitr.itemsAt(exportTime), null, false);
        }
        String id = String.format("%017d", now.toEpochMilli()) + "-" + state.context.ids().hex(8);
        Export e = new Export(t.arn + "/export/" + id, t.arn, t.id, now, exportTime, r.clientToken(), r.s3Bucket(),
                r.s3BucketOwner(), r.s3Prefix(), r.s3SseAlgorithmAsString() == null ? "AES256" : r.s3SseAlgorithmAsString(),
                r.s3SseKmsKeyId(), r.exportFormatAsString() == null ? "DYNAMODB_JSON" : r.exportFormatAsString(), type,
                incremental, fingerprint);
        db.exports.put(e.arn, e);
        state.records.export(db, e);
        ExportDescription started = e.describe(); // before the worker can finish: AWS answers IN_PROGRESS
        start(db, t, e, content);
        return ExportTableToPointInTimeResponse.builder().exportDescription(started).build();
    }

    private void start(Database db, Table t, Export e, Content content) {
        S3Client s3 = state.context.clients().serves(S3Client.class)
                ? state.context.clients().client(S3Client.class, Caller.service(PRINCIPAL, db.account, db.region, t.arn))
                : null;
        workers.execute(() -> write(db, e, content, s3));
    }

    /**
     * Starts again the exports a restart interrupted ({@code --data-dir}): their items are read anew from the
     * table's PITR history at the same export time, which the history still holds. One whose table or history
     * is gone fails as AWS reports an export it could not finish.
     */
    void resume() {
        state.databases.forEach((key, db) -> db.write(() -> {
            for (Export e : db.exports.values()) {
                if (!e.status.equals("IN_PROGRESS")) {
                    continue;
                }
                Table t = db.tableWithId(e.tableId);
                Content content = null;
                if (t != null && t.pitr != null) {
                    Instant earliest = t.pitr.earliest();
                    if (e.incremental != null && !e.incremental.exportFromTime().isBefore(earliest)) {
                        content = new Content(null, t.pitr.deltas(e.incremental.exportFromTime(),
                                e.incremental.exportToTime()), e.incremental.exportViewTypeAsString().equals("NEW_IMAGE"));
                    } else if (e.exportTime != null && !e.exportTime.isBefore(earliest)) {
                        content = new Content(t.pitr.itemsAt(e.exportTime), null, false);
                    }
                }
                if (content == null) {
                    fail(db, e, "UnknownError", "The table's point in time recovery history no longer covers the export time");
                } else {
                    start(db, t, e, content);
                }
            }
            return null;
        }));
    }

    private static void checkTime(Instant at, Instant earliest, Instant now) {
        if (at.isBefore(earliest) || at.isAfter(now)) {
            throw ModeledErrors.of(InvalidExportTimeException.class, "Export time must be within the point in time"
                    + " recovery window: between " + earliest + " and " + now);
        }
    }

    public DescribeExportResponse describeExport(DescribeExportRequest r) {
        Export e = state.database().exports.get(r.exportArn());
        if (e == null) {
            throw ModeledErrors.of(ExportNotFoundException.class, "Export not found: " + r.exportArn());
        }
        return DescribeExportResponse.builder().exportDescription(e.describe()).build();
    }

    public ListExportsResponse listExports(ListExportsRequest r) {
        Database db = state.database();
        List<ExportSummary> all = new ArrayList<>();
        for (Export e : db.exports.values()) {
            if (r.tableArn() == null || r.tableArn().equals(e.tableArn)) {
                all.add(ExportSummary.builder().exportArn(e.arn).exportStatus(e.status).exportType(e.type).build());
            }
        }
        int max = r.maxResults() == null ? 25 : r.maxResults();
        int start = Pages.start(r.nextToken());
        ListExportsResponse.Builder b = ListExportsResponse.builder().exportSummaries(Pages.page(all, start, max));
        if (start + max < all.size()) {
            b.nextToken(Integer.toString(start + max));
        }
        return b.build();
    }

    // ---- the worker ----

    private void write(Database db, Export e, Content content, S3Client s3) {
        try {
            if (s3 == null) {
                throw NoSuchBucketException.builder().message("The specified bucket does not exist").build();
            }
            String base = (e.prefix == null || e.prefix.isEmpty() ? "" : e.prefix + "/") + "AWSDynamoDB/" + e.id() + "/";
            s3.putObject(b -> b.bucket(e.bucket).key(base + "_started"), RequestBody.empty());
            boolean ion = e.format.equals("ION");
            StringBuilder lines = new StringBuilder();
            long count = 0;
            if (content.items() != null) {
                for (Map<String, AttributeValue> item : content.items()) {
                    lines.append(ion ? IonText.item(item) : fullLine(item)).append('\n');
                    count++;
                }
            } else {
                for (PointInTimeRecovery.Delta d : content.deltas()) {
                    lines.append(ion ? IonText.delta(d, content.newOnly()) : deltaLine(d, content.newOnly())).append('\n');
                    count++;
                }
            }
            byte[] data = gzip(lines.toString().getBytes(StandardCharsets.UTF_8));
            String dataKey = base + "data/" + state.context.ids().hex(26).toLowerCase() + (ion ? ".ion.gz" : ".json.gz");
            String etag = s3.putObject(b -> b.bucket(e.bucket).key(dataKey), RequestBody.fromBytes(data)).eTag();
            ObjectNode fileEntry = F.objectNode().put("itemCount", count).put("md5", md5Base64(data))
                    .put("etag", etag == null ? HexFormat.of().formatHex(md5(data)) : etag.replace("\"", ""))
                    .put("dataFileS3Key", dataKey);
            byte[] files = (fileEntry.toString() + "\n").getBytes(StandardCharsets.UTF_8);
            s3.putObject(b -> b.bucket(e.bucket).key(base + "manifest-files.json"), RequestBody.fromBytes(files));
            s3.putObject(b -> b.bucket(e.bucket).key(base + "manifest-files.md5"), RequestBody.fromString(md5Base64(files)));
            Instant end = now();
            ObjectNode summary = F.objectNode().put("version", "2020-06-30").put("exportArn", e.arn)
                    .put("startTime", e.started.toString()).put("endTime", end.toString()).put("tableArn", e.tableArn)
                    .put("tableId", e.tableId);
            if (e.exportTime != null) {
                summary.put("exportTime", e.exportTime.toString());
            }
            summary.put("s3Bucket", e.bucket).put("s3Prefix", e.prefix).put("s3SseAlgorithm", e.sseAlgorithm)
                    .put("s3SseKmsKeyId", e.sseKmsKeyId).put("manifestFilesS3Key", base + "manifest-files.json")
                    .put("billedSizeBytes", data.length).put("itemCount", count).put("outputFormat", e.format)
                    .put("exportType", e.type);
            if (e.incremental != null) {
                summary.put("exportFromTime", e.incremental.exportFromTime().toString())
                        .put("exportToTime", e.incremental.exportToTime().toString())
                        .put("outputView", e.incremental.exportViewTypeAsString());
            }
            byte[] summaryBytes = summary.toString().getBytes(StandardCharsets.UTF_8);
            s3.putObject(b -> b.bucket(e.bucket).key(base + "manifest-summary.json"), RequestBody.fromBytes(summaryBytes));
            s3.putObject(b -> b.bucket(e.bucket).key(base + "manifest-summary.md5"),
                    RequestBody.fromString(md5Base64(summaryBytes)));
            e.manifest = base + "manifest-summary.json";
            e.itemCount = count;
            e.billedBytes = data.length;
            e.ended = end;
            e.status = "COMPLETED";
            state.records.export(db, e);
        } catch (NoSuchBucketException ex) {
            fail(db, e, "S3NoSuchBucket", "The specified bucket does not exist");
        } catch (RuntimeException ex) {
            fail(db, e, "S3Error", String.valueOf(ex.getMessage()));
        }
    }

    private void fail(Database db, Export e, String code, String message) {
        e.failureCode = code;
        e.failureMessage = message;
        e.ended = now();
        e.status = "FAILED";
        state.records.export(db, e);
    }

    private static String fullLine(Map<String, AttributeValue> item) {
        return F.objectNode().set("Item", DynamoJson.item(item)).toString();
    }

    /** An incremental export line: the write time, the keys, and the images the view asks for. */
    private static String deltaLine(PointInTimeRecovery.Delta d, boolean newOnly) {
        ObjectNode line = F.objectNode();
        line.putObject("Metadata").set("WriteTimestampMicros", DynamoJson.value(AttributeValue.fromN(
                Long.toString(d.written().toEpochMilli() * 1000))));
        line.set("Keys", DynamoJson.item(d.key()));
        if (d.newImage() != null) {
            line.set("NewImage", DynamoJson.item(d.newImage()));
        }
        if (!newOnly && d.oldImage() != null) {
            line.set("OldImage", DynamoJson.item(d.oldImage()));
        }
        return line.toString();
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5Base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(md5(bytes));
    }
}
