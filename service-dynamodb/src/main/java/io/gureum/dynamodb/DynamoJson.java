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

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
