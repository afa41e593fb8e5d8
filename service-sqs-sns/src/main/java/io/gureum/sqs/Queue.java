package io.gureum.sqs;

import io.gureum.core.ids.Arn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One queue: its attributes and its messages. Every message operation holds the queue's monitor;
 * nothing that may take another queue's monitor (dead-letter moves) runs while it is held.
 * Times are epoch milliseconds of the core clock.
 */
final class Queue {
    /** FIFO deduplication and receive-attempt windows. */
    static final long FIVE_MINUTES = 5 * 60 * 1000L;

    record SendSpec(String body, Map<String, AttributeValue> attributes, String traceHeader, Integer delaySeconds,
            String groupId, String deduplicationId, String senderId) {
    }

    record SendResult(SqsMessage message, boolean duplicate) {
    }

    /** A delivered message with its state at delivery time. */
    record Delivery(SqsMessage message, String receiptHandle, int receiveCount, long firstReceiveAt,
            String deadLetterSourceArn) {
    }

    record Counts(int visible, int inFlight, int delayed) {
    }

    private record Dedup(SqsMessage original, long expiresAt) {
    }

    record Attempt(List<Delivery> deliveries, long expiresAt) {
    }

    final String account;
    final String region;
    final String name;
    final Arn arn;
    final String arnText;
    final boolean fifo;
    final long createdAt;

    /**
     * Never changed in place: {@link #setAttributes} swaps in a new map, so queues created with the default attributes
     * share one map ({@link QueueAttributes#shared}) rather than each holding ~500 bytes of equal entries.
     */
    private Map<String, String> attributes;
    private long lastModifiedAt;
    private Redrive.Policy redrivePolicy;
    private Redrive.AllowPolicy allowPolicy;
    /** The Policy attribute, readable without the queue's monitor (the authorizer reads it per request). */
    private volatile String accessPolicy;

    private final Map<String, SqsMessage> byId = new HashMap<>();
    private final MessageStore store;
    private final LinkedHashMap<String, Dedup> deduplication = new LinkedHashMap<>();
    private final Map<String, Attempt> attempts = new HashMap<>();
    /** Sized at first use: most queues never have a long poll waiting (an empty ArrayDeque() holds 17 slots). */
    private final ArrayDeque<CompletableFuture<Void>> waiters = new ArrayDeque<>(0);
    private long sequence;
    private long arrivals;
    private long lastPurgeAt = Long.MIN_VALUE;
    private volatile boolean deleted; // read without the lock on every request's queue lookup
    private final SqsRecords records;

    Queue(String account, String region, String name, Arn arn, boolean fifo, Map<String, String> attributes, long now,
            SqsRecords records) {
        this.records = records;
        this.account = account;
        this.region = region;
        this.name = name;
        this.arn = arn;
        this.arnText = arn.toString();
        this.fifo = fifo;
        this.createdAt = now;
        this.lastModifiedAt = now;
        this.attributes = QueueAttributes.shared(attributes);
        this.store = fifo ? new FifoMessages() : new StandardMessages();
        this.sequence = 18_000_000_000_000_000L + (now % 1_000_000_000L) * 1000;
        refreshPolicies();
    }

    // ---- attributes -------------------------------------------------------------------------

    synchronized Map<String, String> attributes() {
        return new LinkedHashMap<>(attributes);
    }

    synchronized String attribute(String name) {
        return attributes.get(name);
    }

    synchronized int intAttribute(String name) {
        return QueueAttributes.intValue(attributes, name);
    }

    synchronized long lastModifiedAt() {
        return lastModifiedAt;
    }

    /** Applies already validated values (null removes the attribute). */
    synchronized void setAttributes(Map<String, String> values, long now) {
        Map<String, String> next = new LinkedHashMap<>(attributes);
        values.forEach((k, v) -> {
            if (v == null) {
                next.remove(k);
            } else {
                next.put(k, v);
            }
        });
        QueueAttributes.checkCombination(next);
        attributes = QueueAttributes.shared(next);
        lastModifiedAt = now;
        refreshPolicies();
        records.queue(this);
    }

    synchronized long lastPurgeAt() {
        return lastPurgeAt;
    }

    /** Records the queue again (its tags changed in the registry), under its monitor. */
    synchronized void recordQueue() {
        records.queue(this);
    }

    private void refreshPolicies() {
        String rp = attributes.get(QueueAttributes.REDRIVE_POLICY);
        redrivePolicy = rp == null ? null : Redrive.parsePolicy(rp);
        String ap = attributes.get(QueueAttributes.REDRIVE_ALLOW_POLICY);
        allowPolicy = ap == null ? null : Redrive.parseAllowPolicy(ap);
        accessPolicy = attributes.get(QueueAttributes.POLICY);
    }

