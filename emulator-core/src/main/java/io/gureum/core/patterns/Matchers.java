package io.gureum.core.patterns;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses one element of a pattern field's array into a {@link ValueMatcher}: a literal (exact match) or
 * an object with one operator — prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric,
 * exists, cidr (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html).
 */
final class Matchers {
    private Matchers() {
    }

    static ValueMatcher parse(JsonNode element) {
        if (element.isTextual() || element.isNumber() || element.isBoolean() || element.isNull()) {
            return literal(element);
        }
        if (!element.isObject()) {
            throw new InvalidPatternException("Match value must be String, number, true, false, or null");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = element.fields();
        if (!fields.hasNext()) {
            throw new InvalidPatternException("Empty objects are not allowed");
        }
        Map.Entry<String, JsonNode> op = fields.next();
        if (fields.hasNext()) {
            throw new InvalidPatternException("Only one match type is allowed per object: " + element);
        }
        JsonNode v = op.getValue();
        return switch (op.getKey()) {
            case "prefix" -> affix(v, "prefix", true);
            case "suffix" -> affix(v, "suffix", false);
            case "equals-ignore-case" -> {
                String s = text(v, "equals-ignore-case match pattern must be a string");
                yield x -> x.isTextual() && x.asText().equalsIgnoreCase(s);
            }
            case "wildcard" -> {
                Wildcard w = Wildcard.parse(text(v, "wildcard match pattern must be a string"));
                yield x -> x.isTextual() && w.matches(x.asText());
            }
            case "anything-but" -> anythingBut(v);
            case "numeric" -> NumericRange.parse(v);
            case "exists" -> exists(v);
            case "cidr" -> {
                Cidr c = Cidr.parse(text(v, "cidr match pattern must be a string"));
                yield x -> x.isTextual() && c.matches(x.asText());
            }
            default -> throw new InvalidPatternException("Unrecognized match type " + op.getKey());
        };
    }

    private static String text(JsonNode v, String error) {
        if (!v.isTextual()) {
            throw new InvalidPatternException(error);
        }
        return v.asText();
    }

    /** Strings, numbers (by value: 5 and 5.0 are one number), booleans and null match only their own kind. */
    static ValueMatcher literal(JsonNode expected) {
        if (expected.isNumber()) {
            BigDecimal n = expected.decimalValue();
            return x -> x.isNumber() && x.decimalValue().compareTo(n) == 0;
        }
        return x -> x.equals(expected) || (expected.isTextual() && x.isTextual() && x.asText().equals(expected.asText()));
    }

    /** {@code {"prefix": "x"}} or {@code {"prefix": {"equals-ignore-case": "x"}}}, likewise suffix. */
    private static ValueMatcher affix(JsonNode v, String name, boolean prefix) {
        boolean ignoreCase = false;
        if (v.isObject() && v.size() == 1 && v.has("equals-ignore-case")) {
            ignoreCase = true;
            v = v.get("equals-ignore-case");
        }
        String s = text(v, name + " match pattern must be a string");
        String want = ignoreCase ? s.toLowerCase(Locale.ROOT) : s;
        boolean fold = ignoreCase;
        return x -> {
            if (!x.isTextual()) {
                return false;
            }
            String value = fold ? x.asText().toLowerCase(Locale.ROOT) : x.asText();
            return prefix ? value.startsWith(want) : value.endsWith(want);
        };
    }

    private static ValueMatcher exists(JsonNode v) {
        if (!v.isBoolean()) {
            throw new InvalidPatternException("exists match pattern must be either true or false.");
        }
        if (v.booleanValue()) {
            return x -> true;
        }
        return new ValueMatcher() {
            @Override
            public boolean matches(JsonNode value) {
                return false;
            }

            @Override
            public boolean matchesAbsent() {
                return true;
            }

            @Override
            public boolean needsPresence() {
                return false;
            }
        };
    }

    /**
     * {@code anything-but}: a value or list of values (strings or numbers), or one of prefix, suffix,
     * equals-ignore-case and wildcard (each a string; equals-ignore-case and wildcard also a list). Matches a
     * present field whose value is none of them.
     */
    private static ValueMatcher anythingBut(JsonNode v) {
        List<ValueMatcher> excluded = new ArrayList<>();
        if (v.isTextual() || v.isNumber()) {
            excluded.add(literal(v));
        } else if (v.isArray()) {
            if (v.isEmpty()) {
                throw new InvalidPatternException("Empty arrays are not allowed");
            }
            for (JsonNode e : v) {
                if (!e.isTextual() && !e.isNumber()) {
                    throw new InvalidPatternException(
                            "Inside anything but list, start|null|boolean is not supported.");
                }
                excluded.add(literal(e));
            }
        } else if (v.isObject() && v.size() == 1) {
            Map.Entry<String, JsonNode> op = v.fields().next();
            JsonNode arg = op.getValue();
            switch (op.getKey()) {
                case "prefix" -> excluded.add(affix(arg, "prefix", true));
                case "suffix" -> excluded.add(affix(arg, "suffix", false));
                case "equals-ignore-case", "wildcard" -> {
                    for (JsonNode e : arg.isArray() ? (Iterable<JsonNode>) arg : List.of(arg)) {
                        if (!e.isTextual()) {
                            throw new InvalidPatternException(
                                    "Inside anything-but/" + op.getKey() + " list, number|start|null|boolean is not supported.");
                        }
                        excluded.add(parse(((com.fasterxml.jackson.databind.node.ObjectNode) v.deepCopy()).put(op.getKey(), e.asText())));
                    }
                }
                default -> throw new InvalidPatternException("Unsupported anything-but pattern: " + op.getKey());
            }
        } else {
            throw new InvalidPatternException("Value of anything-but must be an array or single string/number value.");
        }
        return x -> excluded.stream().noneMatch(m -> m.matches(x));
    }
}
