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

/** TagResource, UntagResource and ListTagsForResource of alarms (the taggable CloudWatch resource Gureum serves). */
final class Tags {
    /** "You can associate as many as 50 tags with a CloudWatch resource." (API_TagResource) */
    static final int MAX = 50;

    private final CloudWatchStores stores;

    Tags(CloudWatchStores stores) {
        this.stores = stores;
    }

    public TagResourceResponse tagResource(TagResourceRequest r) {
        AlarmBook book = stores.current().alarms;
        synchronized (book) {
            Alarm a = alarm(book, r.resourceARN());
            java.util.Map<String, String> next = new java.util.LinkedHashMap<>(a.tags());
            r.tags().forEach(t -> next.put(t.key(), t.value()));
            if (next.size() > MAX) {
                throw ModeledErrors.of(software.amazon.awssdk.services.cloudwatch.model.LimitExceededException.class,
                        "The maximum number of tags for the resource has been exceeded.");
            }
            r.tags().forEach(t -> a.tags().put(t.key(), t.value()));
        }
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest r) {
        AlarmBook book = stores.current().alarms;
        synchronized (book) {
            Alarm a = alarm(book, r.resourceARN());
            r.tagKeys().forEach(a.tags()::remove);
        }
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
        AlarmBook book = stores.current().alarms;
        List<Tag> tags;
        synchronized (book) {
            tags = alarm(book, r.resourceARN()).tags().entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        }
        return ListTagsForResourceResponse.builder().tags(tags).build();
    }

    private static Alarm alarm(AlarmBook book, String arn) {
        Alarm a = book.byArn(arn);
        if (a == null) {
            throw ModeledErrors.of(ResourceNotFoundException.class, "The specified resource does not exist.");
        }
        return a;
    }
}