    /** The queue's access policy document, or null. */
    String accessPolicy() {
        return accessPolicy;
    }

    synchronized Redrive.Policy redrivePolicy() {
        return redrivePolicy;
    }

    /** Whether this queue may be the dead-letter queue of {@code sourceArn}. */
    synchronized boolean allowsAsDeadLetterSource(String sourceArn) {
        return allowPolicy == null || allowPolicy.allows(sourceArn);
    }

    boolean deleted() {
        return deleted;
    }

    /**
     * DeleteQueue: the queue and its messages leave memory and the records. Called with the region's monitor held,
     * which serialises a name's creations and deletions, so the journal has a re-created queue's record after this
     * one's removal.
     */
    void delete() {
        synchronized (this) {
            if (!deleted) {
                byId.values().forEach(m -> records.messageGone(this, m));
                deduplication.keySet().forEach(k -> records.dedupGone(this, k));
                records.queueDeleted(this);
            }
        }
        markDeleted();
    }

    /** Closes the queue (DeleteQueue, or the server stopping: then its records stay). */
    void markDeleted() {
        List<CompletableFuture<Void>> wake;
        synchronized (this) {
            deleted = true;
            byId.clear();
            store.clear();
            wake = new ArrayList<>(waiters);
            waiters.clear();
        }
        wake.forEach(f -> f.complete(null));
    }

    // ---- messages ---------------------------------------------------------------------------

    /**
     * Adds a message (FIFO deduplication included); the caller signals waiters afterwards. A send that found the
     * queue just before a DeleteQueue and gets here after it fails as a later one would: its record would name a
     * queue whose record is gone.
     */
    synchronized SendResult send(SendSpec spec, String messageId, long now) {
        if (deleted) {
            throw SqsErrors.nonExistentQueue();
        }
        String dedupKey = null;
        if (fifo) {
            String dedupId = spec.deduplicationId();
            if (dedupId == null && "true".equals(attributes.get(QueueAttributes.CONTENT_BASED_DEDUPLICATION))) {
                dedupId = sha256(spec.body());
            }
            if (dedupId == null) {
                dedupId = sha256(spec.body()); // in-process senders (SNS) without an ID
            }
            expireDeduplication(now);
            dedupKey = "messageGroup".equals(attributes.get(QueueAttributes.DEDUPLICATION_SCOPE))
                    ? spec.groupId() + "\u0000" + dedupId : dedupId;
            Dedup seen = deduplication.get(dedupKey);
            if (seen != null) {
                return new SendResult(seen.original(), true);
            }
            spec = new SendSpec(spec.body(), spec.attributes(), spec.traceHeader(), spec.delaySeconds(),
                    spec.groupId(), dedupId, spec.senderId());
        }
        int delay = spec.delaySeconds() != null ? spec.delaySeconds()
                : QueueAttributes.intValue(attributes, QueueAttributes.DELAY_SECONDS);
        SqsMessage m = new SqsMessage(messageId, spec.body(), spec.attributes(), spec.traceHeader(), now,
                spec.senderId(), spec.groupId(), spec.deduplicationId(), fifo ? nextSequenceNumber() : null);
        m.visibleAt = now + delay * 1000L;
        m.arrival = ++arrivals;
        byId.put(m.id, m);
        store.add(m, now);
        if (dedupKey == null) {
            records.message(this, m);
        } else {
            deduplication.put(dedupKey, new Dedup(m, now + FIVE_MINUTES));
            // One journal frame: a crash never keeps the message without its deduplication entry (a retry within
            // the 5 minutes would then send it twice) nor the entry without the message.
            String key = dedupKey;
            records.atomically(() -> {
                records.message(this, m);
                records.dedup(this, key, m, now + FIVE_MINUTES);
            });
        }
        return new SendResult(m, false);
    }

    /** Takes messages moved here from another queue (dead-letter moves, move tasks). */
    void acceptMoved(List<SqsMessage> messages, String sourceArn, long now, boolean deadLetter) {
        if (messages.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (deleted) {
                return;
            }
            for (SqsMessage original : messages) {
                SqsMessage m = original.copyFor(fifo ? nextSequenceNumber() : null);
                // A standard queue keeps the original enqueue time for retention; a FIFO queue resets it.
                m.enqueuedAt = fifo ? now : original.enqueuedAt;
                m.deadLetterSourceArn = deadLetter ? sourceArn : null;
                if (!deadLetter) {
                    m.receiveCount = 0;
                    m.firstReceiveAt = 0;
                }
                m.visibleAt = now;
                m.arrival = ++arrivals;
                byId.put(m.id, m);
                store.add(m, now);
                records.message(this, m);
            }
        }
        signal(messages.size());
    }

