package io.gureum.dynamodb;

import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.ExportDescription;
import software.amazon.awssdk.services.dynamodb.model.IncrementalExportSpecification;

/** One ExportTableToPointInTime: its request, and its progress, which a worker thread moves on. */
final class Export {
    final String arn;
    final String tableArn;
    final String tableId;
    final Instant started;
    final Instant exportTime;
    final String clientToken;
    final String bucket;
    final String bucketOwner;
    final String prefix;
    final String sseAlgorithm;
    final String sseKmsKeyId;
    final String format;
    final String type;
    final IncrementalExportSpecification incremental;
    final int fingerprint;
    volatile String status = "IN_PROGRESS";
    volatile Instant ended;
    volatile String manifest;
    volatile long itemCount;
    volatile long billedBytes;
    volatile String failureCode;
    volatile String failureMessage;

    Export(String arn, String tableArn, String tableId, Instant started, Instant exportTime, String clientToken, String bucket,
            String bucketOwner, String prefix, String sseAlgorithm, String sseKmsKeyId, String format, String type,
            IncrementalExportSpecification incremental, int fingerprint) {
        this.arn = arn;
        this.tableArn = tableArn;
        this.tableId = tableId;
        this.started = started;
        this.exportTime = exportTime;
        this.clientToken = clientToken;
        this.bucket = bucket;
        this.bucketOwner = bucketOwner;
        this.prefix = prefix;
        this.sseAlgorithm = sseAlgorithm;
        this.sseKmsKeyId = sseKmsKeyId;
        this.format = format;
        this.type = type;
        this.incremental = incremental;
        this.fingerprint = fingerprint;
    }

    /** The export ID, the last part of the ARN: {@code 01234567890123-abcdef12}. */
    String id() {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    ExportDescription describe() {
        ExportDescription.Builder b = ExportDescription.builder().exportArn(arn).exportStatus(status).startTime(started)
                .tableArn(tableArn).tableId(tableId).clientToken(clientToken).s3Bucket(bucket).exportFormat(format)
                .exportType(type).s3SseAlgorithm(sseAlgorithm);
        if (exportTime != null) {
            b.exportTime(exportTime);
        }
        if (bucketOwner != null) {
            b.s3BucketOwner(bucketOwner);
        }
        if (prefix != null) {
            b.s3Prefix(prefix);
        }
        if (sseKmsKeyId != null) {
            b.s3SseKmsKeyId(sseKmsKeyId);
        }
        if (incremental != null) {
            b.incrementalExportSpecification(incremental);
        }
        if (ended != null) {
            b.endTime(ended);
        }
        if (status.equals("COMPLETED")) {
            b.exportManifest(manifest).itemCount(itemCount).billedSizeBytes(billedBytes);
        }
        if (failureCode != null) {
            b.failureCode(failureCode).failureMessage(failureMessage);
        }
        return b.build();
    }
}
