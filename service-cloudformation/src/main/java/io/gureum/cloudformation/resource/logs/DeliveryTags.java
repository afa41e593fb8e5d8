package io.gureum.cloudformation.resource.logs;

import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/** The template's and the stack's tags of a delivery source or delivery, set in place with TagResource/UntagResource. */
final class DeliveryTags {
    private DeliveryTags() {
    }

    static void update(ResourceRequest r, String arn, Map<String, String> current) {
        CloudWatchLogsClient logs = r.client(CloudWatchLogsClient.class);
        Map<String, String> now = r.tagsWithTemplate("Tags");
        List<String> removed = new ArrayList<>(current.keySet());
        removed.removeAll(now.keySet());
        if (!removed.isEmpty()) {
            logs.untagResource(b -> b.resourceArn(arn).tagKeys(removed));
        }
        if (!now.isEmpty()) {
            logs.tagResource(b -> b.resourceArn(arn).tags(now));
        }
    }
}