    /**
     * Receives up to {@code max} messages. Messages past their retention are dropped, and those
     * received more than the redrive policy's maxReceiveCount go to the dead-letter queue.
     */
    List<Delivery> receive(int max, int visibilityTimeout, String attemptId, long now,
            Function<String, Queue> queuesByArn) {
        List<SqsMessage> moved = new ArrayList<>();
        List<Delivery> out = new ArrayList<>();
        Queue deadLetterQueue;
        synchronized (this) {
            if (deleted) {
                return List.of();
            }
            if (attemptId != null) {
                List<Delivery> again = repeatAttempt(attemptId, now);
                if (again != null) {
                    return again;
                }
            }
            long retentionMs = QueueAttributes.intValue(attributes, QueueAttributes.MESSAGE_RETENTION_PERIOD) * 1000L;
            Redrive.Policy redrive = redrivePolicy;
            Queue dlq = redrive == null ? null : queuesByArn.apply(redrive.deadLetterTargetArn());
            deadLetterQueue = dlq != null && dlq != this ? dlq : null;
            List<SqsMessage> taken = store.take(now, max, m -> {
                if (now >= m.enqueuedAt + retentionMs) {
                    drop(m);
                    return MessageStore.Decision.DROP;
                }
                if (deadLetterQueue != null && m.receiveCount >= redrive.maxReceiveCount()) {
                    dropUnrecorded(m); // its record goes once the dead-letter queue has recorded its copy
                    moved.add(m);
                    return MessageStore.Decision.DROP;
                }
                return MessageStore.Decision.DELIVER;
            });
            for (SqsMessage m : taken) {
                m.receiveCount++;
                if (m.firstReceiveAt == 0) {
                    m.firstReceiveAt = now;
                }
                m.epoch++;
                m.version++;
                m.visibleAt = now + visibilityTimeout * 1000L;
                store.visibilityChanged(m, now);
                records.message(this, m);
                out.add(new Delivery(m, ReceiptHandles.encode(arnText, m.id, m.epoch), m.receiveCount,
                        m.firstReceiveAt, m.deadLetterSourceArn));
            }
            if (attemptId != null && !out.isEmpty()) {
                // An empty answer is not remembered: a retry with the same ID may then find messages.
                attempts.entrySet().removeIf(e -> {
                    if (e.getValue().expiresAt() > now) {
                        return false;
                    }
                    records.attemptGone(this, e.getKey());
                    return true;
                });
                Attempt attempt = new Attempt(List.copyOf(out), now + FIVE_MINUTES);
                attempts.put(attemptId, attempt);
                records.attempt(this, attemptId, attempt);
            }
        }
        if (deadLetterQueue != null && !moved.isEmpty()) {
            deadLetterQueue.acceptMoved(moved, arnText, now, true);
            recordGone(moved);
        }
        return out;
    }

    /**
     * A FIFO receive retried with the same ReceiveRequestAttemptId within five minutes gets the same
     * messages and receipt handles while none of them was deleted or changed visibility
     * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html).
     */
    private List<Delivery> repeatAttempt(String attemptId, long now) {
        Attempt a = attempts.get(attemptId);
        if (a == null || a.expiresAt() <= now) {
            return null;
        }
        for (Delivery d : a.deliveries()) {
            SqsMessage m = d.message();
            if (m.deleted || !m.inFlight(now) || ReceiptHandles.decode(d.receiptHandle()).epoch() != m.epoch) {
                return null;
            }
        }
        return a.deliveries();
    }

    private void drop(SqsMessage m) {
        m.deleted = true;
        if (byId.remove(m.id) != null) {
            records.messageGone(this, m);
        }
    }

    /**
     * Takes a message that moves to another queue out of memory, leaving its record to {@link #recordGone}: a
     * move journals the copy in the other queue first and the removal here after it, so a crash between the two
     * records leaves the message in both queues (delivered at least once) rather than in neither.
     */
    private void dropUnrecorded(SqsMessage m) {
        m.deleted = true;
        byId.remove(m.id);
    }

    /**
     * Journals the removal of moved messages once their copies are recorded elsewhere ({@link #dropUnrecorded}):
     * under this queue's monitor, as memory has them now (a message moved back meanwhile is here again and its
     * record stays).
     */
    void recordGone(List<SqsMessage> moved) {
        synchronized (this) {
            for (SqsMessage m : moved) {
                if (!byId.containsKey(m.id)) {
                    records.messageGone(this, m);
                }
            }
        }
    }

