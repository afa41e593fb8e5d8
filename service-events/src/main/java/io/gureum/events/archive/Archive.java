package io.gureum.events.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.patterns.EventPattern;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One archive: its settings and the events it kept, oldest first. Synchronized on itself. */
public final class Archive {
    /** An archived event, when the bus received it, and its place in the archive (its record's key). */
    public record Kept(Instant received, ObjectNode event, long size, long ordinal) {
    }

    /**
     * The archive's identity in {@code --data-dir}: its events' records name it, so those of a deleted archive are
     * not taken for a new archive of the same name.
     */
    public volatile String id = java.util.UUID.randomUUID().toString();
    /** How many events the archive ever kept: the next one's ordinal. */
    private long added;
    public final String name;
    public final String arn;
    public final String eventSourceArn;
    public final Instant creationTime;
    public volatile String description;
    public volatile String eventPatternText;
    public volatile EventPattern eventPattern;
    /** 0: kept indefinitely. */
    public volatile int retentionDays;
    public volatile String state = "ENABLED";
    private final List<Kept> events = new ArrayList<>();

    public Archive(String name, String arn, String eventSourceArn, Instant creationTime) {
        this.name = name;
        this.arn = arn;
        this.eventSourceArn = eventSourceArn;
        this.creationTime = creationTime;
    }

    /** Keeps {@code event} when the archive's pattern (if any) matches it; returns what it kept, or null. */
    public synchronized Kept offer(ObjectNode event, Instant received) {
        EventPattern p = eventPattern;
        if (state.equals("ENABLED") && (p == null || p.matches(event))) {
            Kept k = new Kept(received, event, event.toString().getBytes(StandardCharsets.UTF_8).length, added++);
            events.add(k);
            return k;
        }
        return null;
    }

    /** Events kept before a restart, in any order; those past retention go at the next {@link #expire}. */
    public synchronized void restore(List<Kept> kept) {
        List<Kept> sorted = new ArrayList<>(kept);
        sorted.sort(java.util.Comparator.comparingLong(Kept::ordinal));
        for (Kept k : sorted) {
            events.add(k);
            added = Math.max(added, k.ordinal() + 1);
        }
    }

    /** Every kept event, oldest first (for a snapshot). */
    public synchronized List<Kept> all() {
        return new ArrayList<>(events);
    }

    /** Drops the events older than RetentionDays at {@code now}. */
    public synchronized void expire(Instant now) {
        if (retentionDays > 0) {
            Instant oldest = now.minus(Duration.ofDays(retentionDays));
            events.removeIf(k -> k.received().isBefore(oldest));
        }
    }

    public synchronized long eventCount() {
        return events.size();
    }

    public synchronized long sizeBytes() {
        return events.stream().mapToLong(Kept::size).sum();
    }

    /** The kept events received in [{@code from}, {@code to}). */
    public synchronized List<Kept> between(Instant from, Instant to) {
        return events.stream().filter(k -> !k.received().isBefore(from) && k.received().isBefore(to)).toList();
    }
}
