package io.gureum.cloudformation.resource.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;

/** What the IAM handlers share. */
final class IamSupport {
    private IamSupport() {
    }

    static IamClient iam(ResourceRequest r) {
        return r.client(IamClient.class);
    }

    /** A policy document property as IAM takes it: JSON written as an object is sent as its text. */
    static String document(JsonNode doc) {
        return doc == null ? null : doc.isTextual() ? doc.asText() : doc.toString();
    }

    /**
     * The tags of an IAM resource: the stack's own tags, then the template's. IAM reserves the {@code aws:}
     * prefix, so the {@code aws:cloudformation:*} tags are not applied to IAM resources.
     */
    static List<Tag> tags(ResourceRequest r) {
        List<Tag> out = new ArrayList<>();
        r.stackTagsWithTemplate().forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    /** Runs a delete call; an entity already gone counts as deleted. */
    static void deleting(Runnable call) {
        try {
            call.run();
        } catch (NoSuchEntityException gone) {
            // Already deleted.
        }
    }

    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    /** The inline policies of a {@code Policies} property: name → document text. */
    static Map<String, String> inline(JsonNode policies) {
        Map<String, String> out = new LinkedHashMap<>();
        if (policies != null && policies.isArray()) {
            policies.forEach(p -> out.put(p.path("PolicyName").asText(), document(p.get("PolicyDocument"))));
        }
        return out;
    }

    static List<String> minus(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.removeAll(b);
        return out;
    }
}