    /**
     * Deletes by receipt handle. On a standard queue a handle of an earlier delivery succeeds without
     * deleting, as in AWS; a FIFO queue refuses a handle whose delivery is over ("The receipt handle has
     * expired"), see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html
     */
    void delete(String receiptHandle, long now) {
        boolean unlocked;
        synchronized (this) {
            SqsMessage m = messageOf(receiptHandle);
            if (m == null) {
                return;
            }
            ReceiptHandles.Parsed p = ReceiptHandles.decode(receiptHandle);
            if (p.epoch() != m.epoch || (fifo && !m.inFlight(now))) {
                if (fifo) {
                    throw SqsErrors.receiptHandleExpired(receiptHandle);
                }
                return;
            }
            drop(m);
            store.remove(m);
            unlocked = fifo;
        }
        if (unlocked) {
            signal(1); // the message's group may be receivable again
        }
    }

    void changeVisibility(String receiptHandle, int timeout, long now) {
        synchronized (this) {
            SqsMessage m = messageOf(receiptHandle);
            ReceiptHandles.Parsed p = ReceiptHandles.decode(receiptHandle);
            if (m == null || p.epoch() != m.epoch || !m.inFlight(now)) {
                throw SqsErrors.notAvailableForVisibilityChange(receiptHandle);
            }
            if (now + timeout * 1000L > m.firstReceiveAt + 43_200_000L) {
                throw SqsErrors.invalidParameterValue("VisibilityTimeout", timeout,
                        "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]");
            }
            m.version++;
            m.visibleAt = now + timeout * 1000L;
            store.visibilityChanged(m, now);
            records.message(this, m);
        }
        if (timeout == 0) {
            signal(1);
        }
    }

    /** The message a handle names, or null when it is gone; throws when the handle is not this queue's. */
    private SqsMessage messageOf(String receiptHandle) {
        ReceiptHandles.Parsed p = ReceiptHandles.decode(receiptHandle);
        if (p == null || !p.queueArn().equals(arnText)) {
            throw SqsErrors.receiptHandleInvalid(receiptHandle);
        }
        return byId.get(p.messageId());
    }

    synchronized void purge(long now) {
        if (lastPurgeAt != Long.MIN_VALUE && now < lastPurgeAt + 60_000) {
            throw SqsErrors.purgeInProgress(name);
        }
        lastPurgeAt = now;
        byId.values().forEach(m -> {
            m.deleted = true;
            records.messageGone(this, m);
        });
        byId.clear();
        store.clear();
        records.queue(this);
    }

    synchronized Counts counts(long now) {
        long retentionMs = QueueAttributes.intValue(attributes, QueueAttributes.MESSAGE_RETENTION_PERIOD) * 1000L;
        int visible = 0;
        int inFlight = 0;
        int delayed = 0;
        for (SqsMessage m : byId.values()) {
            if (now >= m.enqueuedAt + retentionMs) {
                continue;
            }
            if (m.inFlight(now)) {
                inFlight++;
            } else if (m.delayed(now)) {
                delayed++;
            } else {
                visible++;
            }
        }
        return new Counts(visible, inFlight, delayed);
    }

    /** Seconds since the oldest message still in the queue was added to it; 0 when it is empty. */
    synchronized long oldestAgeSeconds(long now) {
        long oldest = now;
        for (SqsMessage m : byId.values()) {
            oldest = Math.min(oldest, m.enqueuedAt);
        }
        return (now - oldest) / 1000;
    }

    /** Messages in send order with their state, without changing anything (the peek endpoint). */
    synchronized List<Map.Entry<SqsMessage, String>> peek(long now) {
        List<Map.Entry<SqsMessage, String>> out = new ArrayList<>();
        byId.values().stream().sorted((a, b) -> Long.compare(a.arrival, b.arrival))
                .forEach(m -> out.add(Map.entry(m,
                        m.inFlight(now) ? "inflight" : m.delayed(now) ? "delayed" : "visible")));
        return out;
    }

    /**
     * Visible messages, removed from memory for a move task; their records stay until the task has recorded
     * them in their destination and calls {@link #recordGone}.
     */
    synchronized List<SqsMessage> takeForMove(int max, long now) {
        List<SqsMessage> taken = store.take(now, max, m -> MessageStore.Decision.DELIVER);
        for (SqsMessage m : taken) {
            dropUnrecorded(m);
            store.remove(m);
        }
        return taken;
    }

    synchronized int approximateVisible(long now) {
        return counts(now).visible();
    }

    // ---- long polling ----------------------------------------------------------------------

