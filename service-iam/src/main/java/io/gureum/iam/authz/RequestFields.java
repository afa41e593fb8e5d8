package io.gureum.iam.authz;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/** The members of an SDK request object that ARN templates and tag condition keys read. */
public final class RequestFields {
    private RequestFields() {
    }

    /** The request's top-level string members by lower-case member name ({@code queueurl} → the URL). */
    public static Map<String, String> strings(Object request) {
        Map<String, String> out = new HashMap<>();
        if (request instanceof SdkPojo pojo) {
            for (SdkField<?> f : pojo.sdkFields()) {
                Object v = f.getValueOrDefault(pojo);
                if (v instanceof String s) {
                    out.put(f.memberName().toLowerCase(Locale.ROOT), s);
                }
            }
        }
        return out;
    }

    /**
     * The tags a request sets, for {@code aws:RequestTag/…} and {@code aws:TagKeys}: a {@code Tags} (or
     * {@code TagList}) member that is a map, or a list of {@code Key}/{@code Value} (or {@code TagKey}/
     * {@code TagValue}) structures; null when the request has no such member.
     */
    public static Map<String, String> tags(Object request) {
        if (!(request instanceof SdkPojo pojo)) {
            return null;
        }
        for (SdkField<?> f : pojo.sdkFields()) {
            String name = f.memberName();
            if (!name.equals("Tags") && !name.equals("TagList") && !name.equals("tags")) {
                continue;
            }
            Object v = f.getValueOrDefault(pojo);
            Map<String, String> out = new LinkedHashMap<>();
            if (v instanceof Map<?, ?> m) {
                m.forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
                return out;
            }
            if (v instanceof List<?> list) {
                for (Object tag : list) {
                    Map<String, String> t = tag instanceof SdkPojo p ? strings(p) : Map.of();
                    String key = t.getOrDefault("key", t.get("tagkey"));
                    if (key != null) {
                        out.put(key, t.getOrDefault("value", t.getOrDefault("tagvalue", "")));
                    }
                }
                return out;
            }
        }
        return null;
    }
}
