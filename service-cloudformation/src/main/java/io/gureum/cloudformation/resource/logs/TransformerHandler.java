package io.gureum.cloudformation.resource.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.Processor;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * {@code AWS::Logs::Transformer}: a log group's transformer (PutTransformer). {@code Ref} is the
 * {@code LogGroupIdentifier} as the template gives it; the type has no {@code Fn::GetAtt} attributes. The log
 * group replaces it; {@code TransformerConfig} changes in place (PutTransformer replaces the whole list). The
 * template's processors are the API's with their names capitalised ({@code ParseJSON} is {@code parseJSON},
 * {@code Csv} is {@code csv}): each name is matched to the API's member with its first letter lowered, and a
 * name the API does not have fails the resource naming it. Logs itself checks the processors.
 */
public final class TransformerHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("LogGroupIdentifier", "TransformerConfig");

    @Override
    public String type() {
        return "AWS::Logs::Transformer";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("LogGroupIdentifier");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String group = r.requiredText("LogGroupIdentifier");
        put(r, group);
        return Created.of(group);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        put(r, r.physicalId());
        return Created.of(r.physicalId());
    }

    private static void put(ResourceRequest r, String group) {
        JsonNode config = r.property("TransformerConfig");
        if (config == null || !config.isArray()) {
            r.requiredText("TransformerConfig");
            throw new ResourceFailure("Properties validation failed for resource " + r.logicalId()
                    + " with message: #/TransformerConfig: expected type: JSONArray");
        }
        List<Processor> processors = new ArrayList<>();
        for (int i = 0; i < config.size(); i++) {
            processors.add(SdkJson.build(apiNames(config.get(i)), Processor.builder(), "TransformerConfig[" + i + "]"));
        }
        r.client(CloudWatchLogsClient.class).putTransformer(b -> b.logGroupIdentifier(group)
                .transformerConfig(processors));
    }

    /** The template's object with every field name's first letter lowered, as the API names its members. */
    static JsonNode apiNames(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> out.set(lowerFirst(e.getKey()), apiNames(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(v -> out.add(apiNames(v)));
            return out;
        }
        return node;
    }

    private static String lowerFirst(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchLogsClient.class).deleteTransformer(b -> b.logGroupIdentifier(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // The group (and its transformer) is gone.
        }
    }
}
