package io.gureum.sqs;

import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.RegisteredResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * SQS's records for {@code --data-dir}: a queue (attributes, which hold its policies, and tags) under
 * its name, each message under {@code queue/messageId} with its receive count and visibility as
 * core-clock milliseconds, and each FIFO deduplication entry under {@code queue/key}. Written by
 * {@link Queue} while it holds its monitor, so the journal orders a queue's changes as memory does.
 */
final class SqsRecords {
    static final String SERVICE = "sqs";
    static final String QUEUE = "queue";
    static final String MESSAGE = "message";
    static final String DEDUP = "dedup";
    static final String ATTEMPT = "attempt";

    record QueueState(String name, boolean fifo, long createdAt, long lastModifiedAt, Map<String, String> attributes,
            Map<String, String> tags, long lastPurgeAt) {
    }

    record MessageState(String id, String body, Map<String, AttributeValue> attributes, String traceHeader,
            long sentAt, String senderId, String groupId, String deduplicationId, String sequenceNumber,
            long enqueuedAt, long arrival, String deadLetterSourceArn, long visibleAt, int receiveCount,
            long firstReceiveAt, long epoch, long version) {

        static MessageState of(SqsMessage m) {
            return new MessageState(m.id, m.body, m.attributes, m.traceHeader, m.sentAt, m.senderId, m.groupId,
                    m.deduplicationId, m.sequenceNumber, m.enqueuedAt, m.arrival, m.deadLetterSourceArn, m.visibleAt,
                    m.receiveCount, m.firstReceiveAt, m.epoch, m.version);
        }

        SqsMessage toMessage() {
            SqsMessage m = new SqsMessage(id, body, attributes == null ? Map.of() : attributes, traceHeader, sentAt,
                    senderId, groupId, deduplicationId, sequenceNumber);
            m.enqueuedAt = enqueuedAt;
            m.arrival = arrival;
            m.deadLetterSourceArn = deadLetterSourceArn;
            m.visibleAt = visibleAt;
            m.receiveCount = receiveCount;
            m.firstReceiveAt = firstReceiveAt;
            m.epoch = epoch;
            m.version = version;
            return m;
        }
    }

    record DedupState(String dedupKey, MessageState original, long expiresAt) {
    }

    /** A FIFO receive remembered under its ReceiveRequestAttemptId: what it delivered, for five minutes. */
    record AttemptState(String attemptId, List<AttemptDelivery> deliveries, long expiresAt) {
        static AttemptState of(String attemptId, Queue.Attempt a) {
            List<AttemptDelivery> out = new java.util.ArrayList<>();
            a.deliveries().forEach(d -> out.add(new AttemptDelivery(d.message().id, d.receiptHandle(), d.receiveCount(),
                    d.firstReceiveAt(), d.deadLetterSourceArn())));
            return new AttemptState(attemptId, out, a.expiresAt());
        }
    }

    record AttemptDelivery(String messageId, String receiptHandle, int receiveCount, long firstReceiveAt,
            String deadLetterSourceArn) {
    }

    private final ServiceContext context;
    private final StateStore state;

    SqsRecords(ServiceContext context) {
        this.context = context;
        this.state = context.state();
    }

    /** Records nothing (unit tests of a lone queue). */
    SqsRecords() {
        this.context = null;
        this.state = StateStore.NONE;
    }

    boolean enabled() {
        return state.enabled();
    }

    /** Call with the queue's monitor held. */
    void queue(Queue q) {
        if (state.enabled()) {
            state.put(SERVICE, q.account, q.region, QUEUE, q.name, queueState(q));
        }
    }

    QueueState queueState(Queue q) {
        Map<String, String> tags = context.registry().byArn(q.arn).map(RegisteredResource::tags).orElse(Map.of());
        return new QueueState(q.name, q.fifo, q.createdAt, q.lastModifiedAt(), q.attributes(),
                new LinkedHashMap<>(tags), q.lastPurgeAt());
    }

    void queueDeleted(Queue q) {
        if (state.enabled()) {
            state.delete(SERVICE, q.account, q.region, QUEUE, q.name);
        }
    }

    /** Journals the records {@code changes} writes as one frame: a restart finds all of them or none. */
    void atomically(Runnable changes) {
        state.atomically(changes);
    }

    void message(Queue q, SqsMessage m) {
        if (state.enabled()) {
            state.put(SERVICE, q.account, q.region, MESSAGE, q.name + "/" + m.id, MessageState.of(m));
        }
    }

    void messageGone(Queue q, SqsMessage m) {
        if (state.enabled()) {
            state.delete(SERVICE, q.account, q.region, MESSAGE, q.name + "/" + m.id);
        }
    }

    void dedup(Queue q, String key, SqsMessage original, long expiresAt) {
        if (state.enabled()) {
            state.put(SERVICE, q.account, q.region, DEDUP, q.name + "/" + key,
                    new DedupState(key, MessageState.of(original), expiresAt));
        }
    }

    void dedupGone(Queue q, String key) {
        if (state.enabled()) {
            state.delete(SERVICE, q.account, q.region, DEDUP, q.name + "/" + key);
        }
    }

    void attempt(Queue q, String attemptId, Queue.Attempt a) {
        if (state.enabled()) {
            state.put(SERVICE, q.account, q.region, ATTEMPT, q.name + "/" + attemptId, AttemptState.of(attemptId, a));
        }
    }

    void attemptGone(Queue q, String attemptId) {
        if (state.enabled()) {
            state.delete(SERVICE, q.account, q.region, ATTEMPT, q.name + "/" + attemptId);
        }
    }

    static StateRecord record(Queue q, String kind, String key, Object value) {
        return StateRecord.of(SERVICE, q.account, q.region, kind, key, value);
    }

    /** Every record of one queue, taken under its monitor (a snapshot's capture). */
    void capture(Queue q, Consumer<StateRecord> sink) {
        q.capture(this, sink);
    }
}
