package io.gureum.events;

import io.gureum.core.ids.Arn;
import io.gureum.core.state.RegisteredTags;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.eventbridge.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.eventbridge.model.TagResourceRequest;
import software.amazon.awssdk.services.eventbridge.model.TagResourceResponse;
import software.amazon.awssdk.services.eventbridge.model.UntagResourceRequest;
import software.amazon.awssdk.services.eventbridge.model.UntagResourceResponse;

/** Tags of event buses and rules, by ARN; kept in core's registry (Resource Groups Tagging API). */
final class Tags {
    private final EventsStores stores;

    Tags(EventsStores stores) {
        this.stores = stores;
    }

    public TagResourceResponse tagResource(TagResourceRequest request) {
        RegisteredTags tags = tags(request.resourceARN());
        request.tags().forEach(t -> tags.put(t.key(), t.value()));
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        RegisteredTags tags = tags(request.resourceARN());
        request.tagKeys().forEach(tags::remove);
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        return ListTagsForResourceResponse.builder().tags(EventBuses.tags(tags(request.resourceARN()))).build();
    }

    /** The tags of {@code arn:aws:events:…:event-bus/<name>} or {@code …:rule/[<bus>/]<name>}. */
    private RegisteredTags tags(String resourceArn) {
        EventsStore s = stores.current();
        Arn arn;
        try {
            arn = Arn.parse(resourceArn);
        } catch (IllegalArgumentException e) {
            throw EventsErrors.validation("Parameter ResourceARN is not valid.");
        }
        boolean here = arn.accountId().equals(s.account) && arn.region().equals(s.region);
        String resource = arn.resource();
        if (resource.startsWith("event-bus/")) {
            String name = resource.substring("event-bus/".length());
            Bus bus = here ? s.busOrNull(name) : null;
            if (bus == null) {
                throw EventsErrors.busNotFound(name);
            }
            return bus.tags;
        }
        if (resource.startsWith("rule/")) {
            List<String> parts = List.of(resource.substring("rule/".length()).split("/", 2));
            String busName = parts.size() == 2 ? parts.get(0) : EventsStore.DEFAULT_BUS;
            String ruleName = parts.get(parts.size() - 1);
            Bus bus = here ? s.busOrNull(busName) : null;
            Rule rule = bus == null ? null : bus.rules.get(ruleName);
            if (rule == null) {
                throw EventsErrors.ruleNotFound(ruleName, busName);
            }
            return rule.tags;
        }
        throw EventsErrors.notFound("Resource " + resourceArn + " does not exist.");
    }
}
