package io.gureum.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.http.IpLiterals;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A subscription filter policy, on message attributes or (FilterPolicyScope MessageBody) on the JSON
 * body: every key must match one of its conditions; {@code $or} takes alternatives. Conditions: exact
 * strings, numbers, booleans and null, {@code prefix}, {@code suffix}, {@code equals-ignore-case},
 * {@code anything-but} (values, prefix or suffix), {@code numeric} ranges, {@code exists} and
 * {@code cidr}. See https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
 */
final class FilterPolicy {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A message attribute as SNS knows it: String, String.Array, Number or Binary. */
    record Attribute(String dataType, String value) {
    }

    private final JsonNode policy;
    private final boolean bodyScope;

    private FilterPolicy(JsonNode policy, boolean bodyScope) {
        this.policy = policy;
        this.bodyScope = bodyScope;
    }

    /** @throws IllegalArgumentException with the reason AWS gives for an invalid policy */
    static FilterPolicy parse(String json, boolean bodyScope) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("failed to parse JSON.");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("Filter policy must be a JSON object");
        }
        validate(n, bodyScope, 0);
        checkSize(n);
        return new FilterPolicy(n, bodyScope);
    }

    /**
     * An invalid numeric match, which AWS reports under "Attributes Reason:" rather than directly
     * under the parameter.
     */
    static final class NumericError extends IllegalArgumentException {
        NumericError(String message) {
            super(message);
        }
    }

    /**
     * AWS's size limits (https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html):
     * at most 5 keys, and at most 150 combinations, each key contributing its number of values times
     * its nesting depth.
     */
    private static void checkSize(JsonNode policy) {
        long[] keys = {0};
        long combinations = combinations(policy, 1, keys);
        if (keys[0] > 5) {
            throw new IllegalArgumentException("Filter policy can not have more than 5 keys");
        }
        if (combinations > 150) {
            throw new IllegalArgumentException("Filter policy is too complex");
        }
    }

    private static long combinations(JsonNode object, int depth, long[] keys) {
        long product = 1;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (e.getKey().equals("$or")) {
                long sum = 0;
                for (JsonNode alt : v) {
                    sum += combinations(alt, depth, keys);
                }
                product *= sum;
            } else if (v.isObject()) {
                product *= combinations(v, depth + 1, keys);
            } else {
                keys[0]++;
                product *= (long) depth * v.size();
            }
            product = Math.min(product, 1_000_000L);
        }
        return product;
    }

    private static void validate(JsonNode object, boolean bodyScope, int depth) {
        if (object.isEmpty()) {
            throw new IllegalArgumentException("Filter policy can not be empty");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (e.getKey().equals("$or")) {
                if (!v.isArray() || v.size() < 2) {
                    throw new IllegalArgumentException("$or must be an array of at least 2 objects");
                }
                for (JsonNode alt : v) {
                    if (!alt.isObject()) {
                        throw new IllegalArgumentException("$or must be an array of at least 2 objects");
                    }
                    validate(alt, bodyScope, depth);
                }
            } else if (v.isObject()) {
                if (!bodyScope) {
                    throw new IllegalArgumentException("Filter policy scope MessageAttributes does not support nested "
                            + "filter policy");
                }
                validate(v, true, depth + 1);
            } else if (v.isArray()) {
                if (v.isEmpty()) {
                    throw new IllegalArgumentException("Empty arrays are not allowed");
                }
                for (JsonNode c : v) {
                    validateCondition(e.getKey(), c);
                }
            } else {
                throw new IllegalArgumentException("Match value must be String, number, true, false, or null");
            }
        }
    }

    private static void validateCondition(String key, JsonNode c) {
        if (!c.isObject()) {
            if (c.isArray()) {
                throw new IllegalArgumentException("Match value must be String, number, true, false, or null");
            }
            return;
        }
        if (c.size() != 1) {
            throw new IllegalArgumentException("Only one key allowed in match expression");
        }
        String op = c.fieldNames().next();
        JsonNode arg = c.get(op);
        switch (op) {
            case "prefix", "suffix", "equals-ignore-case" -> {
                if (!arg.isTextual()) {
                    throw new IllegalArgumentException(op + " match pattern must be a string");
                }
            }
            case "exists" -> {
                if (!arg.isBoolean()) {
                    throw new IllegalArgumentException("exists match pattern must be either true or false.");
                }
            }
            case "anything-but" -> {
                if (!(arg.isTextual() || arg.isNumber() || arg.isArray() || arg.isObject())) {
                    throw new IllegalArgumentException("Value of anything-but must be an array or single string/number "
                            + "value.");
                }
            }
            case "numeric" -> numericRange(arg);
            case "cidr" -> {
                if (!arg.isTextual() || cidr(arg.asText()) == null) {
                    throw new IllegalArgumentException("Malformed CIDR, one '/' required");
                }
            }
            default -> throw new IllegalArgumentException("Unrecognized match type " + op);
        }
    }

    // ---- matching ---------------------------------------------------------------------------

    boolean matches(Map<String, Attribute> attributes, String body) {
        if (bodyScope) {
            JsonNode doc;
            try {
                doc = JSON.readTree(body);
            } catch (IOException e) {
                return false;
            }
            return doc != null && doc.isObject() && matchObject(policy, doc);
        }
        return matchAttributes(policy, attributes);
    }

    private boolean matchAttributes(JsonNode p, Map<String, Attribute> attributes) {
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("$or")) {
                boolean any = false;
                for (JsonNode alt : e.getValue()) {
                    any |= matchAttributes(alt, attributes);
                }
                if (!any) {
                    return false;
                }
                continue;
            }
            Attribute a = attributes.get(e.getKey());
            List<JsonNode> values = new ArrayList<>();
            if (a != null) {
                values.addAll(attributeValues(a));
            }
            if (!matchKey(e.getValue(), a != null, values)) {
                return false;
            }
        }
        return true;
    }

    private static List<JsonNode> attributeValues(Attribute a) {
        List<JsonNode> out = new ArrayList<>();
        switch (a.dataType().split("\\.")[0]) {
            case "Number" -> {
                try {
                    out.add(JSON.getNodeFactory().numberNode(new BigDecimal(a.value().trim())));
                } catch (NumberFormatException e) {
                    out.add(JSON.getNodeFactory().textNode(a.value()));
                }
            }
            case "String" -> {
                if (a.dataType().equals("String.Array")) {
                    try {
                        JsonNode arr = JSON.readTree(a.value());
                        if (arr != null && arr.isArray()) {
                            arr.forEach(out::add);
                            return out;
                        }
                    } catch (IOException e) {
                        // not an array: matched as a plain string
                    }
                }
                out.add(JSON.getNodeFactory().textNode(a.value()));
            }
            default -> {
                // Binary attributes never match a filter
            }
        }
        return out;
    }

    private boolean matchObject(JsonNode p, JsonNode doc) {
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("$or")) {
                boolean any = false;
                for (JsonNode alt : e.getValue()) {
                    any |= matchObject(alt, doc);
                }
                if (!any) {
                    return false;
                }
                continue;
            }
            List<JsonNode> at = new ArrayList<>();
            collect(doc, e.getKey(), at);
            if (e.getValue().isObject()) {
                boolean any = false;
                for (JsonNode child : at) {
                    any |= child.isObject() && matchObject(e.getValue(), child);
                }
                if (!any) {
                    return false;
                }
            } else {
                List<JsonNode> leaves = new ArrayList<>();
                for (JsonNode v : at) {
                    if (v.isArray()) {
                        v.forEach(leaves::add);
                    } else if (!v.isObject()) {
                        leaves.add(v);
                    }
                }
                if (!matchKey(e.getValue(), !at.isEmpty(), leaves)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The values under {@code key}, looking through arrays of objects as AWS does. */
    private static void collect(JsonNode node, String key, List<JsonNode> out) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, key, out));
        } else if (node.isObject() && node.has(key)) {
            JsonNode v = node.get(key);
            if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
                v.forEach(out::add);
            } else {
                out.add(v);
            }
        }
    }

    private static boolean matchKey(JsonNode conditions, boolean present, List<JsonNode> values) {
        for (JsonNode c : conditions) {
            if (c.isObject() && c.has("exists")) {
                if (c.get("exists").asBoolean() == present) {
                    return true;
                }
                continue;
            }
            if (!present) {
                continue;
            }
            if (c.isObject() && c.has("anything-but")) {
                if (!values.isEmpty() && values.stream().noneMatch(v -> anythingButExcludes(c.get("anything-but"), v))) {
                    return true;
                }
                continue;
            }
            for (JsonNode v : values) {
                if (matchOne(c, v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchOne(JsonNode c, JsonNode v) {
        if (c.isTextual()) {
            return v.isTextual() && v.asText().equals(c.asText());
        }
        if (c.isNumber()) {
            return v.isNumber() && sameNumber(v.decimalValue(), c.decimalValue());
        }
        if (c.isBoolean()) {
            return v.isBoolean() && v.asBoolean() == c.asBoolean();
        }
        if (c.isNull()) {
            return v.isNull();
        }
        String op = c.fieldNames().next();
        JsonNode arg = c.get(op);
        return switch (op) {
            case "prefix" -> v.isTextual() && v.asText().startsWith(arg.asText());
            case "suffix" -> v.isTextual() && v.asText().endsWith(arg.asText());
            case "equals-ignore-case" -> v.isTextual() && v.asText().equalsIgnoreCase(arg.asText());
            case "numeric" -> v.isNumber() && inRange(numericRange(arg), v.decimalValue());
            case "cidr" -> v.isTextual() && inCidr(arg.asText(), v.asText());
            default -> false;
        };
    }

    private static boolean anythingButExcludes(JsonNode arg, JsonNode v) {
        if (arg.isArray()) {
            for (JsonNode a : arg) {
                if (matchOne(a, v)) {
                    return true;
                }
            }
            return false;
        }
        if (arg.isObject()) {
            String op = arg.fieldNames().next();
            JsonNode x = arg.get(op);
            if (x.isArray()) {
                for (JsonNode each : x) {
                    if (matchOne(JSON.createObjectNode().set(op, each), v)) {
                        return true;
                    }
                }
                return false;
            }
            return matchOne(arg, v);
        }
        return matchOne(arg, v);
    }

    private record Bound(String op, BigDecimal value) {
    }

    /**
     * A numeric match is {@code [op, n]} or a range {@code [">" or ">=", low, "<" or "<=", high]},
     * with AWS's messages for each way it can be wrong.
     */
    private static List<Bound> numericRange(JsonNode arg) {
        if (!arg.isArray()) {
            throw new NumericError("Value of numeric must be an array.");
        }
        if (arg.isEmpty()) {
            throw new NumericError("Invalid member in numeric match: ]");
        }
        List<Bound> out = new ArrayList<>();
        for (int i = 0; i < arg.size(); i += 2) {
            JsonNode opNode = arg.get(i);
            if (!opNode.isTextual()) {
                throw new NumericError("Invalid member in numeric match: " + opNode);
            }
            String op = opNode.asText();
            if (!List.of("=", "<", "<=", ">", ">=").contains(op)) {
                throw new NumericError("Unrecognized numeric range operator: " + op);
            }
            if (i == 2) {
                boolean lower = out.get(0).op().startsWith(">");
                if (!lower) {
                    throw new NumericError("Too many elements in numeric expression");
                }
                if (!op.startsWith("<")) {
                    throw new NumericError("Bad numeric range operator: " + op);
                }
            } else if (i > 2) {
                throw new NumericError("Too many elements in numeric expression");
            }
            if (i + 1 >= arg.size() || !arg.get(i + 1).isNumber()) {
                throw new NumericError("Value of " + op + " must be numeric");
            }
            out.add(new Bound(op, arg.get(i + 1).decimalValue()));
        }
        if (out.size() == 2 && out.get(0).value().compareTo(out.get(1).value()) >= 0) {
            throw new NumericError("Bottom must be less than top");
        }
        return out;
    }

    /**
     * SNS compares numbers from -10^9 to 10^9 with five digits of accuracy after the decimal point
     * (https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html): both sides
     * are rounded to five places before comparing, so 1.000001 equals 1; a message value outside the
     * range matches no numeric condition. This is SNS's rule, not EventBridge's (core's patterns).
     */
    static BigDecimal comparable(BigDecimal n) {
        if (n.abs().compareTo(NUMERIC_LIMIT) > 0) {
            return null;
        }
        return n.setScale(NUMERIC_SCALE, RoundingMode.HALF_UP);
    }

    private static final BigDecimal NUMERIC_LIMIT = BigDecimal.valueOf(1_000_000_000L);
    private static final int NUMERIC_SCALE = 5;

    private static boolean sameNumber(BigDecimal value, BigDecimal condition) {
        BigDecimal v = comparable(value);
        BigDecimal c = comparable(condition);
        return v != null && c != null ? v.compareTo(c) == 0 : value.compareTo(condition) == 0;
    }

    private static boolean inRange(List<Bound> bounds, BigDecimal value) {
        BigDecimal v = comparable(value);
        if (v == null) {
            return false;
        }
        for (Bound b : bounds) {
            int c = v.compareTo(b.value().setScale(NUMERIC_SCALE, RoundingMode.HALF_UP));
            boolean ok = switch (b.op()) {
                case "=" -> c == 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static byte[][] cidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        try {
            byte[] net = IpLiterals.parse(text.substring(0, slash));
            int bits = Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > net.length * 8) {
                return null;
            }
            return new byte[][] {net, new byte[] {(byte) bits}};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean inCidr(String cidrText, String ip) {
        byte[][] c = cidr(cidrText);
        if (c == null || !ip.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        try {
            byte[] addr = IpLiterals.parse(ip);
            byte[] net = c[0];
            int bits = c[1][0] & 0xFF;
            if (addr.length != net.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((addr[i / 8] & mask) != (net[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
