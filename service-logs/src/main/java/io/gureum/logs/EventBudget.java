package io.gureum.logs;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bounds the memory that stored events take: events are kept in memory only, so once their bytes
 * (counted as AWS counts them, UTF-8 message + 26) pass the budget, the events ingested first are
 * dropped, whatever their stream. AWS keeps events until their retention expires; Gureum is a test
 * double, so the budget (256 MiB unless {@code -Dgureum.logs.maxStoredBytes} says otherwise) is
 * documented in {@code docs/services/logs.md}. Thread-safe.
 */
final class EventBudget {
    static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

    private record Entry(LogStream stream, StoredEvent event) {
    }

    private final long maxBytes;
    private final Deque<Entry> ingested = new ArrayDeque<>();
    private long bytes;
    private long live;

    EventBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    static EventBudget fromSystemProperties() {
        return new EventBudget(Long.getLong("gureum.logs.maxStoredBytes", DEFAULT_MAX_BYTES));
    }

    /** Records events just stored in {@code stream}, then drops the oldest-ingested events while over budget. */
    synchronized void added(LogStream stream, Iterable<StoredEvent> events) {
        for (StoredEvent e : events) {
            ingested.addLast(new Entry(stream, e));
            bytes += e.size();
            live++;
        }
        while (bytes > maxBytes && !ingested.isEmpty()) {
            Entry oldest = ingested.pollFirst();
            if (oldest.stream().remove(oldest.event())) {
                bytes -= oldest.event().size();
                live--;
            }
        }
    }

    /** Records events removed otherwise (retention, deleted streams and groups). */
    synchronized void removed(Iterable<StoredEvent> events) {
        for (StoredEvent e : events) {
            bytes -= e.size();
            live--;
        }
        // Entries of removed events stay queued until compaction keeps the queue near the live count.
        if (ingested.size() > 2 * live + 1024) {
            ingested.removeIf(entry -> !entry.stream().contains(entry.event()));
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized long events() {
        return live;
    }
}
