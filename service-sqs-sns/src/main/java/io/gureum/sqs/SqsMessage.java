package io.gureum.sqs;

import java.util.Map;

/**
 * A message in a queue. Immutable content plus its delivery state, which is guarded by the owning
 * {@link Queue}'s lock. State follows from time: a message is visible when {@code visibleAt} has
 * passed, delayed while never received and not yet visible, in flight while received and not yet
 * visible again. {@code epoch} grows on every receive, so receipt handles of an earlier delivery go
 * stale.
 */
final class SqsMessage {
    final String id;
    final String body;
    final Map<String, AttributeValue> attributes;
    final String traceHeader;
    final String md5OfBody;
    final String md5OfAttributes;
    final String md5OfSystemAttributes;
    final long sentAt;
    final String senderId;
    final String groupId;
    final String deduplicationId;
    final String sequenceNumber;
    final int size;

    /** Retention counts from here: the send time, kept when a standard queue's message moves to a DLQ. */
    long enqueuedAt;
    /** Position in the queue's arrival order (the peek endpoint lists by it). */
    long arrival;
    String deadLetterSourceArn;
    long visibleAt;
    int receiveCount;
    long firstReceiveAt;
    long epoch;
    /** Grows on every visibility change, receipt or not: index entries of an older visibility go stale. */
    long version;
    boolean deleted;

    SqsMessage(String id, String body, Map<String, AttributeValue> attributes, String traceHeader, long sentAt,
            String senderId, String groupId, String deduplicationId, String sequenceNumber) {
        this.id = id;
        this.body = body;
        this.attributes = Map.copyOf(attributes);
        this.traceHeader = traceHeader;
        this.md5OfBody = MessageMd5.ofBody(body);
        this.md5OfAttributes = MessageMd5.ofAttributes(attributes);
        this.md5OfSystemAttributes = traceHeader == null ? null
                : MessageMd5.ofAttributes(Map.of("AWSTraceHeader", new AttributeValue("String", traceHeader, null)));
        this.sentAt = sentAt;
        this.enqueuedAt = sentAt;
        this.senderId = senderId;
        this.groupId = groupId;
        this.deduplicationId = deduplicationId;
        this.sequenceNumber = sequenceNumber;
        this.size = sizeOf(body, attributes);
    }

    /** A copy for another queue (dead-letter moves, move tasks), keeping ID, content and send time. */
    SqsMessage copyFor(String newSequenceNumber) {
        SqsMessage m = new SqsMessage(id, body, attributes, traceHeader, sentAt, senderId, groupId, deduplicationId,
                newSequenceNumber);
        m.receiveCount = receiveCount;
        m.firstReceiveAt = firstReceiveAt;
        return m;
    }

    boolean inFlight(long now) {
        return receiveCount > 0 && visibleAt > now;
    }

    boolean delayed(long now) {
        return receiveCount == 0 && visibleAt > now;
    }

    boolean visible(long now) {
        return visibleAt <= now;
    }

    static int sizeOf(String body, Map<String, AttributeValue> attributes) {
        int n = AttributeValue.utf8(body);
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            n += e.getValue().size(e.getKey());
        }
        return n;
    }
}
