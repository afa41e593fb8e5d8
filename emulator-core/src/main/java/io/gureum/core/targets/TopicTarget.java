package io.gureum.core.targets;

/**
 * An SNS topic as other services see it: something to publish to. Lambda's destinations and
 * dead-letter topics publish through this, and S3 checks its notification destinations exist.
 */
public interface TopicTarget {

    /**
     * Publishes as Publish would, fanning out to the topic's subscriptions; a FIFO topic needs
     * {@code groupId} and deduplicates on {@code deduplicationId}.
     *
     * @param subject null for none
     * @return the message ID
     * @throws RuntimeException with AWS's error when the topic refuses the message (too large …)
     */
    String publish(String message, String subject, String groupId, String deduplicationId);
}
