package io.gureum.cloudformation.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The names a template fragment refers to through {@code Ref}, {@code Fn::GetAtt} and {@code Fn::Sub}. */
public final class References {
    private References() {
    }

    /** Every name referred to (parameters, pseudo parameters and resources alike). */
    public static Set<String> of(JsonNode node) {
        Set<String> out = new LinkedHashSet<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(e -> collect(e, out));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.size() == 1) {
            Map.Entry<String, JsonNode> only = node.fields().next();
            JsonNode arg = only.getValue();
            switch (only.getKey()) {
                case "Ref" -> {
                    if (arg.isTextual()) {
                        out.add(arg.asText());
                        return;
                    }
                }
                case "Fn::GetAtt" -> {
                    if (arg.isTextual()) {
                        String s = arg.asText();
                        out.add(s.contains(".") ? s.substring(0, s.indexOf('.')) : s);
                        return;
                    }
                    if (arg.isArray() && arg.size() > 0) {
                        out.add(arg.get(0).asText());
                        collect(arg.get(1), out);
                        return;
                    }
                }
                case "Fn::Sub" -> {
                    out.addAll(Sub.references(arg));
                    if (arg.isArray() && arg.size() == 2) {
                        collect(arg.get(1), out);
                    }
                    return;
                }
                default -> {
                }
            }
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
            collect(it.next(), out);
        }
    }
}
