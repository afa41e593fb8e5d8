package io.gureum.core.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the clock's advances through {@code POST /_gureum/clock} triggered, newest first: the resources
 * that appeared or went away while the services caught up with the new time (expired deletions,
 * terminated instances aged out …). Bounded to the last {@value #MAX} advances.
 */
final class ClockLog {
    private static final int MAX = 100;

    private record Entry(Instant from, Instant to, long seconds, List<String> created, List<String> removed) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    synchronized void record(Instant from, Instant to, long seconds, Set<String> before, Set<String> after) {
        TreeSet<String> created = new TreeSet<>(after);
        created.removeAll(before);
        TreeSet<String> removed = new TreeSet<>(before);
        removed.removeAll(after);
        entries.addFirst(new Entry(from, to, seconds, List.copyOf(created), List.copyOf(removed)));
        while (entries.size() > MAX) {
            entries.removeLast();
        }
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized ObjectNode toJson(ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("events");
        for (Entry e : entries) {
            ObjectNode n = list.addObject();
            n.put("from", e.from().toString());
            n.put("to", e.to().toString());
            n.put("advanceSeconds", e.seconds());
            e.created().forEach(n.putArray("created")::add);
            e.removed().forEach(n.putArray("removed")::add);
        }
        return body;
    }
}
