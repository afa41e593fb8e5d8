package io.gureum.cloudformation.resource.cloudwatch;

import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * The template's {@code Tags} (and the stack's) for CloudWatch resources whose Put operation takes tags only on
 * creation (Contributor Insights rules, metric streams): on update they are set with TagResource/UntagResource.
 */
final class CloudWatchTags {
    private CloudWatchTags() {
    }

    static List<Tag> of(ResourceRequest r) {
        List<Tag> tags = new ArrayList<>();
        r.tagsWithTemplate("Tags").forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return tags;
    }

    static void update(ResourceRequest r, String arn) {
        CloudWatchClient cw = r.client(CloudWatchClient.class);
        Map<String, String> wanted = r.tagsWithTemplate("Tags");
        List<String> removed = cw.listTagsForResource(b -> b.resourceARN(arn)).tags().stream().map(Tag::key)
                .filter(k -> !wanted.containsKey(k)).toList();
        if (!removed.isEmpty()) {
            cw.untagResource(b -> b.resourceARN(arn).tagKeys(removed));
        }
        if (!wanted.isEmpty()) {
            cw.tagResource(b -> b.resourceARN(arn).tags(of(r)));
        }
    }
}
