package io.gureum.cloudformation.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gureum.cloudformation.template.TemplateError;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code AWS::LanguageExtensions}' {@code Fn::ForEach} ("Fn::ForEach"): in Resources, Outputs and
 * Conditions, {@code "Fn::ForEach::Name": [Identifier, Collection, {OutputKey: Value}]} becomes one entry
 * per element, {@code ${Identifier}} and {@code &{Identifier}} (alphanumerics only) replaced in keys and
 * values, {@code Ref Identifier} replaced by the element. The collection must be a literal list or a
 * {@code Ref} to a list parameter's default (what a template can resolve before parameters are known is
 * checked again at deploy time). {@code Fn::Length}, {@code Fn::ToJsonString} and {@code Fn::FindInMap}'s
 * {@code DefaultValue} are evaluated with the other functions.
 */
final class LanguageExtensions {
    private LanguageExtensions() {
    }

    static ObjectNode apply(ObjectNode root) {
        for (String section : new String[] {"Resources", "Outputs", "Conditions"}) {
            JsonNode s = root.get(section);
            if (s != null && s.isObject()) {
                root.set(section, expand((ObjectNode) s, root));
            }
        }
        return root;
    }

    private static ObjectNode expand(ObjectNode section, ObjectNode root) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().startsWith("Fn::ForEach::")) {
                out.set(e.getKey(), e.getValue());
                continue;
            }
            JsonNode spec = e.getValue();
            if (!spec.isArray() || spec.size() != 3 || !spec.get(0).isTextual() || !spec.get(2).isObject()) {
                throw TemplateError.validation("Transform AWS::LanguageExtensions failed with: Fn::ForEach layout is"
                        + " incorrect");
            }
            String identifier = spec.get(0).asText();
            for (JsonNode item : collection(spec.get(1), root)) {
                String value = item.asText();
                ObjectNode body = (ObjectNode) substitute(spec.get(2), identifier, value);
                ObjectNode nested = expand(body, root);
                nested.fields().forEachRemaining(x -> out.set(x.getKey(), x.getValue()));
            }
        }
        return out;
    }

    private static JsonNode collection(JsonNode c, ObjectNode root) {
        if (c.isArray()) {
            return c;
        }
        if (c.isObject() && c.has("Ref")) {
            JsonNode def = root.path("Parameters").path(c.get("Ref").asText()).get("Default");
            if (def != null) {
                if (def.isArray()) {
                    return def;
                }
                ArrayNode a = JsonNodeFactory.instance.arrayNode();
                for (String s : def.asText().split(",")) {
                    a.add(s.trim());
                }
                return a;
            }
        }
        throw TemplateError.validation("Transform AWS::LanguageExtensions failed with: Fn::ForEach could not be"
                + " resolved: its collection must be a list or a parameter with a default");
    }

    private static JsonNode substitute(JsonNode node, String identifier, String value) {
        if (node.isTextual()) {
            return TextNode.valueOf(replace(node.asText(), identifier, value));
        }
        if (node.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> a.add(substitute(e, identifier, value)));
            return a;
        }
        if (node.isObject()) {
            if (node.size() == 1 && node.has("Ref") && node.get("Ref").asText().equals(identifier)) {
                return TextNode.valueOf(value);
            }
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> o.set(replace(e.getKey(), identifier, value),
                    substitute(e.getValue(), identifier, value)));
            return o;
        }
        return node;
    }

    private static String replace(String s, String identifier, String value) {
        return s.replace("${" + identifier + "}", value).replace("&{" + identifier + "}",
                value.replaceAll("[^A-Za-z0-9]", ""));
    }
}
