package io.gureum.ec2.compute;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The records of one place read back at restore: JSON trees by kind and key. */
public final class PlaceRecords {
    private final Map<String, Map<String, JsonNode>> byKind = new HashMap<>();

    void add(String kind, String key, JsonNode value) {
        byKind.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(key, value);
    }

    /** The records of a kind by key (empty when none). */
    public Map<String, JsonNode> of(String kind) {
        return byKind.getOrDefault(kind, Map.of());
    }

    /**
     * The records of a kind in the order their resources were made (the instant in field {@code time} of
     * the record's resource, then the key), so that describes list them as before the restart.
     */
    public List<JsonNode> inOrder(String kind, String time) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(of(kind).entrySet());
        entries.sort(Comparator.comparing((Map.Entry<String, JsonNode> e) -> instant(e.getValue(), time),
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Map.Entry::getKey));
        return entries.stream().map(Map.Entry::getValue).toList();
    }

    private static Instant instant(JsonNode record, String field) {
        JsonNode t = record.path("resource").path(field);
        return t.isTextual() ? Instant.parse(t.asText()) : null;
    }
}
