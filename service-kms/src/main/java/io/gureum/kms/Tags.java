package io.gureum.kms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kms.model.ListResourceTagsRequest;
import software.amazon.awssdk.services.kms.model.ListResourceTagsResponse;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.kms.model.TagException;
import software.amazon.awssdk.services.kms.model.TagResourceRequest;
import software.amazon.awssdk.services.kms.model.TagResourceResponse;
import software.amazon.awssdk.services.kms.model.UntagResourceRequest;
import software.amazon.awssdk.services.kms.model.UntagResourceResponse;

/**
 * Key tags, kept in core's resource registry (so the Resource Groups Tagging API sees them). Keys
 * pending deletion cannot be tagged or untagged (key-state.html); tag keys beginning {@code aws:} are
 * reserved for AWS (API_TagResource.html).
 */
final class Tags {
    private final KeyLookup lookup;

    Tags(KeyLookup lookup) {
        this.lookup = lookup;
    }

    public TagResourceResponse tagResource(TagResourceRequest request) {
        KmsKey key = lookup.findKey(request.keyId());
        KeyLookup.requireNotPendingDeletion(key);
        Map<String, String> tags = new LinkedHashMap<>();
        request.tags().forEach(t -> tags.put(t.tagKey(), t.tagValue()));
        checkKeys(tags.keySet());
        key.tags.putAll(tags);
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        KmsKey key = lookup.findKey(request.keyId());
        KeyLookup.requireNotPendingDeletion(key);
        request.tagKeys().forEach(key.tags::remove);
        return UntagResourceResponse.builder().build();
    }

    public ListResourceTagsResponse listResourceTags(ListResourceTagsRequest request) {
        KmsKey key = lookup.findKey(request.keyId());
        List<Tag> tags = new ArrayList<>();
        key.tags.forEach((k, v) -> tags.add(Tag.builder().tagKey(k).tagValue(v).build()));
        Markers.Page<Tag> page = Markers.page(tags, request.limit(), request.marker(), 50, Tag::tagKey);
        return ListResourceTagsResponse.builder().tags(page.items()).nextMarker(page.nextMarker())
                .truncated(page.truncated()).build();
    }

    static void checkKeys(Collection<String> keys) {
        for (String k : keys) {
            if (k.startsWith("aws:") && !fromCloudFormation(k)) {
                throw io.gureum.core.error.ModeledErrors.of(TagException.class,
                        "Tag keys prefixed with 'aws:' are reserved for AWS use");
            }
        }
    }

    /**
     * CloudFormation tags the keys a stack creates with {@code aws:cloudformation:*}
     * (aws-properties-resource-tags.html): allowed from an in-process call acting for a stack (its source
     * ARN is the stack's ARN), which no request over HTTP can be.
     */
    private static boolean fromCloudFormation(String key) {
        if (!key.startsWith("aws:cloudformation:")) {
            return false;
        }
        io.gureum.core.protocol.RequestContext ctx = io.gureum.core.protocol.RequestContext.currentOrNull();
        return ctx != null && ctx.inProcess() && ctx.sourceArn() != null
                && ctx.sourceArn().matches("arn:[^:]+:cloudformation:[^:]+:\\d{12}:stack/.+");
    }
}
