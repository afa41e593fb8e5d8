package io.gureum.logs;

import java.util.LinkedHashMap;
import java.util.Map;

/** The tags of a resource other than a log group (destinations, delivery destinations, anomaly detectors, lookup tables). */
final class TagSet {
    private final Map<String, String> tags = new LinkedHashMap<>();

    @com.fasterxml.jackson.annotation.JsonCreator
    TagSet(Map<String, String> initial) {
        tags.putAll(initial);
    }

    /** Written as the plain map in {@code --data-dir} records. */
    @com.fasterxml.jackson.annotation.JsonValue
    synchronized Map<String, String> get() {
        return new LinkedHashMap<>(tags);
    }

    /** Applies {@code add} and removes {@code remove}, unless the result would exceed {@code max} tags. */
    synchronized boolean retag(Map<String, String> add, Iterable<String> remove, int max) {
        Map<String, String> next = new LinkedHashMap<>(tags);
        next.putAll(add);
        remove.forEach(next::remove);
        if (next.size() > max) {
            return false;
        }
        tags.clear();
        tags.putAll(next);
        return true;
    }
}
