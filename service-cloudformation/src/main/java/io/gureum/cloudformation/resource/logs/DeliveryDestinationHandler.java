package io.gureum.cloudformation.resource.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeliveryDestination;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * {@code AWS::Logs::DeliveryDestination}: where vended logs go (a log group, a bucket, a Firehose stream, X-Ray).
 * {@code Ref} is the name; {@code Fn::GetAtt Arn} and {@code DeliveryDestinationType} what Logs reports. The
 * name, the destination resource, its type and the output format replace it; the destination policy
 * ({@code DeliveryDestinationPolicy.DeliveryDestinationPolicy}, a document; a removed one is deleted) and the tags
 * change in place.
 */
public final class DeliveryDestinationHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Name", "DestinationResourceArn", "DeliveryDestinationType",
            "OutputFormat", "DeliveryDestinationPolicy", "Tags");

    @Override
    public String type() {
        return "AWS::Logs::DeliveryDestination";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name", "DestinationResourceArn", "DeliveryDestinationType", "OutputFormat");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        CloudWatchLogsClient logs = r.client(CloudWatchLogsClient.class);
        String name = r.requiredText("Name");
        String resource = r.text("DestinationResourceArn");
        Map<String, String> tags = r.tagsWithTemplate("Tags");
        DeliveryDestination d = logs.putDeliveryDestination(b -> b.name(name).outputFormat(r.text("OutputFormat"))
                .deliveryDestinationType(r.text("DeliveryDestinationType"))
                .deliveryDestinationConfiguration(resource == null ? null : c -> c.destinationResourceArn(resource))
                .tags(tags.isEmpty() ? null : tags)).deliveryDestination();
        policy(r, logs, name);
        return created(d);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        CloudWatchLogsClient logs = r.client(CloudWatchLogsClient.class);
        String name = r.physicalId();
        DeliveryDestination d = logs.getDeliveryDestination(b -> b.name(name)).deliveryDestination();
        if (r.changedProperties().contains("DeliveryDestinationPolicy")) {
            policy(r, logs, name);
        }
        if (r.changedProperties().contains("Tags")) {
            Map<String, String> now = r.tagsWithTemplate("Tags");
            List<String> removed = new ArrayList<>(d.tags().keySet());
            removed.removeAll(now.keySet());
            if (!removed.isEmpty()) {
                logs.untagResource(b -> b.resourceArn(d.arn()).tagKeys(removed));
            }
            if (!now.isEmpty()) {
                logs.tagResource(b -> b.resourceArn(d.arn()).tags(now));
            }
        }
        return created(d);
    }

    private static void policy(ResourceRequest r, CloudWatchLogsClient logs, String name) {
        JsonNode p = r.property("DeliveryDestinationPolicy");
        String document = p == null ? null : Json.document(p.get("DeliveryDestinationPolicy"));
        if (document != null) {
            logs.putDeliveryDestinationPolicy(b -> b.deliveryDestinationName(name).deliveryDestinationPolicy(document));
        } else if (r.previousProperties() != null) {
            try {
                logs.deleteDeliveryDestinationPolicy(b -> b.deliveryDestinationName(name));
            } catch (ResourceNotFoundException none) {
                // It had none.
            }
        }
    }

    private static Created created(DeliveryDestination d) {
        return Created.of(d.name()).attribute("Arn", d.arn())
                .attribute("DeliveryDestinationType", d.deliveryDestinationTypeAsString());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchLogsClient.class).deleteDeliveryDestination(b -> b.name(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        DeliveryDestination d;
        try {
            d = r.client(CloudWatchLogsClient.class).getDeliveryDestination(b -> b.name(r.physicalId()))
                    .deliveryDestination();
        } catch (ResourceNotFoundException gone) {
            return null;
        }
        return new Drift(r).put("Name", d.name()).put("DeliveryDestinationType", d.deliveryDestinationTypeAsString())
                .put("OutputFormat", d.outputFormatAsString()).put("DestinationResourceArn",
                        d.deliveryDestinationConfiguration() == null ? null
                                : d.deliveryDestinationConfiguration().destinationResourceArn()).result();
    }
}
