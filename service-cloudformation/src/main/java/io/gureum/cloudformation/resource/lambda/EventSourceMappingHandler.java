package io.gureum.cloudformation.resource.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.FilterCriteria;
import software.amazon.awssdk.services.lambda.model.ScalingConfig;
import software.amazon.awssdk.services.lambda.model.UpdateEventSourceMappingRequest;

/**
 * {@code AWS::Lambda::EventSourceMapping}. {@code Ref} is the mapping's UUID; {@code Fn::GetAtt} gives
 * {@code Id} and {@code EventSourceMappingArn}. {@code EventSourceArn}, {@code StartingPosition} and
 * {@code StartingPositionTimestamp} replace it; the function, batching, enablement and filters change in
 * place with UpdateEventSourceMapping.
 */
public final class EventSourceMappingHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "BatchSize", "BisectBatchOnFunctionError", "Enabled", "EventSourceArn", "FilterCriteria", "FunctionName",
            "FunctionResponseTypes", "MaximumBatchingWindowInSeconds", "MaximumRecordAgeInSeconds",
            "MaximumRetryAttempts", "ParallelizationFactor", "ScalingConfig", "StartingPosition");

    @Override
    public String type() {
        return "AWS::Lambda::EventSourceMapping";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("EventSourceArn", "StartingPosition", "StartingPositionTimestamp", "SelfManagedEventSource",
                "AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig", "Topics", "Queues");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        CreateEventSourceMappingResponse m = r.client(LambdaClient.class).createEventSourceMapping(
                CreateEventSourceMappingRequest.builder().functionName(r.requiredText("FunctionName"))
                        .eventSourceArn(r.text("EventSourceArn")).batchSize(r.integer("BatchSize"))
                        .enabled(r.bool("Enabled"))
                        .maximumBatchingWindowInSeconds(r.integer("MaximumBatchingWindowInSeconds"))
                        .startingPosition(r.text("StartingPosition"))
                        .functionResponseTypesWithStrings(list(r.property("FunctionResponseTypes")))
                        .filterCriteria(filters(r.property("FilterCriteria")))
                        .maximumRetryAttempts(r.integer("MaximumRetryAttempts"))
                        .maximumRecordAgeInSeconds(r.integer("MaximumRecordAgeInSeconds"))
                        .bisectBatchOnFunctionError(r.bool("BisectBatchOnFunctionError"))
                        .parallelizationFactor(r.integer("ParallelizationFactor"))
                        .scalingConfig(r.has("ScalingConfig") ? ScalingConfig.builder().maximumConcurrency(
                                Json.integer(r.property("ScalingConfig"), "MaximumConcurrency")).build() : null)
                        .build());
        return Created.of(m.uuid()).attribute("Id", m.uuid()).attribute("EventSourceMappingArn",
                m.eventSourceMappingArn());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String arn = r.client(LambdaClient.class).updateEventSourceMapping(UpdateEventSourceMappingRequest.builder()
                .uuid(r.physicalId()).functionName(r.requiredText("FunctionName")).batchSize(r.integer("BatchSize"))
                .enabled(r.has("Enabled") ? r.bool("Enabled") : Boolean.TRUE)
                .maximumBatchingWindowInSeconds(r.integer("MaximumBatchingWindowInSeconds"))
                .functionResponseTypesWithStrings(r.has("FunctionResponseTypes")
                        ? list(r.property("FunctionResponseTypes")) : List.of())
                .filterCriteria(r.has("FilterCriteria") ? filters(r.property("FilterCriteria"))
                        : FilterCriteria.builder().filters(List.of()).build())
                .maximumRetryAttempts(r.integer("MaximumRetryAttempts"))
                .maximumRecordAgeInSeconds(r.integer("MaximumRecordAgeInSeconds"))
                .bisectBatchOnFunctionError(r.bool("BisectBatchOnFunctionError"))
                .parallelizationFactor(r.integer("ParallelizationFactor")).build()).eventSourceMappingArn();
        return Created.of(r.physicalId()).attribute("Id", r.physicalId()).attribute("EventSourceMappingArn", arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        LambdaSupport.deleting(() -> r.client(LambdaClient.class).deleteEventSourceMapping(b -> b.uuid(r.physicalId())));
    }

    private static List<String> list(JsonNode node) {
        List<String> l = Json.strings(node);
        return l.isEmpty() ? null : l;
    }

    private static FilterCriteria filters(JsonNode c) {
        if (c == null) {
            return null;
        }
        List<software.amazon.awssdk.services.lambda.model.Filter> filters = new ArrayList<>();
        c.path("Filters").forEach(f -> filters.add(software.amazon.awssdk.services.lambda.model.Filter.builder()
                .pattern(Json.document(f.get("Pattern"))).build()));
        return FilterCriteria.builder().filters(filters).build();
    }
}
