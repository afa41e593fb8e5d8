package io.gureum.sns;

import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.sns.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.TagResourceRequest;
import software.amazon.awssdk.services.sns.model.TagResourceResponse;
import software.amazon.awssdk.services.sns.model.UntagResourceRequest;
import software.amazon.awssdk.services.sns.model.UntagResourceResponse;

/**
 * TagResource, UntagResource and ListTagsForResource on topics; tags live in core's resource registry,
 * at most 50 per topic (https://docs.aws.amazon.com/sns/latest/dg/sns-tags.html).
 */
final class TopicTags {
    private final ServiceContext context;
    private final SnsStore store;
    private final Topics topics;

    TopicTags(ServiceContext context, SnsStore store, Topics topics) {
        this.context = context;
        this.store = store;
        this.topics = topics;
    }

    private Topic resource(String arn) {
        Topic t = arn == null ? null : store.topic(arn);
        if (t == null) {
            throw SnsErrors.resourceNotFound();
        }
        return t;
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        List<Tag> tags = new ArrayList<>();
        topics.tags(resource(request.resourceArn())).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return ListTagsForResourceResponse.builder().tags(tags).build();
    }

    public TagResourceResponse tagResource(TagResourceRequest request) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (request.tags() != null) {
            request.tags().forEach(t -> tags.put(t.key(), t.value()));
        }
        tag(request.resourceArn(), tags);
        return TagResourceResponse.builder().build();
    }

    private void tag(String arn, Map<String, String> tags) {
        Topic t = resource(arn);
        Map<String, String> merged = new LinkedHashMap<>(topics.tags(t));
        merged.putAll(tags);
        if (merged.size() > 50) {
            throw SnsErrors.tagLimit();
        }
        for (String k : tags.keySet()) {
            if (k.isEmpty() || k.length() > 128) {
                throw SnsErrors.invalidParameter("Tags.Key");
            }
        }
        context.registry().tag(t.arn, tags);
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        context.registry().untag(resource(request.resourceArn()).arn, request.tagKeys());
        return UntagResourceResponse.builder().build();
    }
}
