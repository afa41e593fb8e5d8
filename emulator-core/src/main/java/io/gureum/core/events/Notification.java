package io.gureum.core.events;

/**
 * A message one service sends to a resource of another (S3 event notifications to a queue, topic or
 * function), published on the {@link EventBus}; the service that owns {@code targetType} delivers it if
 * the target exists. Services never reach into each other's stores.
 *
 * @param sourceArn the resource the event is about (a bucket)
 * @param targetType the target's service: {@code sqs}, {@code sns} or {@code lambda}
 * @param targetArn the queue, topic or function
 * @param eventName e.g. {@code ObjectCreated:Put}, or {@code s3:TestEvent}
 * @param body the message exactly as AWS sends it (S3's event JSON)
 */
public record Notification(String sourceArn, String targetType, String targetArn, String eventName, String body) {
}
