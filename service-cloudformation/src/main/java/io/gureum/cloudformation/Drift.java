package io.gureum.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.engine.ResourceRecord;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.template.TemplateError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackDriftDetectionStatusRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackDriftDetectionStatusResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourceDriftsRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourceDriftsResponse;
import software.amazon.awssdk.services.cloudformation.model.DetectStackDriftRequest;
import software.amazon.awssdk.services.cloudformation.model.DetectStackDriftResponse;
import software.amazon.awssdk.services.cloudformation.model.DetectStackResourceDriftRequest;
import software.amazon.awssdk.services.cloudformation.model.DetectStackResourceDriftResponse;
import software.amazon.awssdk.services.cloudformation.model.PropertyDifference;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDrift;

/**
 * Drift detection basics ("Detect unmanaged configuration changes"): each resource whose handler can read
 * it is compared property by property with its last deployed properties ({@code IN_SYNC}, {@code MODIFIED}
 * with the differences, {@code DELETED}); the others are {@code NOT_CHECKED}. Detection completes within
 * the DetectStackDrift call.
 */
public final class Drift {
    private final Engine engine;
    private final StackLookup lookup;
    private final Map<String, Detection> detections = new LinkedHashMap<>();

    private record Detection(String stackId, String status, int drifted, Instant at) {
    }

    Drift(Engine engine, StackLookup lookup) {
        this.engine = engine;
        this.lookup = lookup;
    }

    public DetectStackDriftResponse detectStackDrift(DetectStackDriftRequest r) {
        StackRecord stack = lookup.requireLive(r.stackName());
        if (stack.inProgress()) {
            throw TemplateError.validation("Drift detection cannot be performed on stack " + stack.stackId
                    + " in status " + stack.status);
        }
        Set<String> only = r.hasLogicalResourceIds() ? Set.copyOf(r.logicalResourceIds()) : null;
        int drifted = 0;
        for (ResourceRecord res : stack.resources.values()) {
            if (res.exists() && (only == null || only.contains(res.logicalId))) {
                check(stack, res);
                if ("MODIFIED".equals(res.driftStatus) || "DELETED".equals(res.driftStatus)) {
                    drifted++;
                }
            }
        }
        Instant now = engine.context().clock().now();
        stack.driftStatus = drifted > 0 ? "DRIFTED" : "IN_SYNC";
        stack.lastDriftCheck = now;
        String id = engine.context().ids().requestId();
        detections.put(id, new Detection(stack.stackId, stack.driftStatus, drifted, now));
        return DetectStackDriftResponse.builder().stackDriftDetectionId(id).build();
    }

    private void check(StackRecord stack, ResourceRecord res) {
        ResourceHandler handler = engine.handlers().find(res.type);
        res.driftCheckedAt = engine.context().clock().now();
        if (!handler.readable()) {
            res.driftStatus = "NOT_CHECKED";
            res.actualProperties = null;
            return;
        }
        ResourceRequest request = new ResourceRequest(res.logicalId, res.type, res.properties, null, res.physicalId,
                res.attributes, new ResourceRequest.Stack(stack.stackName, stack.stackId, stack.accountId,
                        stack.region), Planner.caller(engine), engine.context().clients(), List.of(), res.nameSuffix, null);
        JsonNode actual = handler.read(request);
        res.actualProperties = actual;
        if (actual == null) {
            res.driftStatus = "DELETED";
            return;
        }
        res.driftStatus = differences(res.properties, actual).isEmpty() ? "IN_SYNC" : "MODIFIED";
    }

    private static List<PropertyDifference> differences(JsonNode expected, JsonNode actual) {
        List<PropertyDifference> out = new ArrayList<>();
        actual.fieldNames().forEachRemaining(name -> {
            JsonNode e = expected.get(name);
            JsonNode a = actual.get(name);
            boolean same = e != null && (e.isValueNode() && a.isValueNode() ? e.asText().equals(a.asText()) : e.equals(a));
            if (!same) {
                out.add(PropertyDifference.builder().propertyPath("/" + name)
                        .expectedValue(e == null ? "" : e.isValueNode() ? e.asText() : e.toString())
                        .actualValue(a.isValueNode() ? a.asText() : a.toString())
                        .differenceType(e == null ? "ADD" : "NOT_EQUAL").build());
            }
        });
        return out;
    }

    public DescribeStackDriftDetectionStatusResponse describeStackDriftDetectionStatus(
            DescribeStackDriftDetectionStatusRequest r) {
        Detection d = detections.get(r.stackDriftDetectionId());
        if (d == null) {
            throw TemplateError.validation("Drift detection with id " + r.stackDriftDetectionId() + " does not exist");
        }
        return DescribeStackDriftDetectionStatusResponse.builder().stackId(d.stackId())
                .stackDriftDetectionId(r.stackDriftDetectionId()).stackDriftStatus(d.status())
                .detectionStatus("DETECTION_COMPLETE").driftedStackResourceCount(d.drifted()).timestamp(d.at())
                .build();
    }

    public DescribeStackResourceDriftsResponse describeStackResourceDrifts(DescribeStackResourceDriftsRequest r) {
        StackRecord stack = lookup.require(r.stackName());
        Set<String> filter = Set.copyOf(r.stackResourceDriftStatusFiltersAsStrings());
        List<StackResourceDrift> out = new ArrayList<>();
        for (ResourceRecord res : stack.resources.values()) {
            if (res.driftStatus != null && (filter.isEmpty() || filter.contains(res.driftStatus))) {
                out.add(view(stack, res));
            }
        }
        Page<StackResourceDrift> page = Page.of(out, r.nextToken(), r.maxResults() == null ? 100 : r.maxResults());
        return DescribeStackResourceDriftsResponse.builder().stackResourceDrifts(page.items())
                .nextToken(page.nextToken()).build();
    }

    public DetectStackResourceDriftResponse detectStackResourceDrift(DetectStackResourceDriftRequest r) {
        StackRecord stack = lookup.requireLive(r.stackName());
        ResourceRecord res = stack.resources.get(r.logicalResourceId());
        if (res == null || !res.exists()) {
            throw TemplateError.validation("Resource " + r.logicalResourceId() + " does not exist for stack "
                    + r.stackName());
        }
        check(stack, res);
        return DetectStackResourceDriftResponse.builder().stackResourceDrift(view(stack, res)).build();
    }

    private static StackResourceDrift view(StackRecord stack, ResourceRecord res) {
        List<PropertyDifference> diffs = res.actualProperties == null ? List.of()
                : differences(res.properties, res.actualProperties);
        return StackResourceDrift.builder().stackId(stack.stackId).logicalResourceId(res.logicalId)
                .physicalResourceId(res.physicalId).resourceType(res.type)
                .expectedProperties(res.properties == null ? null : res.properties.toString())
                .actualProperties(res.actualProperties == null ? null : res.actualProperties.toString())
                .propertyDifferences(diffs).stackResourceDriftStatus(res.driftStatus).timestamp(res.driftCheckedAt)
                .build();
    }
}
