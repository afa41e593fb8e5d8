package io.gureum.cloudformation.resource.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.core.protocol.JsonValues;
import io.gureum.core.protocol.Pojos;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;
import software.amazon.awssdk.services.ssm.model.Target;

/**
 * What the maintenance window and patch baseline handlers share: template properties read as the SSM API's
 * shapes (their members have the same names; numbers and booleans a template gives as strings are
 * converted), targets, and tags kept equal to the template's.
 */
final class MaintenanceShapes {
    private static final Set<String> INTEGERS = Set.of("ApproveAfterDays", "TimeoutSeconds");
    private static final Set<String> BOOLEANS = Set.of("EnableNonSecurity");

    private MaintenanceShapes() {
    }

    /** The property {@code name} as the SDK shape {@code type}, or null when absent. */
    @SuppressWarnings("unchecked")
    static <T> T shape(ResourceRequest r, String name, Class<T> type) {
        JsonNode node = r.property(name);
        if (node == null || node.isNull()) {
            return null;
        }
        return shape(r, name, node, type);
    }

    @SuppressWarnings("unchecked")
    static <T> T shape(ResourceRequest r, String name, JsonNode node, Class<T> type) {
        SdkPojo builder = Pojos.builderSupplier(type).get();
        try {
            JsonValues.readStruct(coerce(node.deepCopy()), builder, true);
        } catch (RuntimeException e) {
            throw new ResourceFailure("Properties validation failed for resource " + r.logicalId()
                    + " with message: #/" + name + ": " + e.getMessage());
        }
        return (T) Pojos.build(builder);
    }

    private static JsonNode coerce(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                JsonNode v = o.get(k);
                if (INTEGERS.contains(k) && v.isTextual() && v.asText().matches("-?\\d{1,9}")) {
                    o.set(k, IntNode.valueOf(Integer.parseInt(v.asText())));
                } else if (BOOLEANS.contains(k) && v.isTextual()) {
                    o.set(k, BooleanNode.valueOf(Boolean.parseBoolean(v.asText())));
                } else {
                    coerce(v);
                }
            }
        } else if (node.isArray()) {
            node.forEach(MaintenanceShapes::coerce);
        }
        return node;
    }

    /** The list property {@code name} of {@code {Key, Values}} targets (empty when absent). */
    static List<Target> targets(ResourceRequest r, String name) {
        List<Target> out = new ArrayList<>();
        JsonNode list = r.property(name);
        if (list != null && list.isArray()) {
            for (JsonNode t : list) {
                List<String> values = new ArrayList<>();
                t.path("Values").forEach(v -> values.add(v.asText()));
                out.add(Target.builder().key(t.path("Key").asText(null)).values(values).build());
            }
        }
        return out;
    }

    static List<String> strings(ResourceRequest r, String name) {
        List<String> out = new ArrayList<>();
        JsonNode list = r.property(name);
        if (list != null && list.isArray()) {
            list.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    static List<Tag> tags(ResourceRequest r) {
        List<Tag> tags = new ArrayList<>();
        r.tagsWithTemplate("Tags").forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return tags;
    }

    /** Makes the resource's tags those of the template and stack. */
    static void retag(SsmClient ssm, ResourceRequest r, ResourceTypeForTagging type, String id) {
        Map<String, String> now = r.tagsWithTemplate("Tags");
        List<String> removed = ssm.listTagsForResource(b -> b.resourceType(type).resourceId(id)).tagList().stream()
                .map(Tag::key).filter(k -> !now.containsKey(k)).toList();
        if (!removed.isEmpty()) {
            ssm.removeTagsFromResource(b -> b.resourceType(type).resourceId(id).tagKeys(removed));
        }
        if (!now.isEmpty()) {
            ssm.addTagsToResource(b -> b.resourceType(type).resourceId(id).tags(tags(r)));
        }
    }
}
