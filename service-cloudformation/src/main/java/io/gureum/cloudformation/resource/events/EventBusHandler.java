package io.gureum.cloudformation.resource.events;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.PropertyAttributes;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Tag;

/**
 * {@code AWS::Events::EventBus}. {@code Ref} is the bus name; {@code Fn::GetAtt} gives {@code Arn} and
 * {@code Name}, and, as CloudFormation lets {@code Fn::GetAtt} read this type's properties, the template's scalar
 * ones ({@code Description}, {@code DeadLetterConfig.Arn} …). {@code Name} and {@code EventSourceName} replace it; the description, KMS key and tags change
 * in place (UpdateEventBus, TagResource/UntagResource).
 */
public final class EventBusHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Description", "EventSourceName", "KmsKeyIdentifier", "Name",
            "Tags");

    @Override
    public String type() {
        return "AWS::Events::EventBus";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name", "EventSourceName");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.requiredText("Name");
        List<Tag> tags = tags(r.tagsWithTemplate("Tags"));
        String arn = r.client(EventBridgeClient.class).createEventBus(b -> b.name(name)
                .eventSourceName(r.text("EventSourceName")).description(r.text("Description"))
                .kmsKeyIdentifier(r.text("KmsKeyIdentifier")).tags(tags.isEmpty() ? null : tags)).eventBusArn();
        return PropertyAttributes.add(Created.of(name).attribute("Arn", arn).attribute("Name", name), r);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        EventBridgeClient events = r.client(EventBridgeClient.class);
        String name = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("Description") || changed.contains("KmsKeyIdentifier")) {
            events.updateEventBus(b -> b.name(name).description(r.text("Description"))
                    .kmsKeyIdentifier(r.text("KmsKeyIdentifier")));
        }
        String arn = events.describeEventBus(b -> b.name(name)).arn();
        if (changed.contains("Tags")) {
            Map<String, String> now = r.tagsWithTemplate("Tags");
            List<String> removed = new ArrayList<>();
            events.listTagsForResource(b -> b.resourceARN(arn)).tags().forEach(t -> {
                if (!now.containsKey(t.key())) {
                    removed.add(t.key());
                }
            });
            if (!removed.isEmpty()) {
                events.untagResource(b -> b.resourceARN(arn).tagKeys(removed));
            }
            if (!now.isEmpty()) {
                events.tagResource(b -> b.resourceARN(arn).tags(tags(now)));
            }
        }
        return PropertyAttributes.add(Created.of(name).attribute("Arn", arn).attribute("Name", name), r);
    }

    private static List<Tag> tags(Map<String, String> map) {
        List<Tag> tags = new ArrayList<>();
        map.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return tags;
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(EventBridgeClient.class).deleteEventBus(b -> b.name(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }
}
