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
    /** An archived event and when the bus received it. */
    public record Kept(Instant received, ObjectNode event, long size) {
    }

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

    /** Keeps {@code event} when the archive's pattern (if any) matches it. */
    public synchronized void offer(ObjectNode event, Instant received) {
        EventPattern p = eventPattern;
        if (state.equals("ENABLED") && (p == null || p.matches(event))) {
            events.add(new Kept(received, event, event.toString().getBytes(StandardCharsets.UTF_8).length));
        }
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
