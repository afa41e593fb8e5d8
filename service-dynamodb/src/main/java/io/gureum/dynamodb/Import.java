package io.gureum.dynamodb;

import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.ImportSummary;
import software.amazon.awssdk.services.dynamodb.model.ImportTableDescription;
import software.amazon.awssdk.services.dynamodb.model.ImportTableRequest;

/** One ImportTable: its request, and its progress, which a worker thread moves on. */
final class Import {
    final String arn;
    final String tableArn;
    final String tableId;
    final Instant started;
    final ImportTableRequest request;
    final int fingerprint;
    final String logGroupArn;
    volatile String status = "IN_PROGRESS";
    volatile Instant ended;
    volatile long processedBytes;
    volatile long processedItems;
    volatile long importedItems;
    volatile long errors;
    volatile String failureCode;
    volatile String failureMessage;

    Import(String arn, String tableArn, String tableId, Instant started, ImportTableRequest request, int fingerprint,
            String logGroupArn) {
        this.arn = arn;
        this.tableArn = tableArn;
        this.tableId = tableId;
        this.started = started;
        this.request = request;
        this.fingerprint = fingerprint;
        this.logGroupArn = logGroupArn;
    }

    String format() {
        return request.inputFormatAsString();
    }

    String compression() {
        return request.inputCompressionTypeAsString() == null ? "NONE" : request.inputCompressionTypeAsString();
    }

    ImportTableDescription describe() {
        ImportTableDescription.Builder b = ImportTableDescription.builder().importArn(arn).importStatus(status)
                .tableArn(tableArn).tableId(tableId).s3BucketSource(request.s3BucketSource()).errorCount(errors)
                .cloudWatchLogGroupArn(logGroupArn).inputFormat(format()).inputCompressionType(compression())
                .tableCreationParameters(request.tableCreationParameters()).startTime(started)
                .processedSizeBytes(processedBytes).processedItemCount(processedItems).importedItemCount(importedItems);
        if (request.clientToken() != null) {
            b.clientToken(request.clientToken());
        }
        if (request.inputFormatOptions() != null) {
            b.inputFormatOptions(request.inputFormatOptions());
        }
        if (ended != null) {
            b.endTime(ended);
        }
        if (failureCode != null) {
            b.failureCode(failureCode).failureMessage(failureMessage);
        }
        return b.build();
    }

    ImportSummary summary() {
        ImportSummary.Builder b = ImportSummary.builder().importArn(arn).importStatus(status).tableArn(tableArn)
                .s3BucketSource(request.s3BucketSource()).cloudWatchLogGroupArn(logGroupArn).inputFormat(format())
                .startTime(started);
        if (ended != null) {
            b.endTime(ended);
        }
        return b.build();
    }
}
