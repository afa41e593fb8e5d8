package io.gureum.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.persist.SdkJson;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.ExportDescription;
import software.amazon.awssdk.services.dynamodb.model.ImportTableRequest;

/**
 * Exports and imports as records for {@code --data-dir}: each is recorded when it starts and again when it
 * ends. An export is kept as the description DescribeExport gives, an import as its request and progress.
 */
final class TaskRecords {
    static final String EXPORT = "export";
    static final String IMPORT = "import";

    record ExportState(JsonNode description, int fingerprint) {
    }

    record ImportState(String arn, String tableArn, String tableId, long started, JsonNode request, int fingerprint,
            String logGroupArn, String status, Long ended, long processedBytes, long processedItems, long importedItems,
            long errors, String failureCode, String failureMessage) {
    }

    private TaskRecords() {
    }

    static ExportState of(Export e) {
        return new ExportState(SdkJson.toJson(e.describe()), e.fingerprint);
    }

    static Export export(ExportState s) {
        ExportDescription d = SdkJson.fromJson(s.description(), ExportDescription.class);
        Export e = new Export(d.exportArn(), d.tableArn(), d.tableId(), d.startTime(), d.exportTime(), d.clientToken(),
                d.s3Bucket(), d.s3BucketOwner(), d.s3Prefix(), d.s3SseAlgorithmAsString(), d.s3SseKmsKeyId(),
                d.exportFormatAsString(), d.exportTypeAsString(), d.incrementalExportSpecification(), s.fingerprint());
        e.status = d.exportStatusAsString();
        e.ended = d.endTime();
        e.manifest = d.exportManifest();
        e.itemCount = d.itemCount() == null ? 0 : d.itemCount();
        e.billedBytes = d.billedSizeBytes() == null ? 0 : d.billedSizeBytes();
        e.failureCode = d.failureCode();
        e.failureMessage = d.failureMessage();
        return e;
    }

    static ImportState of(Import i) {
        return new ImportState(i.arn, i.tableArn, i.tableId, i.started.toEpochMilli(), SdkJson.toJson(i.request),
                i.fingerprint, i.logGroupArn, i.status, i.ended == null ? null : i.ended.toEpochMilli(), i.processedBytes,
                i.processedItems, i.importedItems, i.errors, i.failureCode, i.failureMessage);
    }

    static Import imported(ImportState s) {
        Import i = new Import(s.arn(), s.tableArn(), s.tableId(), Instant.ofEpochMilli(s.started()),
                SdkJson.fromJson(s.request(), ImportTableRequest.class), s.fingerprint(), s.logGroupArn());
        i.status = s.status();
        i.ended = s.ended() == null ? null : Instant.ofEpochMilli(s.ended());
        i.processedBytes = s.processedBytes();
        i.processedItems = s.processedItems();
        i.importedItems = s.importedItems();
        i.errors = s.errors();
        i.failureCode = s.failureCode();
        i.failureMessage = s.failureMessage();
        return i;
    }
}
