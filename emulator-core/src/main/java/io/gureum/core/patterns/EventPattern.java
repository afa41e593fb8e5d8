package io.gureum.core.patterns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A parsed event pattern. A pattern is a JSON object whose fields name the event's fields: an object
 * value matches the event's nested object, an array value lists what the event's value may be (any one
 * element matching is enough; when the event's value is an array, any of its elements may match);
 * {@code "$or"} takes an array of patterns of which one must match. Every field of the pattern must
 * match (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html).
 */
public final class EventPattern {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Field(String name, ObjectPattern nested, List<ValueMatcher> values) {
    }

    private record ObjectPattern(List<Field> fields, List<List<ObjectPattern>> ors) {
    }

    private final ObjectPattern root;

    private EventPattern(ObjectPattern root) {
        this.root = root;
    }

    /** Parses {@code text}, refusing what EventBridge refuses. */
    public static EventPattern parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidPatternException(e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidPatternException("Filter is not an object");
        }
        return new EventPattern(object(node));
    }

    private static ObjectPattern object(JsonNode node) {
        List<Field> fields = new ArrayList<>();
        List<List<ObjectPattern>> ors = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (e.getKey().equals("$or")) {
                ors.add(or(v));
            } else if (v.isObject()) {
                fields.add(new Field(e.getKey(), object(v), null));
            } else if (v.isArray()) {
                if (v.isEmpty()) {
                    throw new InvalidPatternException("Empty arrays are not allowed");
                }
                List<ValueMatcher> values = new ArrayList<>();
                v.forEach(element -> values.add(Matchers.parse(element)));
                fields.add(new Field(e.getKey(), null, values));
            } else {
                throw new InvalidPatternException("\"" + e.getKey() + "\" must be an object or an array");
            }
        }
        return new ObjectPattern(fields, ors);
    }

    /** "$or": an array of at least two patterns (eb-create-pattern-operators.html#eb-filtering-complex-example-or). */
    private static List<ObjectPattern> or(JsonNode v) {
        if (!v.isArray() || v.size() < 2) {
            throw new InvalidPatternException("Or relationship requires at least 2 sub-patterns: \"$or\"");
        }
        List<ObjectPattern> alternatives = new ArrayList<>();
        for (JsonNode alternative : v) {
            if (!alternative.isObject()) {
                throw new InvalidPatternException("Filter is not an object");
            }
            alternatives.add(object(alternative));
        }
        return alternatives;
    }

    /** Whether {@code event} (the whole event envelope as JSON) matches. */
    public boolean matches(JsonNode event) {
        return matches(root, event);
    }

    private static boolean matches(ObjectPattern p, JsonNode obj) {
        for (Field f : p.fields) {
            JsonNode v = obj == null || !obj.isObject() ? null : obj.get(f.name);
            if (!(f.nested != null ? nested(f.nested, v) : leaf(f.values, v))) {
                return false;
            }
        }
        for (List<ObjectPattern> alternatives : p.ors) {
            if (alternatives.stream().noneMatch(a -> matches(a, obj))) {
                return false;
            }
        }
        return true;
    }

    private static boolean nested(ObjectPattern p, JsonNode v) {
        if (v != null && v.isArray()) {
            for (JsonNode e : v) {
                if (matches(p, e)) {
                    return true;
                }
            }
            return matches(p, null);
        }
        return matches(p, v != null && v.isObject() ? v : null);
    }

    private static boolean leaf(List<ValueMatcher> matchers, JsonNode v) {
        List<JsonNode> values = new ArrayList<>();
        flatten(v, values);
        if (values.isEmpty()) {
            return matchers.stream().anyMatch(ValueMatcher::matchesAbsent);
        }
        for (ValueMatcher m : matchers) {
            for (JsonNode value : values) {
                if (m.matches(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void flatten(JsonNode v, List<JsonNode> out) {
        if (v == null || v.isMissingNode() || v.isObject()) {
            return;
        }
        if (v.isArray()) {
            v.forEach(e -> flatten(e, out));
        } else {
            out.add(v);
        }
    }
}
