package io.gureum.cloudformation.resource.kms;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.ResourceTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.Tag;

/** What a key and a replica key share: their tags, a change of them, and deletion after the pending window. */
final class KeyTags {
    private KeyTags() {
    }

    /** The stack's tags and the template's {@code Tags}; KMS accepts aws:cloudformation:* from a call acting for a stack. */
    static List<Tag> of(ResourceRequest r) {
        Map<String, String> map = new LinkedHashMap<>();
        for (ResourceTag t : r.tags()) {
            map.put(t.key(), t.value());
        }
        JsonNode given = r.property("Tags");
        if (given != null) {
            given.forEach(t -> map.put(t.path("Key").asText(), t.path("Value").asText("")));
        }
        List<Tag> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(Tag.builder().tagKey(k).tagValue(v).build()));
        return out;
    }

    /** Makes the key's tags those of {@code r}: removes the others, then sets these. */
    static void retag(KmsClient kms, String id, ResourceRequest r) {
        List<Tag> now = of(r);
        List<String> removed = new ArrayList<>();
        kms.listResourceTags(b -> b.keyId(id)).tags().forEach(t -> {
            if (now.stream().noneMatch(x -> x.tagKey().equals(t.tagKey()))) {
                removed.add(t.tagKey());
            }
        });
        if (!removed.isEmpty()) {
            kms.untagResource(b -> b.keyId(id).tagKeys(removed));
        }
        if (!now.isEmpty()) {
            kms.tagResource(b -> b.keyId(id).tags(now));
        }
    }

    /** Schedules the key's deletion after {@code PendingWindowInDays} (30 by default). */
    static void scheduleDeletion(ResourceRequest r) {
        try {
            r.client(KmsClient.class).scheduleKeyDeletion(b -> b.keyId(r.physicalId())
                    .pendingWindowInDays(r.has("PendingWindowInDays") ? r.integer("PendingWindowInDays") : 30));
        } catch (NotFoundException | KmsInvalidStateException gone) {
            // Already gone, or already pending deletion.
        }
    }
}
