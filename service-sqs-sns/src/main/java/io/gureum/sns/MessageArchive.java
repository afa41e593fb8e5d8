package io.gureum.sns;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A FIFO topic's message archive, kept while the topic has an {@code ArchivePolicy}: every published message
 * for the policy's retention period (1 to 365 days, on the core clock), for subscriptions to replay
 * (https://docs.aws.amazon.com/sns/latest/dg/message-archiving-and-replay-topic-owner.html). Held in memory
 * only, up to {@link #MAX_MESSAGES} messages (the oldest go first).
 */
final class MessageArchive {
    static final int MAX_MESSAGES = 100_000;
    private static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

    /** An archived message and when it was published; also its record for {@code --data-dir}. */
    record Archived(long publishedAt, SnsMessage message) {
    }

    private final ArrayDeque<Archived> messages = new ArrayDeque<>();
    private long retentionMillis;
    private long startedAt;

    /**
     * The retention of an {@code ArchivePolicy} such as {@code {"MessageRetentionPeriod":"30"}}: days from 1 to
     * 365, or null for {@code {}} (no archive).
     */
    static Integer retentionDays(String policy) {
        if (policy == null || policy.isEmpty()) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode n = Topics.requireJson("ArchivePolicy", policy);
        if (n.isEmpty()) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode days = n.get("MessageRetentionPeriod");
        if (n.size() != 1 || days == null) {
            throw SnsErrors.invalidParameter("Attributes Reason: ArchivePolicy must contain only MessageRetentionPeriod");
        }
        try {
            int d = days.isTextual() ? Integer.parseInt(days.asText().trim()) : days.isInt() ? days.asInt() : -1;
            if (d >= 1 && d <= 365) {
                return d;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw SnsErrors.invalidParameter("Attributes Reason: ArchivePolicy: MessageRetentionPeriod must be a number "
                + "of days from 1 to 365");
    }

    /** Starts archiving (or changes the retention); {@code null} days stops it and drops what was kept. */
    synchronized void configure(Integer retentionDays, long now) {
        if (retentionDays == null) {
            retentionMillis = 0;
            messages.clear();
            return;
        }
        if (retentionMillis == 0) {
            startedAt = now;
        }
        retentionMillis = retentionDays * DAY_MILLIS;
    }

    synchronized boolean enabled() {
        return retentionMillis > 0;
    }

    /** Archives a published message; returns what was archived (null when the topic does not archive). */
    synchronized Archived add(SnsMessage m, long now) {
        if (retentionMillis == 0) {
            return null;
        }
        trim(now);
        Archived a = new Archived(now, m);
        messages.addLast(a);
        if (messages.size() > MAX_MESSAGES) {
            messages.removeFirst();
        }
        return a;
    }

    /** When archiving started (for the record of the topic); 0 when it does not archive. */
    synchronized long startedAt() {
        return retentionMillis == 0 ? 0 : startedAt;
    }

    /** At restore: archiving began at {@code at}, and these messages were archived, oldest first. */
    synchronized void restore(long at, List<Archived> archived, long now) {
        if (retentionMillis == 0) {
            return;
        }
        startedAt = at;
        archived.forEach(messages::addLast);
        trim(now);
        while (messages.size() > MAX_MESSAGES) {
            messages.removeFirst();
        }
    }

    /** The archived messages still kept, oldest first (for a snapshot). */
    synchronized List<Archived> kept(long now) {
        trim(now);
        return new ArrayList<>(messages);
    }

    /** The topic's {@code BeginningArchiveTime}: the earliest point a replay can start from, or null. */
    synchronized Instant beginning(long now) {
        return retentionMillis == 0 ? null : Instant.ofEpochMilli(Math.max(startedAt, now - retentionMillis));
    }

    /** The archived messages published from {@code from} to {@code to} (inclusive), oldest first. */
    synchronized List<SnsMessage> between(long from, long to, long now) {
        trim(now);
        List<SnsMessage> out = new ArrayList<>();
        for (Archived a : messages) {
            if (a.publishedAt() >= from && a.publishedAt() <= to) {
                out.add(a.message());
            }
        }
        return out;
    }

    private void trim(long now) {
        while (!messages.isEmpty() && messages.peekFirst().publishedAt() < now - retentionMillis) {
            messages.removeFirst();
        }
    }
}