    /**
     * Registers {@code waiter} unless a receive could succeed now (then returns false and the caller
     * retries at once). Checking and registering under the same monitor as send means no wake-up is lost.
     */
    synchronized boolean addWaiterIfEmpty(CompletableFuture<Void> waiter, long now) {
        if (deleted || store.hasReceivable(now)) {
            return false;
        }
        waiters.addLast(waiter);
        return true;
    }

    synchronized void removeWaiter(CompletableFuture<Void> waiter) {
        waiters.remove(waiter);
    }

    synchronized long nextDueAt(long now) {
        return store.nextDueAt(now);
    }

    /** Wakes up to {@code n} waiting receives (outside the monitor). */
    void signal(int n) {
        List<CompletableFuture<Void>> wake = new ArrayList<>(Math.min(n, 16));
        synchronized (this) {
            for (Iterator<CompletableFuture<Void>> it = waiters.iterator(); it.hasNext() && wake.size() < n; ) {
                CompletableFuture<Void> f = it.next();
                it.remove();
                if (!f.isDone()) {
                    wake.add(f);
                }
            }
        }
        wake.forEach(f -> f.complete(null));
    }

    // ---- persistence (--data-dir) -------------------------------------------------------------

    /** This queue's records as they are now, under its monitor (a snapshot's capture). */
    synchronized void capture(SqsRecords r, java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
        if (deleted) {
            return;
        }
        sink.accept(SqsRecords.record(this, SqsRecords.QUEUE, name, r.queueState(this)));
        for (SqsMessage m : byId.values()) {
            sink.accept(SqsRecords.record(this, SqsRecords.MESSAGE, name + "/" + m.id, SqsRecords.MessageState.of(m)));
        }
        deduplication.forEach((k, d) -> sink.accept(SqsRecords.record(this, SqsRecords.DEDUP, name + "/" + k,
                new SqsRecords.DedupState(k, SqsRecords.MessageState.of(d.original()), d.expiresAt()))));
        attempts.forEach((k, a) -> sink.accept(SqsRecords.record(this, SqsRecords.ATTEMPT, name + "/" + k,
                SqsRecords.AttemptState.of(k, a))));
    }

    /**
     * Puts back what a restart found: messages in arrival order (a FIFO group's order), deduplication
     * entries still in their window, and sequence numbers that go on growing from the largest seen.
     */
    synchronized void restore(long lastModified, long purgedAt, List<SqsMessage> messages,
            List<SqsRecords.DedupState> dedups, List<SqsRecords.AttemptState> attemptStates, long now) {
        lastModifiedAt = lastModified;
        lastPurgeAt = purgedAt;
        messages.sort((a, b) -> Long.compare(a.arrival, b.arrival));
        for (SqsMessage m : messages) {
            byId.put(m.id, m);
            store.add(m, now);
            arrivals = Math.max(arrivals, m.arrival);
            advanceSequence(m.sequenceNumber);
        }
        dedups.sort((a, b) -> Long.compare(a.expiresAt(), b.expiresAt()));
        for (SqsRecords.DedupState d : dedups) {
            if (d.expiresAt() > now) {
                SqsMessage original = byId.get(d.original().id());
                deduplication.put(d.dedupKey(), new Dedup(original != null ? original : d.original().toMessage(),
                        d.expiresAt()));
                advanceSequence(d.original().sequenceNumber());
            }
        }
        // A receive attempt whose messages are all still here can be retried with the same receipt handles.
        for (SqsRecords.AttemptState a : attemptStates) {
            List<Delivery> deliveries = new ArrayList<>();
            for (SqsRecords.AttemptDelivery d : a.deliveries()) {
                SqsMessage m = byId.get(d.messageId());
                if (m != null) {
                    deliveries.add(new Delivery(m, d.receiptHandle(), d.receiveCount(), d.firstReceiveAt(),
                            d.deadLetterSourceArn()));
                }
            }
            if (a.expiresAt() > now && deliveries.size() == a.deliveries().size()) {
                attempts.put(a.attemptId(), new Attempt(List.copyOf(deliveries), a.expiresAt()));
            }
        }
    }

    private void advanceSequence(String sequenceNumber) {
        if (sequenceNumber != null) {
            sequence = Math.max(sequence, Long.parseLong(sequenceNumber));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private String nextSequenceNumber() {
        sequence += 1 + (sequence & 7); // large and increasing, not consecutive, like AWS's
        return String.format("%020d", sequence);
    }

    private void expireDeduplication(long now) {
        for (Iterator<Dedup> it = deduplication.values().iterator(); it.hasNext(); ) {
            if (it.next().expiresAt() > now) {
                break;
            }
            it.remove();
        }
    }

    static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
