package io.gureum.cloudformation.resource.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.ResourceFailure;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Fills an SDK model object from a template property whose shape mirrors the API's (a launch template's
 * {@code LaunchTemplateData} is EC2's {@code RequestLaunchTemplateData}, member for member): each JSON
 * field is matched to the SDK member of the same name. A field the API does not have fails the resource
 * naming it, rather than being dropped.
 */
public final class SdkJson {
    private SdkJson() {
    }

    /** The object {@code builder} builds, with the members {@code json} gives. */
    public static <T> T build(JsonNode json, SdkBuilder<?, T> builder, String path) {
        fill(json, (SdkPojo) builder, path);
        return builder.build();
    }

    private static void fill(JsonNode json, SdkPojo builder, String path) {
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        for (SdkField<?> f : builder.sdkFields()) {
            fields.put(f.memberName(), f);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            SdkField<?> f = fields.get(e.getKey());
            if (f == null) {
                throw new ResourceFailure("Gureum cannot map the property " + path + "." + e.getKey());
            }
            if (!e.getValue().isNull()) {
                f.set(builder, value(e.getValue(), f, path + "." + e.getKey()));
            }
        }
    }

    private static Object value(JsonNode v, SdkField<?> f, String path) {
        MarshallingType<?> t = f.marshallingType();
        if (t == MarshallingType.STRING) {
            return v.isValueNode() ? v.asText() : v.toString();
        } else if (t == MarshallingType.INTEGER) {
            return Integer.valueOf(v.asText().trim());
        } else if (t == MarshallingType.LONG) {
            return Long.valueOf(v.asText().trim());
        } else if (t == MarshallingType.SHORT) {
            return Short.valueOf(v.asText().trim());
        } else if (t == MarshallingType.BOOLEAN) {
            return Boolean.valueOf(v.asText().trim());
        } else if (t == MarshallingType.DOUBLE) {
            return Double.valueOf(v.asText().trim());
        } else if (t == MarshallingType.FLOAT) {
            return Float.valueOf(v.asText().trim());
        } else if (t == MarshallingType.BIG_DECIMAL) {
            return new BigDecimal(v.asText().trim());
        } else if (t == MarshallingType.INSTANT) {
            return Instant.parse(v.asText());
        } else if (t == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromUtf8String(v.asText());
        } else if (t == MarshallingType.LIST) {
            SdkField<?> member = f.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> out = new ArrayList<>();
            int i = 0;
            for (JsonNode e : v) {
                out.add(value(e, member, path + "[" + i++ + "]"));
            }
            return out;
        } else if (t == MarshallingType.MAP) {
            SdkField<?> member = f.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> out = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> out.put(e.getKey(), value(e.getValue(), member, path + "." + e.getKey())));
            return out;
        } else if (t == MarshallingType.SDK_POJO) {
            Supplier<SdkPojo> constructor = f.constructor();
            SdkPojo b = constructor.get();
            fill(v, b, path);
            return ((SdkBuilder<?, ?>) b).build();
        }
        throw new ResourceFailure("Gureum cannot map the property " + path);
    }
}
