package io.gureum.cloudwatch.contributors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A log event's fields as a rule reads them: JSON events by JSON property notation ({@code $.a.b[0]}; a field
 * that is an object or array is not a value), CLF events by position from 1 (tokens split at spaces, a
 * {@code "quoted"} or {@code [bracketed]} run being one token without its quotes or brackets) or by the alias the
 * rule's {@code Fields} gives a position.
 */
final class LogEvent {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode json;
    private final List<String> tokens;
    private final Map<String, String> aliases;

    private LogEvent(JsonNode json, List<String> tokens, Map<String, String> aliases) {
        this.json = json;
        this.tokens = tokens;
        this.aliases = aliases;
    }

    /** The event as JSON, or null when its message is not a JSON object (such events never match). */
    static LogEvent json(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            return node != null && node.isObject() ? new LogEvent(node, null, Map.of()) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static LogEvent clf(String message, Map<String, String> aliases) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = message.length();
        while (i < n) {
            char c = message.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            char close = c == '"' ? '"' : c == '[' ? ']' : 0;
            if (close != 0) {
                int end = message.indexOf(close, i + 1);
                end = end < 0 ? n : end;
                out.add(message.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(message.charAt(end))) {
                    end++;
                }
                out.add(message.substring(i, end));
                i = end;
            }
        }
        return new LogEvent(null, out, aliases);
    }

    /** The field's value as text, or null when absent (or, in JSON, not a scalar). */
    String field(String name) {
        if (tokens != null) {
            String position = aliases.getOrDefault(name, name);
            int at;
            try {
                at = Integer.parseInt(position);
            } catch (NumberFormatException e) {
                return null;
            }
            return at >= 1 && at <= tokens.size() ? tokens.get(at - 1) : null;
        }
        JsonNode node = json;
        int i = 1;
        while (node != null && i < name.length()) {
            if (name.charAt(i) == '.') {
                int end = i + 1;
                while (end < name.length() && name.charAt(end) != '.' && name.charAt(end) != '[') {
                    end++;
                }
                node = node.isObject() ? node.get(name.substring(i + 1, end)) : null;
                i = end;
            } else {
                int end = name.indexOf(']', i);
                int index = Integer.parseInt(name.substring(i + 1, end));
                node = node.isArray() ? node.get(index) : null;
                i = end + 1;
            }
        }
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        return node.asText();
    }
}
