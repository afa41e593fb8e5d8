package io.gureum.logs;

import io.gureum.core.ids.Arn;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagResourceResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagResourceResponse;

/**
 * Tags of log groups, by ARN (TagResource …) and by name (the deprecated TagLogGroup …, still served).
 * Core checks the model's key and value lengths and patterns and the 50-tag limit of one request.
 */
final class Tags {
    /** "You can associate as many as 50 tags with a CloudWatch Logs resource." (API_TagResource.html) */
    static final int MAX = 50;

    private final LogsStores stores;

    Tags(LogsStores stores) {
        this.stores = stores;
    }

    public TagResourceResponse tagResource(TagResourceRequest request) {
        tag(byArn(stores.current(), request.resourceArn()), request.hasTags() ? request.tags() : Map.of());
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        untag(byArn(stores.current(), request.resourceArn()), request.hasTagKeys() ? request.tagKeys() : List.of());
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        return ListTagsForResourceResponse.builder().tags(byArn(stores.current(), request.resourceArn()).tags()).build();
    }

    public TagLogGroupResponse tagLogGroup(TagLogGroupRequest request) {
        tag(stores.current().group(request.logGroupName()), request.hasTags() ? request.tags() : Map.of());
        return TagLogGroupResponse.builder().build();
    }

    public UntagLogGroupResponse untagLogGroup(UntagLogGroupRequest request) {
        untag(stores.current().group(request.logGroupName()), request.hasTags() ? request.tags() : List.of());
        return UntagLogGroupResponse.builder().build();
    }

    public ListTagsLogGroupResponse listTagsLogGroup(ListTagsLogGroupRequest request) {
        return ListTagsLogGroupResponse.builder().tags(stores.current().group(request.logGroupName()).tags()).build();
    }

    /** The log group an ARN names: {@code arn:aws:logs:<region>:<account>:log-group:<name>} (a trailing {@code :*} is tolerated). */
    private static LogGroup byArn(LogsStore store, String resourceArn) {
        Arn arn;
        try {
            arn = Arn.parse(resourceArn);
        } catch (IllegalArgumentException e) {
            throw LogsErrors.invalidParameter("Invalid resource arn: " + resourceArn);
        }
        if (!arn.service().equals("logs") || !arn.resourceType().equals("log-group")) {
            throw LogsErrors.invalidParameter("Invalid resource arn: " + resourceArn);
        }
        String name = arn.resourceId();
        if (name.endsWith(":*")) {
            name = name.substring(0, name.length() - 2);
        }
        LogGroup group = arn.accountId().equals(store.account) && arn.region().equals(store.region)
                ? store.groups.get(name) : null;
        if (group == null) {
            throw LogsErrors.notFound("The specified resource does not exist.");
        }
        return group;
    }

    private static void tag(LogGroup group, Map<String, String> tags) {
        if (!group.retag(tags, List.of(), MAX)) {
            throw LogsErrors.tooManyTags(group.logGroupArn());
        }
    }

    private static void untag(LogGroup group, Collection<String> keys) {
        group.retag(Map.of(), keys, Integer.MAX_VALUE);
    }
}
