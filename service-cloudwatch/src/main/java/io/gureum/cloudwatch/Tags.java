package io.gureum.cloudwatch;

import io.gureum.cloudwatch.alarms.Alarm;
import io.gureum.cloudwatch.alarms.AlarmBook;
import io.gureum.core.error.ModeledErrors;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.Tag;
import software.amazon.awssdk.services.cloudwatch.model.TagResourceRequest;
import software.amazon.awssdk.services.cloudwatch.model.TagResourceResponse;
import software.amazon.awssdk.services.cloudwatch.model.UntagResourceRequest;
import software.amazon.awssdk.services.cloudwatch.model.UntagResourceResponse;

/**
 * TagResource, UntagResource and ListTagsForResource of alarms, alarm mute rules, Contributor Insights rules and metric streams (the
 * taggable CloudWatch resources Gureum serves).
 */
final class Tags {
    /** "You can associate as many as 50 tags with a CloudWatch resource." (API_TagResource) */
    static final int MAX = 50;

    private final CloudWatchStores stores;

    Tags(CloudWatchStores stores) {
        this.stores = stores;
    }

    public TagResourceResponse tagResource(TagResourceRequest r) {
        CloudWatchStore store = stores.current();
        synchronized (store.alarms) {
            java.util.Map<String, String> tags = tagsOf(store, r.resourceARN());
            java.util.Map<String, String> next = new java.util.LinkedHashMap<>(tags);
            r.tags().forEach(t -> next.put(t.key(), t.value()));
            if (next.size() > MAX) {
                throw ModeledErrors.of(software.amazon.awssdk.services.cloudwatch.model.LimitExceededException.class,
                        "The maximum number of tags for the resource has been exceeded.");
            }
            r.tags().forEach(t -> tags.put(t.key(), t.value()));
        }
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest r) {
        CloudWatchStore store = stores.current();
        synchronized (store.alarms) {
            java.util.Map<String, String> tags = tagsOf(store, r.resourceARN());
            r.tagKeys().forEach(tags::remove);
        }
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
        CloudWatchStore store = stores.current();
        List<Tag> tags;
        synchronized (store.alarms) {
            tags = tagsOf(store, r.resourceARN()).entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        }
        return ListTagsForResourceResponse.builder().tags(tags).build();
    }

    /** The tags of the alarm, Contributor Insights rule or metric stream with this ARN. */
    private static java.util.Map<String, String> tagsOf(CloudWatchStore store, String arn) {
        AlarmBook book = store.alarms;
        Alarm a = book.byArn(arn);
        if (a != null) {
            return a.tags();
        }
        for (var rule : store.insightRules.values()) {
            if (rule.arn.equals(arn)) {
                return rule.tags;
            }
        }
        for (var rule : book.muteRules.values()) {
            if (rule.arn.equals(arn)) {
                return rule.tags;
            }
        }
        for (var stream : store.metricStreams.values()) {
            if (stream.arn.equals(arn)) {
                return stream.tags;
            }
        }
        throw ModeledErrors.of(ResourceNotFoundException.class, "The specified resource does not exist.");
    }
}
