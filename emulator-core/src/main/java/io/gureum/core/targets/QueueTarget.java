package io.gureum.core.targets;

import java.util.Map;

/**
 * A queue as other services see it: something to send a message to. SNS subscriptions, S3
 * notifications and (later) EventBridge targets deliver through this, never through the SQS store.
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
}
