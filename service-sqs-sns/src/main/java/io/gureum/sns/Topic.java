package io.gureum.sns;

import io.gureum.core.ids.Arn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A topic: settable attributes, its subscriptions (read lock-free on every publish) and FIFO state. */
final class Topic {
    static final long FIVE_MINUTES = 5 * 60 * 1000L;

    /** A FIFO publish remembered under its deduplication ID for five minutes (also a record, {@link SnsRecords}). */
    record Dedup(String deduplicationId, String messageId, String sequenceNumber, long expiresAt) {
    }

    final Arn arn;
    final String arnText;
    final String name;
    final String account;
    final String region;
    final boolean fifo;
    final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    /** What a FIFO topic with an ArchivePolicy keeps for replays. */
    final MessageArchive archive = new MessageArchive();

    private final Map<String, String> attributes;
    private final LinkedHashMap<String, Dedup> deduplication = new LinkedHashMap<>();
    private long sequence;
    volatile int subscriptionsDeleted;
    /** The Policy attribute, readable without the topic's monitor (the authorizer reads it per request). */
    private volatile String accessPolicy;

    Topic(Arn arn, String name, boolean fifo, Map<String, String> attributes, long now) {
        this.arn = arn;
        this.arnText = arn.toString();
        this.name = name;
        this.account = arn.accountId();
        this.region = arn.region();
        this.fifo = fifo;
        this.attributes = new LinkedHashMap<>(attributes);
        this.accessPolicy = attributes.get("Policy");
        this.archive.configure(MessageArchive.retentionDays(attributes.get("ArchivePolicy")), now);
        this.sequence = 10_000_000_000_000_000L + (now % 1_000_000_000L) * 1000;
    }

    synchronized Map<String, String> attributes() {
        return new LinkedHashMap<>(attributes);
    }

    synchronized String attribute(String name) {
        return attributes.get(name);
    }

    synchronized void setAttribute(String name, String value) {
        if (value == null || value.isEmpty() && !name.equals("DisplayName")) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        accessPolicy = attributes.get("Policy");
    }

    /** The topic's access policy document, or null. */
    String accessPolicy() {
        return accessPolicy;
    }

    /** FIFO: the earlier publish's ID and sequence number if this deduplication ID was seen in five minutes. */
    synchronized String[] deduplicate(String dedupId, long now) {
        deduplication.values().removeIf(d -> d.expiresAt() <= now);
        Dedup d = deduplication.get(dedupId);
        return d == null ? null : new String[] {d.messageId(), d.sequenceNumber()};
    }

    synchronized Dedup remember(String dedupId, String messageId, String sequenceNumber, long now) {
        Dedup d = new Dedup(dedupId, messageId, sequenceNumber, now + FIVE_MINUTES);
        deduplication.put(dedupId, d);
        return d;
    }

    /** The deduplication entries still in their window, for a snapshot. */
    synchronized List<Dedup> deduplications(long now) {
        return deduplication.values().stream().filter(d -> d.expiresAt() > now).toList();
    }

    /** At restore: an entry of the window as journaled, if it is still in it. */
    synchronized void restore(Dedup d, long now) {
        if (d.expiresAt() > now) {
            deduplication.put(d.deduplicationId(), d);
        }
        continueAfter(d.sequenceNumber());
    }

    /** At restore: later sequence numbers follow {@code sequenceNumber}, as a topic's never go back. */
    synchronized void continueAfter(String sequenceNumber) {
        sequence = Math.max(sequence, Long.parseLong(sequenceNumber));
    }

    synchronized String nextSequenceNumber() {
        sequence += 1 + (sequence & 3);
        return String.format("%020d", sequence);
    }
}
