package io.gureum.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items as DynamoDB JSON ({@code {"S": "x"}}, {@code {"N": "1"}}, binary as base64), the form the records of
 * {@code --data-dir} hold them in.
 */
final class DynamoJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private DynamoJson() {
    }

    static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode out = F.objectNode();
        item.forEach((k, v) -> out.set(k, value(v)));
        return out;
    }

    static Map<String, AttributeValue> item(JsonNode node) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), value(e.getValue()));
        }
        return out;
    }

    static ObjectNode value(AttributeValue v) {
        ObjectNode o = F.objectNode();
        if (v.s() != null) {
            o.put("S", v.s());
        } else if (v.n() != null) {
            o.put("N", v.n());
        } else if (v.b() != null) {
            o.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
        } else if (v.bool() != null) {
            o.put("BOOL", v.bool());
        } else if (Boolean.TRUE.equals(v.nul())) {
            o.put("NULL", true);
        } else if (v.hasSs()) {
            ArrayNode a = o.putArray("SS");
            v.ss().forEach(a::add);
        } else if (v.hasNs()) {
            ArrayNode a = o.putArray("NS");
            v.ns().forEach(a::add);
        } else if (v.hasBs()) {
            ArrayNode a = o.putArray("BS");
            v.bs().forEach(b -> a.add(Base64.getEncoder().encodeToString(b.asByteArray())));
        } else if (v.hasM()) {
            o.set("M", item(v.m()));
        } else if (v.hasL()) {
            ArrayNode a = o.putArray("L");
            v.l().forEach(x -> a.add(value(x)));
        }
        return o;
    }

    static AttributeValue value(JsonNode o) {
        if (o.has("S")) {
            return AttributeValue.fromS(o.get("S").asText());
        } else if (o.has("N")) {
            return AttributeValue.fromN(o.get("N").asText());
        } else if (o.has("B")) {
            return AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(o.get("B").asText())));
        } else if (o.has("BOOL")) {
            return AttributeValue.fromBool(o.get("BOOL").asBoolean());
        } else if (o.has("NULL")) {
            return AttributeValue.fromNul(true);
        } else if (o.has("SS")) {
            return AttributeValue.fromSs(texts(o.get("SS")));
        } else if (o.has("NS")) {
            return AttributeValue.fromNs(texts(o.get("NS")));
        } else if (o.has("BS")) {
            List<SdkBytes> out = new ArrayList<>();
            o.get("BS").forEach(x -> out.add(SdkBytes.fromByteArray(Base64.getDecoder().decode(x.asText()))));
            return AttributeValue.fromBs(out);
        } else if (o.has("M")) {
            return AttributeValue.fromM(item(o.get("M")));
        } else if (o.has("L")) {
            List<AttributeValue> out = new ArrayList<>();
            o.get("L").forEach(x -> out.add(value(x)));
            return AttributeValue.fromL(out);
        }
        throw new IllegalArgumentException("Not a DynamoDB JSON value: " + o);
    }

    /** Parses records' JSON; field names (attribute names) are canonicalised: one copy per name, not per item. */
    private static final com.fasterxml.jackson.core.JsonFactory STREAMING = new com.fasterxml.jackson.core.JsonFactory();

    /**
     * An item straight from the bytes of its record ({@link #item(Map)}'s JSON), without building a JSON tree
     * first: what restoring a million items spends its time on. The map is immutable (what {@link Table#put}
     * keeps anyway, so it is not copied again).
     */
    static Map<String, AttributeValue> item(byte[] json) {
        try (com.fasterxml.jackson.core.JsonParser p = STREAMING.createParser(json)) {
            p.nextToken();
            return itemAt(p, true);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("An unreadable item record", e);
        }
    }

    /** The object at the parser's current START_OBJECT, up to and including its END_OBJECT. */
    @SuppressWarnings("unchecked")
    private static Map<String, AttributeValue> itemAt(com.fasterxml.jackson.core.JsonParser p, boolean immutable)
            throws java.io.IOException {
        expect(p, com.fasterxml.jackson.core.JsonToken.START_OBJECT);
        List<Map.Entry<String, AttributeValue>> entries = new ArrayList<>();
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            entries.add(Map.entry(name, valueAt(p)));
        }
        if (immutable) {
            return Map.ofEntries(entries.toArray(Map.Entry[]::new));
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The DynamoDB JSON value at the parser's START_OBJECT ({@code {"S": "x"}} …), through its END_OBJECT. */
    private static AttributeValue valueAt(com.fasterxml.jackson.core.JsonParser p) throws java.io.IOException {
        expect(p, com.fasterxml.jackson.core.JsonToken.START_OBJECT);
        AttributeValue out = null;
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
            String type = p.currentName();
            com.fasterxml.jackson.core.JsonToken t = p.nextToken();
            if (out != null || t == com.fasterxml.jackson.core.JsonToken.VALUE_NULL) {
                p.skipChildren(); // one type per value; a null member is absent
                continue;
            }
            out = switch (type) {
                case "S" -> AttributeValue.fromS(p.getText());
                case "N" -> AttributeValue.fromN(p.getText());
                case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(p.getText())));
                case "BOOL" -> AttributeValue.fromBool(t == com.fasterxml.jackson.core.JsonToken.VALUE_TRUE
                        || t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING && Boolean.parseBoolean(p.getText()));
                case "NULL" -> AttributeValue.fromNul(true);
                case "SS", "NS", "BS" -> {
                    List<String> texts = new ArrayList<>();
                    expect(p, com.fasterxml.jackson.core.JsonToken.START_ARRAY);
                    while (p.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                        texts.add(p.getText());
                    }
                    if (type.equals("SS")) {
                        yield AttributeValue.fromSs(texts);
                    } else if (type.equals("NS")) {
                        yield AttributeValue.fromNs(texts);
                    }
                    List<SdkBytes> bytes = new ArrayList<>();
                    texts.forEach(x -> bytes.add(SdkBytes.fromByteArray(Base64.getDecoder().decode(x))));
                    yield AttributeValue.fromBs(bytes);
                }
                case "M" -> AttributeValue.fromM(itemAt(p, false));
                case "L" -> {
                    List<AttributeValue> list = new ArrayList<>();
                    expect(p, com.fasterxml.jackson.core.JsonToken.START_ARRAY);
                    while (p.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                        list.add(valueAt(p));
                    }
                    yield AttributeValue.fromL(list);
                }
                default -> {
                    p.skipChildren(); // not a type of DynamoDB JSON: the tree reader ignores it too
                    yield null;
                }
            };
        }
        if (out == null) {
            throw new IllegalArgumentException("Not a DynamoDB JSON value at " + p.currentLocation());
        }
        return out;
    }

    private static void expect(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.core.JsonToken token)
            throws java.io.IOException {
        if (p.currentToken() != token) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "Expected " + token + ", found " + p.currentToken());
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
