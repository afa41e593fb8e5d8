package io.gureum.cloudformation.template;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Set;

/**
 * Reads a template body, JSON or YAML, into one JSON tree. YAML's short-form tags become the long form
 * ({@code !Ref X} is {@code {"Ref": "X"}}, {@code !GetAtt A.B} is {@code {"Fn::GetAtt": ["A", "B"]}},
 * {@code !Sub …} is {@code {"Fn::Sub": …}}), so everything after reading sees one shape ("Intrinsic function
 * reference", short form).
 */
public final class TemplateReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Tags whose long form has no {@code Fn::} prefix. */
    private static final Set<String> BARE = Set.of("Ref", "Condition");

    private TemplateReader() {
    }

    /** The template as a JSON object; a {@code ValidationError} when it is neither well-formed JSON nor YAML. */
    public static ObjectNode read(String body) {
        String trimmed = body.stripLeading();
        JsonNode root;
        if (trimmed.startsWith("{")) {
            try {
                root = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw TemplateError.format("JSON not well-formed. " + where(e.getLocation()));
            }
        } else {
            try (JsonParser p = YAML.createParser(body)) {
                JsonToken first = p.nextToken();
                root = first == null ? null : value(p);
            } catch (IOException | RuntimeException e) {
                JsonLocation at = e instanceof JsonProcessingException j ? j.getLocation() : null;
                throw TemplateError.format("YAML not well-formed. " + where(at));
            }
        }
        if (root == null || !root.isObject()) {
            throw TemplateError.format("YAML not well-formed. (line 1, column 1)");
        }
        return (ObjectNode) root;
    }

    private static String where(JsonLocation at) {
        return at == null ? "" : "(line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** The value starting at the parser's current token, tag applied. */
    private static JsonNode value(JsonParser p) throws IOException {
        Object typeId = p.getTypeId();
        String tag = typeId == null ? null : typeId.toString();
        JsonNode v;
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, value(p));
                }
                v = o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(value(p));
                }
                v = a;
            }
            case VALUE_STRING -> v = NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> v = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? NODES.numberNode(p.getBigIntegerValue()) : NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> v = NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE -> v = NODES.booleanNode(true);
            case VALUE_FALSE -> v = NODES.booleanNode(false);
            case VALUE_NULL -> v = tag == null ? NODES.nullNode() : NODES.textNode("");
            default -> throw new IOException("unexpected " + p.currentToken());
        }
        return tag == null || tag.startsWith("tag:yaml.org") ? v : tagged(tag, v);
    }

    private static JsonNode tagged(String tag, JsonNode v) {
        ObjectNode o = NODES.objectNode();
        if (tag.equals("GetAtt") && v.isTextual()) {
            // !GetAtt Resource.Attribute: the first dot separates, attributes may hold dots (Outputs.Name).
            String s = v.asText();
            int dot = s.indexOf('.');
            ArrayNode pair = NODES.arrayNode();
            pair.add(dot < 0 ? s : s.substring(0, dot));
            pair.add(dot < 0 ? "" : s.substring(dot + 1));
            o.set("Fn::GetAtt", pair);
            return o;
        }
        o.set(BARE.contains(tag) ? tag : "Fn::" + tag, v);
        return o;
    }
}
