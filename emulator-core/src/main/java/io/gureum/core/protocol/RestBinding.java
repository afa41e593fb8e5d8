package io.gureum.core.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.JsonValueTrait;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/**
 * The HTTP bindings the REST protocols share: URI labels, query parameters, headers and the status
 * code. The body is the codec's business.
 */
final class RestBinding {
    /**
     * Request bodies may nest at most {@value #MAX_NESTING} levels: no AWS shape goes deeper (DynamoDB
     * documents stop at 32 levels, two JSON levels each), and a deeper body must be a 400, never a walk
     * that can overflow the stack.
     */
    static final int MAX_NESTING = 100;
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING).build()).build());

    private RestBinding() {
    }

    /** Binds every non-body member of the request. */
    static void decode(SdkPojo builder, AwsHttpRequest request, Map<String, String> labels) {
        List<SdkField<?>> fields = builder.sdkFields();
        for (int i = 0; i < fields.size(); i++) { // by index: the SDK's unmodifiable list made an iterator each time
            SdkField<?> field = fields.get(i);
            Object value = switch (field.location()) {
                case PATH, GREEDY_PATH -> label(field, labels);
                case QUERY_PARAM -> query(field, request, fields);
                case HEADER -> header(field, request);
                default -> null;
            };
            if (value != null) {
                Pojos.set(field, builder, value);
            }
        }
    }

    private static Object label(SdkField<?> field, Map<String, String> labels) {
        String text = labels.get(field.locationName());
        return text == null ? null : Scalars.parse(field, text, TimestampFormatTrait.Format.ISO_8601);
    }

    /** The query parameters the non-map members of {@code fields} bind. */
    private static Set<String> boundQueryKeys(List<SdkField<?>> fields) {
        Set<String> keys = new java.util.HashSet<>();
        for (SdkField<?> field : fields) {
            if (field.location() == MarshallLocation.QUERY_PARAM && field.marshallingType() != MarshallingType.MAP) {
                keys.add(field.locationName());
            }
        }
        return keys;
    }

    private static Object query(SdkField<?> field, AwsHttpRequest request, List<SdkField<?>> fields) {
        Map<String, List<String>> params = request.queryParameters();
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.MAP) {
            // A map member takes the query parameters no other member binds (collected only for such a member:
            // the set was built for every request).
            Set<String> boundKeys = boundQueryKeys(fields);
            SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : params.entrySet()) {
                if (boundKeys.contains(e.getKey())) {
                    continue;
                }
                if (valueField.marshallingType() == MarshallingType.LIST) {
                    out.put(e.getKey(), new ArrayList<>(e.getValue()));
                } else {
                    out.put(e.getKey(), e.getValue().get(0));
                }
            }
            return out.isEmpty() ? null : out;
        }
        List<String> values = params.get(field.locationName());
        if (values == null) {
            return null;
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> out = new ArrayList<>();
            for (String v : values) {
                out.add(Scalars.parse(member, v, TimestampFormatTrait.Format.ISO_8601));
            }
            return out;
        }
        return Scalars.parse(field, values.get(0), TimestampFormatTrait.Format.ISO_8601);
    }

    private static Object header(SdkField<?> field, AwsHttpRequest request) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.MAP) {
            String prefix = field.locationName().toLowerCase();
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : request.headers().entrySet()) {
                String name = e.getKey().toLowerCase();
                if (name.startsWith(prefix) && !e.getValue().isEmpty()) {
                    out.put(name.substring(prefix.length()), String.join(",", e.getValue()));
                }
            }
            return out.isEmpty() ? null : out;
        }
        List<String> values = request.headers().get(field.locationName());
        if (values == null || values.isEmpty()) {
            return null;
        }
        String text = String.join(",", values);
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> out = new ArrayList<>();
            for (String part : splitHeaderList(text, member.marshallingType() == MarshallingType.INSTANT)) {
                out.add(Scalars.parse(member, part.trim(), TimestampFormatTrait.Format.RFC_822));
            }
            return out;
        }
        if (field.containsTrait(JsonValueTrait.class)) {
            text = new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8);
        }
        return Scalars.parse(field, text, TimestampFormatTrait.Format.RFC_822);
    }

    /** RFC-822 dates contain a comma, so a list of them splits on every second comma. */
    private static List<String> splitHeaderList(String text, boolean timestamps) {
        List<String> parts = new ArrayList<>();
        String[] raw = text.split(",");
        if (!timestamps) {
            for (String r : raw) {
                parts.add(unquote(r.trim()));
            }
            return parts;
        }
        for (int i = 0; i + 1 < raw.length; i += 2) {
            parts.add(raw[i] + "," + raw[i + 1]);
        }
        return parts;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** Writes the status code and header members of a response. */
    static void encodeNonBody(Object pojo, AwsHttpResponse response) {
        for (SdkField<?> field : ((SdkPojo) pojo).sdkFields()) {
            Object value = Pojos.valueOf(field, pojo);
            if (value == null) {
                continue;
            }
            if (field.location() == MarshallLocation.STATUS_CODE) {
                response.status(((Number) value).intValue());
            } else if (field.location() == MarshallLocation.HEADER) {
                writeHeader(field, value, response);
            }
        }
    }

    private static void writeHeader(SdkField<?> field, Object value, AwsHttpResponse response) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.MAP) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                response.header(field.locationName() + e.getKey(), String.valueOf(e.getValue()));
            }
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<String> parts = new ArrayList<>();
            for (Object item : (List<?>) value) {
                parts.add(Scalars.format(member, item, TimestampFormatTrait.Format.RFC_822));
            }
            response.header(field.locationName(), String.join(",", parts));
        } else if (field.containsTrait(JsonValueTrait.class)) {
            response.header(field.locationName(),
                    Base64.getEncoder().encodeToString(((String) value).getBytes(StandardCharsets.UTF_8)));
        } else {
            response.header(field.locationName(), Scalars.format(field, value, TimestampFormatTrait.Format.RFC_822));
        }
    }

    static ObjectMapper json() {
        return JSON;
    }
}
