package io.gureum.cloudformation.resource.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading template property values that are not top-level properties. */
public final class Json {
    private Json() {
    }

    /** A document property (a policy) as the services take it: JSON written as an object is sent as its text. */
    public static String document(JsonNode doc) {
        return doc == null || doc.isNull() ? null : doc.isTextual() ? doc.asText() : doc.toString();
    }

    /** A field of an object as text (numbers and booleans as written), or null. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }

    public static Integer integer(JsonNode node, String field) {
        String v = text(node, field);
        return v == null ? null : Integer.valueOf(v.trim());
    }

    public static Boolean bool(JsonNode node, String field) {
        String v = text(node, field);
        return v == null ? null : Boolean.valueOf(v.trim());
    }

    /** A list of scalars as text; empty when absent. */
    public static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(v -> out.add(v.asText()));
        }
        return out;
    }
}
