package io.gureum.ec2.regional;

import io.gureum.core.protocol.Pojos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Copies one SDK shape into another member by member, by member name, using the SDK's field metadata:
 * EC2 has request and response twins of many shapes (launch template data, Spot launch specifications)
 * whose members carry the same names. A member whose shape differs in kind on the two sides is skipped.
 */
public final class ShapeCopy {
    private ShapeCopy() {
    }

    /** {@code source}'s members copied into {@code targetBuilder}, built. */
    public static Object copy(SdkPojo source, SdkPojo targetBuilder) {
        Map<String, SdkField<?>> targets = new HashMap<>();
        for (SdkField<?> t : targetBuilder.sdkFields()) {
            targets.put(t.memberName(), t);
        }
        for (SdkField<?> f : source.sdkFields()) {
            Object v = Pojos.valueOf(f, source);
            SdkField<?> t = targets.get(f.memberName());
            if (v == null || t == null || t.marshallingType() != f.marshallingType()) {
                continue;
            }
            Object converted = convert(v, t);
            if (converted != null) {
                Pojos.set(t, targetBuilder, converted);
            }
        }
        return Pojos.build(targetBuilder);
    }

    private static Object convert(Object value, SdkField<?> target) {
        MarshallingType<?> type = target.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return value instanceof SdkPojo p ? copy(p, Pojos.newBuilder(target)) : null;
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = target.getTrait(ListTrait.class).memberFieldInfo();
            boolean nested = member.marshallingType() == MarshallingType.SDK_POJO
                    || member.marshallingType() == MarshallingType.LIST;
            List<Object> out = new ArrayList<>();
            for (Object item : (List<?>) value) {
                Object c = nested ? convert(item, member) : item instanceof SdkPojo ? null : item;
                if (c == null) {
                    return null;
                }
                out.add(c);
            }
            return out;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = target.getTrait(MapTrait.class).valueFieldInfo();
            Map<Object, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> out.put(k, member.marshallingType() == MarshallingType.SDK_POJO
                    ? convert(v, member) : v));
            return out;
        }
        return value;
    }
}
