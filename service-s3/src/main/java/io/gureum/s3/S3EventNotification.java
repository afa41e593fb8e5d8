package io.gureum.s3;

/**
 * An S3 event notification on core's event bus, for SQS, SNS or Lambda (whichever is loaded) to
 * deliver: {@code targetType} is {@code sqs}, {@code sns} or {@code lambda}; {@code json} is the
 * message body exactly as AWS sends it (an event record, or the s3:TestEvent).
 */
public record S3EventNotification(String bucketArn, String targetType, String targetArn, String eventName,
        String json) {
}
