package io.gureum.ec2.templates;

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
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/**
 * Launch template data in its two shapes. The request shapes ({@code …Request}) and the response shapes
 * of launch template data have the same member names, so one is copied into the other by name, using the
 * SDK's field metadata rather than a hand-written mapping of some hundred members.
 */
final class TemplateData {
    private TemplateData() {
    }

    static ResponseLaunchTemplateData toResponse(RequestLaunchTemplateData data) {
        return (ResponseLaunchTemplateData) copy(data, (SdkPojo) ResponseLaunchTemplateData.builder());
    }

    /**
     * A new version's data built on a source version: the members the new data gives replace the source's
     * whole (a list such as BlockDeviceMappings is replaced, not merged); the others are inherited
     * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/create-launch-template-version.html).
     */
    static RequestLaunchTemplateData merge(RequestLaunchTemplateData source, RequestLaunchTemplateData changes) {
        SdkPojo builder = (SdkPojo) source.toBuilder();
        for (SdkField<?> f : changes.sdkFields()) {
            Object v = Pojos.valueOf(f, changes);
            if (v != null) {
                Pojos.set(f, builder, v);
            }
        }
        return (RequestLaunchTemplateData) Pojos.build(builder);
    }

    private static Object copy(SdkPojo source, SdkPojo targetBuilder) {
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
            List<Object> out = new ArrayList<>();
            for (Object item : (List<?>) value) {
                Object c = member.marshallingType() == MarshallingType.SDK_POJO || member.marshallingType() == MarshallingType.LIST
                        ? convert(item, member) : item;
                if (c != null) {
                    out.add(c);
                }
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
