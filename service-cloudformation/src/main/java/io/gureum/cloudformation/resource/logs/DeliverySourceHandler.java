package io.gureum.cloudformation.resource.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeliverySource;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * {@code AWS::Logs::DeliverySource} (PutDeliverySource): in Gureum, an EventBridge event bus and one of its log types
 * (the only vended-log source among the services Gureum serves; see the Logs page). {@code Ref} is the name;
 * {@code Fn::GetAtt} gives {@code Arn}, {@code ResourceArns} and {@code Service}. {@code Name} replaces it;
 * {@code ResourceArn} and {@code LogType} change in place with PutDeliverySource, {@code Tags} with
 * TagResource/UntagResource.
 */
public final class DeliverySourceHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Name", "ResourceArn", "LogType", "Tags");

    @Override
    public String type() {
        return "AWS::Logs::DeliverySource";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Map<String, String> tags = r.tagsWithTemplate("Tags");
        return created(put(r, r.requiredText("Name"), tags));
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        DeliverySource s = put(r, r.physicalId(), null);
        if (r.changedProperties().contains("Tags") || !r.stackTags().isEmpty()) {
            DeliveryTags.update(r, s.arn(), s.tags());
        }
        return created(s);
    }

    private static DeliverySource put(ResourceRequest r, String name, Map<String, String> tags) {
        return r.client(CloudWatchLogsClient.class).putDeliverySource(b -> b.name(name)
                .resourceArn(r.requiredText("ResourceArn")).logType(r.requiredText("LogType"))
                .tags(tags == null || tags.isEmpty() ? null : tags)).deliverySource();
    }

    private static Created created(DeliverySource s) {
        ArrayNode arns = JsonNodeFactory.instance.arrayNode();
        s.resourceArns().forEach(arns::add);
        return Created.of(s.name()).attribute("Arn", s.arn()).attribute("ResourceArns", arns)
                .attribute("Service", s.service());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchLogsClient.class).deleteDeliverySource(b -> b.name(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        DeliverySource s;
        try {
            s = r.client(CloudWatchLogsClient.class).getDeliverySource(b -> b.name(r.physicalId())).deliverySource();
        } catch (ResourceNotFoundException gone) {
            return null;
        }
        return new io.gureum.cloudformation.resource.common.Drift(r).put("Name", s.name())
                .put("ResourceArn", s.resourceArns().isEmpty() ? null : s.resourceArns().get(0))
                .put("LogType", s.logType()).result();
    }
}
