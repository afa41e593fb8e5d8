package io.gureum.core.targets;

import java.util.Map;

/**
 * A queue as other services see it: something to send a message to, and, for Lambda's event source
 * mappings, something to poll. SNS subscriptions, S3 notifications, Lambda destinations and event
 * source mappings use this, never the SQS store.
 */
public interface QueueTarget {

    /** A message attribute: data type ({@code String}, {@code Number}, {@code Binary}, custom suffixes) and value. */
    record Attribute(String dataType, String stringValue, byte[] binaryValue) {
    }

    boolean fifo();

    /**
     * Sends as SendMessage would, on behalf of {@code senderId}; a FIFO queue needs {@code groupId} and
     * deduplicates on {@code deduplicationId}.
     *
     * @return the message ID (of the original, for a FIFO duplicate)
     * @throws RuntimeException with AWS's error when the queue refuses the message (too large, deleted …)
     */
    String send(String body, Map<String, Attribute> attributes, String groupId, String deduplicationId,
            String senderId);

    /** A received message as an event source mapping hands it to a function. */
    record Received(String messageId, String receiptHandle, String body, String md5OfBody,
            Map<String, String> attributes, Map<String, Attribute> messageAttributes, String md5OfMessageAttributes,
            String eventSourceArn) {
    }

    /**
     * Receives as ReceiveMessage with no wait time would, with all system attributes
     * ({@code ApproximateReceiveCount}, {@code SentTimestamp}, {@code MessageGroupId} …) and all message
     * attributes. Messages that exceed the queue's {@code maxReceiveCount} move to its dead-letter queue
     * as they would for any consumer.
     *
     * @param visibilityTimeout seconds, or -1 for the queue's own
     */
    java.util.List<Received> receive(int maxMessages, int visibilityTimeout);

    /** Deletes a received message, as DeleteMessage; an unknown or stale handle is ignored. */
    void delete(String receiptHandle);

    /** Makes a received message visible again after {@code seconds}, as ChangeMessageVisibility. */
    void changeVisibility(String receiptHandle, int seconds);
}
