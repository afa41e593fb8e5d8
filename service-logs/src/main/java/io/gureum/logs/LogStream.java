package io.gureum.logs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/** A log stream and its events in timestamp order. Thread-safe: every access holds the stream's lock. */
final class LogStream {
    final String name;
    final long creationTime;
    final String arn;
    private final NavigableSet<StoredEvent> events = new TreeSet<>(StoredEvent.ORDER);
    private long lastIngestionTime;
    private long uploads;
    /** The bytes of the messages held, kept as events come and go so DescribeLogGroups need not count them. */
    private long storedBytes;
    /**
     * This stream's identity in {@code --data-dir}: its event records name it, so those of a deleted stream are
     * not taken for a new stream of the same name.
     */
    volatile String id = java.util.UUID.randomUUID().toString();
    /** Events before this timestamp (epoch ms) were removed by retention; a restart does not bring them back. */
    private long droppedBefore = Long.MIN_VALUE;

    LogStream(String name, long creationTime, String arn) {
        this.name = name;
        this.creationTime = creationTime;
        this.arn = arn;
    }

    /** A view of the stream's counters, consistent at one moment. */
    record Summary(Long firstEventTimestamp, Long lastEventTimestamp, Long lastIngestionTime, String sequenceToken) {
    }

    synchronized void append(List<StoredEvent> batch) {
        for (StoredEvent e : batch) {
            if (events.add(e)) {
                storedBytes += e.size() - StoredEvent.OVERHEAD;
            }
            lastIngestionTime = Math.max(lastIngestionTime, e.ingestionTime());
        }
        uploads++;
    }

    synchronized boolean remove(StoredEvent e) {
        if (events.remove(e)) {
            storedBytes -= e.size() - StoredEvent.OVERHEAD;
            return true;
        }
        return false;
    }

    synchronized boolean contains(StoredEvent e) {
        return events.contains(e);
    }

    /** Removes every event older than {@code cutoff} (epoch ms) and returns them. */
    synchronized List<StoredEvent> expire(long cutoff) {
        List<StoredEvent> gone = new ArrayList<>();
        for (Iterator<StoredEvent> it = events.iterator(); it.hasNext();) {
            StoredEvent e = it.next();
            if (e.timestamp() >= cutoff) {
                break;
            }
            gone.add(e);
            it.remove();
            storedBytes -= e.size() - StoredEvent.OVERHEAD;
        }
        if (!gone.isEmpty()) {
            droppedBefore = Math.max(droppedBefore, cutoff);
        }
        return gone;
    }

    synchronized long droppedBefore() {
        return droppedBefore;
    }

    /** After a restart: the events recorded in {@code uploads} batches, less those retention had removed. */
    synchronized List<StoredEvent> restore(List<StoredEvent> recorded, long uploads, long droppedBefore) {
        this.droppedBefore = droppedBefore;
        List<StoredEvent> kept = new ArrayList<>();
        for (StoredEvent e : recorded) {
            lastIngestionTime = Math.max(lastIngestionTime, e.ingestionTime());
            if (e.timestamp() >= droppedBefore && events.add(e)) {
                storedBytes += e.size() - StoredEvent.OVERHEAD;
                kept.add(e);
            }
        }
        this.uploads = uploads;
        return kept;
    }

    synchronized List<StoredEvent> all() {
        return new ArrayList<>(events);
    }

    synchronized long storedBytes() {
        return storedBytes;
    }

    synchronized int size() {
        return events.size();
    }

    /** Up to {@code limit} events after {@code from} (exclusive; null: from the start) that pass {@code keep}. */
    synchronized List<StoredEvent> forward(StoredEvent from, int limit, Predicate<StoredEvent> keep) {
        List<StoredEvent> out = new ArrayList<>();
        for (StoredEvent e : from == null ? events : events.tailSet(from, false)) {
            if (out.size() >= limit) {
                break;
            }
            if (keep.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Up to {@code limit} events before {@code to} (exclusive; null: from the end) that pass {@code keep}, oldest first. */
    synchronized List<StoredEvent> backward(StoredEvent to, int limit, Predicate<StoredEvent> keep) {
        List<StoredEvent> out = new ArrayList<>();
        for (StoredEvent e : (to == null ? events : events.headSet(to, false)).descendingSet()) {
            if (out.size() >= limit) {
                break;
            }
            if (keep.test(e)) {
                out.add(0, e);
            }
        }
        return out;
    }

    synchronized Summary summary() {
        if (events.isEmpty()) {
            return new Summary(null, null, lastIngestionTime == 0 ? null : lastIngestionTime, sequenceToken());
        }
        long last = events.last().timestamp();
        return new Summary(events.first().timestamp(), last, lastIngestionTime, sequenceToken());
    }

    synchronized long lastEventTimestamp() {
        return events.isEmpty() ? 0 : events.last().timestamp();
    }

    /** AWS's sequence tokens are 56-digit decimal strings; they are ignored on input now. */
    synchronized String sequenceToken() {
        return String.format("495%053d", uploads + 1);
    }
}
