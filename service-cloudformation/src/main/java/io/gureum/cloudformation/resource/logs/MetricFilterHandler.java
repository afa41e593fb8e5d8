package io.gureum.cloudformation.resource.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricTransformation;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * {@code AWS::Logs::MetricFilter}. {@code Ref} is the filter name (generated when {@code FilterName} is
 * absent); no {@code Fn::GetAtt} attributes. {@code FilterName} and {@code LogGroupName} replace it; the
 * pattern and transformations change in place (PutMetricFilter again). A transformation's {@code Dimensions}
 * is the template's list of {@code {Key, Value}}.
 */
public final class MetricFilterHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("FilterName", "FilterPattern", "LogGroupName",
            "MetricTransformations", "ApplyOnTransformedLogs");

    @Override
    public String type() {
        return "AWS::Logs::MetricFilter";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("FilterName", "LogGroupName");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("FilterName") ? r.text("FilterName") : r.generatedName(512);
        put(r, name);
        return Created.of(name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        put(r, r.physicalId());
        return Created.of(r.physicalId());
    }

    private static void put(ResourceRequest r, String name) {
        List<MetricTransformation> transformations = new ArrayList<>();
        JsonNode list = r.property("MetricTransformations");
        if (list != null) {
            for (JsonNode t : list) {
                Map<String, String> dimensions = new LinkedHashMap<>();
                t.path("Dimensions").forEach(d -> dimensions.put(d.path("Key").asText(), d.path("Value").asText()));
                transformations.add(MetricTransformation.builder().metricName(t.path("MetricName").asText())
                        .metricNamespace(t.path("MetricNamespace").asText()).metricValue(t.path("MetricValue").asText())
                        .defaultValue(t.has("DefaultValue") ? t.get("DefaultValue").asDouble() : null)
                        .unit(t.has("Unit") ? t.get("Unit").asText() : null)
                        .dimensions(dimensions.isEmpty() ? null : dimensions).build());
            }
        }
        r.client(CloudWatchLogsClient.class).putMetricFilter(b -> b.logGroupName(r.requiredText("LogGroupName"))
                .filterName(name).filterPattern(r.text("FilterPattern") == null ? "" : r.text("FilterPattern"))
                .metricTransformations(transformations).applyOnTransformedLogs(r.bool("ApplyOnTransformedLogs")));
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchLogsClient.class).deleteMetricFilter(b -> b.logGroupName(r.text("LogGroupName"))
                    .filterName(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted, or its log group is.
        }
    }
}
