package io.gureum.cloudformation.resource.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.Delivery;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.S3DeliveryConfiguration;

/**
 * {@code AWS::Logs::Delivery} (CreateDelivery): a delivery source paired with a delivery destination. {@code Ref} is
 * the delivery's id; {@code Fn::GetAtt} gives {@code Arn}, {@code DeliveryId} and {@code DeliveryDestinationType}.
 * {@code DeliverySourceName} and {@code DeliveryDestinationArn} replace it; {@code RecordFields},
 * {@code FieldDelimiter}, {@code S3SuffixPath} and {@code S3EnableHiveCompatiblePath} change in place with
 * UpdateDeliveryConfiguration, {@code Tags} with TagResource/UntagResource. As in Logs, no log record flows.
 */
public final class DeliveryHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("DeliverySourceName", "DeliveryDestinationArn", "RecordFields",
            "FieldDelimiter", "S3SuffixPath", "S3EnableHiveCompatiblePath", "Tags");

    @Override
    public String type() {
        return "AWS::Logs::Delivery";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("DeliverySourceName", "DeliveryDestinationArn");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Map<String, String> tags = r.tagsWithTemplate("Tags");
        Delivery d = r.client(CloudWatchLogsClient.class).createDelivery(b -> b
                .deliverySourceName(r.requiredText("DeliverySourceName"))
                .deliveryDestinationArn(r.requiredText("DeliveryDestinationArn")).recordFields(fields(r))
                .fieldDelimiter(r.text("FieldDelimiter")).s3DeliveryConfiguration(s3(r))
                .tags(tags.isEmpty() ? null : tags)).delivery();
        return created(d);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        CloudWatchLogsClient logs = r.client(CloudWatchLogsClient.class);
        String id = r.physicalId();
        logs.updateDeliveryConfiguration(b -> b.id(id).recordFields(fields(r)).fieldDelimiter(r.text("FieldDelimiter"))
                .s3DeliveryConfiguration(s3(r)));
        Delivery d = logs.getDelivery(b -> b.id(id)).delivery();
        if (r.changedProperties().contains("Tags") || !r.stackTags().isEmpty()) {
            DeliveryTags.update(r, d.arn(), d.tags());
        }
        return created(d);
    }

    private static List<String> fields(ResourceRequest r) {
        JsonNode f = r.property("RecordFields");
        return f == null ? null : Json.strings(f);
    }

    private static S3DeliveryConfiguration s3(ResourceRequest r) {
        if (!r.has("S3SuffixPath") && !r.has("S3EnableHiveCompatiblePath")) {
            return null;
        }
        return S3DeliveryConfiguration.builder().suffixPath(r.text("S3SuffixPath"))
                .enableHiveCompatiblePath(r.bool("S3EnableHiveCompatiblePath")).build();
    }

    private static Created created(Delivery d) {
        return Created.of(d.id()).attribute("Arn", d.arn()).attribute("DeliveryId", d.id())
                .attribute("DeliveryDestinationType", d.deliveryDestinationTypeAsString());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchLogsClient.class).deleteDelivery(b -> b.id(r.physicalId()));
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
        Delivery d;
        try {
            d = r.client(CloudWatchLogsClient.class).getDelivery(b -> b.id(r.physicalId())).delivery();
        } catch (ResourceNotFoundException gone) {
            return null;
        }
        com.fasterxml.jackson.databind.node.ArrayNode fields = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.arrayNode();
        d.recordFields().forEach(fields::add);
        return new io.gureum.cloudformation.resource.common.Drift(r).put("DeliverySourceName", d.deliverySourceName())
                .put("DeliveryDestinationArn", d.deliveryDestinationArn()).put("RecordFields", fields)
                .put("FieldDelimiter", d.fieldDelimiter()).result();
    }
}
