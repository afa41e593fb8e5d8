package io.gureum.cloudformation.resource.elasticloadbalancingv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.core.persist.SdkJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * What the ELB handlers share. The template's actions, conditions, subnet mappings and certificates have the API's
 * shapes and member names, so they are read into the SDK's classes as they are.
 */
final class ElbSupport {
    private ElbSupport() {
    }

    static ElasticLoadBalancingV2Client elb(ResourceRequest r) {
        return r.client(ElasticLoadBalancingV2Client.class);
    }

    /** The {@code aws:cloudformation:*} and stack tags, then the template's {@code Tags}. */
    static List<Tag> tags(ResourceRequest r) {
        List<Tag> out = new ArrayList<>();
        r.tagsWithTemplate("Tags").forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    /** On update, when {@code Tags} changed: removes the keys gone and sets the others. */
    static void retag(ResourceRequest r, String arn) {
        if (!r.changedProperties().contains("Tags")) {
            return;
        }
        Map<String, String> now = r.tagsWithTemplate("Tags");
        List<String> removed = new ArrayList<>();
        JsonNode before = r.previousProperties() == null ? null : r.previousProperties().get("Tags");
        if (before != null) {
            before.forEach(t -> {
                if (!now.containsKey(t.path("Key").asText())) {
                    removed.add(t.path("Key").asText());
                }
            });
        }
        ElasticLoadBalancingV2Client elb = elb(r);
        if (!removed.isEmpty()) {
            elb.removeTags(b -> b.resourceArns(arn).tagKeys(removed));
        }
        elb.addTags(b -> b.resourceArns(arn).tags(tags(r)));
    }

    /** A list property of API shapes (actions, conditions, subnet mappings …) as SDK objects; empty when absent. */
    static <T> List<T> list(ResourceRequest r, String property, Class<T> type) {
        List<T> out = new ArrayList<>();
        JsonNode node = r.property(property);
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(SdkJson.fromJson(n, type)));
        }
        return out;
    }

    static <T> T object(ResourceRequest r, String property, Class<T> type) {
        JsonNode node = r.property(property);
        return node == null || node.isNull() ? null : SdkJson.fromJson(node, type);
    }

    static List<String> strings(ResourceRequest r, String property) {
        List<String> out = new ArrayList<>();
        JsonNode node = r.property(property);
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** {@code [{Key, Value}]} attributes as a map, in order. */
    static Map<String, String> keyValues(JsonNode node) {
        Map<String, String> m = new LinkedHashMap<>();
        if (node != null && node.isArray()) {
            node.forEach(a -> m.put(a.path("Key").asText(), a.path("Value").asText("")));
        }
        return m;
    }

    /**
     * The attributes of {@code property} that the update changes: those the template now gives with another
     * value than before. An attribute removed from the template keeps its value (AWS's provider does the same).
     */
    static Map<String, String> changedKeyValues(ResourceRequest r, String property) {
        Map<String, String> now = keyValues(r.property(property));
        Map<String, String> before = keyValues(r.previousProperties() == null ? null
                : r.previousProperties().get(property));
        Map<String, String> changed = new LinkedHashMap<>();
        now.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                changed.put(k, v);
            }
        });
        return changed;
    }

    static ArrayNode array(Collection<String> values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        values.forEach(a::add);
        return a;
    }

    /** Whether an ELB error says the resource does not exist ({@code LoadBalancerNotFound} …). */
    static boolean notFound(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code != null && code.endsWith("NotFound");
    }
}
