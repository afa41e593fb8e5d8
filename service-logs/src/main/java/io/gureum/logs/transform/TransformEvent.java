package io.gureum.logs.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;

/**
 * One log event while processors work on it: the raw message ({@code @message}) until a parser gives it fields,
 * then a JSON object whose keys processors address with dots ({@code store.book}). The metadata keys copyValue may
 * read ({@code @logGroupName}, {@code @logGroupStream}, {@code @accountId}, {@code @regionName}) are read-only.
 */
final class TransformEvent {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MESSAGE = "@message";

    final String raw;
    private final Map<String, String> metadata;
    /** Null until a parser has run. */
    ObjectNode root;

    TransformEvent(String raw, Map<String, String> metadata) {
        this.raw = raw;
        this.metadata = metadata;
    }

    /** The value at a dotted path, or null. {@code @message} is the raw message unless the event has such a key. */
    JsonNode get(String path) {
        if (root != null && root.has(path)) {
            return root.get(path);
        }
        if (MESSAGE.equals(path)) {
            return TextNode.valueOf(raw);
        }
        if (metadata.containsKey(path)) {
            return TextNode.valueOf(metadata.get(path));
        }
        if (root == null) {
            return null;
        }
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node == null || !node.isObject() ? null : node.get(part);
        }
        return node;
    }

    boolean has(String path) {
        return get(path) != null;
    }

    /** Sets the value at a dotted path, making the objects on the way. */
    void put(String path, JsonNode value) {
        ObjectNode parent = parentOf(path, true);
        parent.set(leaf(path), value);
    }

    /** Puts unless the key exists and {@code overwrite} is not true. */
    void put(String path, JsonNode value, Boolean overwrite) {
        if (!Boolean.TRUE.equals(overwrite) && existsInEvent(path)) {
            return;
        }
        put(path, value);
    }

    boolean existsInEvent(String path) {
        if (root == null) {
            return false;
        }
        ObjectNode parent = parentOf(path, false);
        return parent != null && parent.has(leaf(path));
    }

    JsonNode remove(String path) {
        ObjectNode parent = root == null ? null : parentOf(path, false);
        return parent == null ? null : parent.remove(leaf(path));
    }

    ObjectNode root() {
        if (root == null) {
            root = JsonNodeFactory.instance.objectNode();
        }
        return root;
    }

    private ObjectNode parentOf(String path, boolean make) {
        ObjectNode node = make ? root() : root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1 && node != null; i++) {
            JsonNode next = node.get(parts[i]);
            if (next == null || !next.isObject()) {
                if (!make) {
                    return null;
                }
                next = node.putObject(parts[i]);
            }
            node = (ObjectNode) next;
        }
        return node;
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** The event as it now reads: the JSON object once parsed, else the raw message. */
    String message() {
        return root == null ? raw : root.toString();
    }
}
