package io.gureum.events.delivery;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSONPath of InputPath and InputPathsMap: {@code $} or {@code $.a.b}, with {@code [n]} array
 * indexes; dot notation only, as PutTargets requires.
 */
public final class JsonPath {
    private JsonPath() {
    }

    /** Whether {@code path} is one EventBridge takes. */
    public static boolean valid(String path) {
        return path != null && path.matches("\\$(\\.[^.\\[\\]]+(\\[\\d+])*)*");
    }

    /** The node at {@code path}, or null when the event has none. */
    public static JsonNode read(JsonNode root, String path) {
        JsonNode node = root;
        if (path.equals("$")) {
            return node;
        }
        for (String part : path.substring(2).split("\\.")) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            node = node == null ? null : node.get(name);
            while (bracket >= 0 && node != null) {
                int close = part.indexOf(']', bracket);
                node = node.get(Integer.parseInt(part.substring(bracket + 1, close)));
                bracket = part.indexOf('[', close);
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }
}
