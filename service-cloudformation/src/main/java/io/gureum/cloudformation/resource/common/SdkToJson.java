package io.gureum.cloudformation.resource.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * An SDK model object as JSON with the API's member names (EC2's are the template's: {@code NetworkPathFound},
 * {@code ForwardPathComponents}), for {@code Fn::GetAtt} attributes AWS documents as the API's structures: the
 * reverse of {@link SdkJson}. Absent members are left out; timestamps are ISO-8601 text.
 */
public final class SdkToJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SdkToJson() {
    }

    public static JsonNode of(Object value) {
        if (value == null) {
            return F.nullNode();
        }
        if (value instanceof SdkPojo pojo) {
            ObjectNode o = F.objectNode();
            for (SdkField<?> f : pojo.sdkFields()) {
                Object v = f.getValueOrDefault(pojo);
                if (v != null && !(v instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>)
                        && !(v instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>)) {
                    o.set(f.memberName(), of(v));
                }
            }
            return o;
        }
        if (value instanceof Collection<?> c) {
            ArrayNode a = F.arrayNode();
            c.forEach(v -> a.add(of(v)));
            return a;
        }
        if (value instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            m.forEach((k, v) -> o.set(String.valueOf(k), of(v)));
            return o;
        }
        if (value instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return F.numberNode(i);
        }
        if (value instanceof Long l) {
            return F.numberNode(l);
        }
        if (value instanceof Double d) {
            return F.numberNode(d);
        }
        if (value instanceof Float d) {
            return F.numberNode(d);
        }
        if (value instanceof BigDecimal d) {
            return F.numberNode(d);
        }
        return F.textNode(String.valueOf(value));
    }
}
