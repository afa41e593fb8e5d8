package io.gureum.logs;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * One log event as stored: ordered in its stream by {@code timestamp}, then by {@code seq} (the order
 * of ingestion, unique on the server), which also makes its 56-digit {@code eventId}. {@code transformed} is what
 * the group's transformer made of {@code message} at ingestion, or null.
 */
record StoredEvent(long timestamp, long ingestionTime, String message, long seq, String transformed) {
    StoredEvent(long timestamp, long ingestionTime, String message, long seq) {
        this(timestamp, ingestionTime, message, seq, null);
    }

    /** The message Logs Insights reads: the transformed version when there is one (API_PutTransformer.html). */
    String insightsMessage() {
        return transformed != null ? transformed : message;
    }

    /** The bytes AWS counts for an event: its UTF-8 message plus 26 (PutLogEvents API reference). */
    static final int OVERHEAD = 26;

    static final Comparator<StoredEvent> ORDER =
            Comparator.comparingLong(StoredEvent::timestamp).thenComparingLong(StoredEvent::seq);

    long size() {
        return message.getBytes(StandardCharsets.UTF_8).length + (long) OVERHEAD;
    }

    /** AWS's event IDs are 56-digit decimal strings. */
    String eventId() {
        return String.format("%020d%036d", Math.max(0, timestamp), seq);
    }

    /** A probe for searching a stream: sorts after every event of {@code timestamp} with a lower seq. */
    static StoredEvent probe(long timestamp, long seq) {
        return new StoredEvent(timestamp, 0, "", seq);
    }
}
