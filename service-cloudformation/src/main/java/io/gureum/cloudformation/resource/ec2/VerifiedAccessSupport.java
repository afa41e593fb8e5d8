package io.gureum.cloudformation.resource.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.core.persist.SdkJson;
import java.util.Objects;

/**
 * What the Verified Access handlers share: their nested properties (named as the EC2 API's members, so
 * {@code OidcOptions}, {@code LoggingConfigurations}, {@code NetworkInterfaceOptions} … map onto the SDK's
 * request shapes member by member) and the comparison of a nested property across an update.
 */
final class VerifiedAccessSupport {
    private VerifiedAccessSupport() {
    }

    /** A nested property as the SDK shape {@code type}; null when absent. */
    static <T> T shape(JsonNode node, Class<T> type, String property) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return SdkJson.fromJson(node, type);
        } catch (RuntimeException e) {
            throw new ResourceFailure("Property " + property + " is malformed: " + e.getMessage());
        }
    }

    static <T> T shape(ResourceRequest r, String property, Class<T> type) {
        return shape(r.property(property), type, property);
    }

    /** The value at {@code property/field} before the update and now, compared. */
    static boolean changed(ResourceRequest r, String property, String field) {
        JsonNode before = r.previousProperties() == null ? null : r.previousProperties().path(property).get(field);
        JsonNode now = r.properties().path(property).get(field);
        return !Objects.equals(before == null || before.isNull() ? null : before,
                now == null || now.isNull() ? null : now);
    }

    static ArrayNode texts(java.util.Collection<String> values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        if (values != null) {
            values.forEach(a::add);
        }
        return a;
    }
}
