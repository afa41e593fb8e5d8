package io.gureum.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.engine.ResourceRecord;
import io.gureum.cloudformation.engine.ResourceSteps;
import io.gureum.cloudformation.engine.Signals;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.resource.cloudformation.CustomResourceHandler;
import io.gureum.cloudformation.resource.cloudformation.WaitConditionHandleHandler;
import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import software.amazon.awssdk.services.cloudformation.model.SignalResourceRequest;
import software.amazon.awssdk.services.cloudformation.model.SignalResourceResponse;

/**
 * SignalResource, for resources with a {@code CreationPolicy}, and the wait condition handle URLs a signal
 * is PUT to ({@code curl -X PUT -d '{"Status":"SUCCESS","UniqueId":"1","Data":"done","Reason":"ok"}' URL}).
 */
public final class ResourceSignals {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine;
    private final StackLookup lookup;

    ResourceSignals(Engine engine, StackLookup lookup) {
        this.engine = engine;
        this.lookup = lookup;
    }

    public SignalResourceResponse signalResource(SignalResourceRequest r) {
        StackRecord stack = lookup.requireLive(r.stackName());
        ResourceRecord res = stack.resources.get(r.logicalResourceId());
        if (res == null) {
            throw TemplateError.validation("Resource " + r.logicalResourceId() + " does not exist for stack "
                    + stack.stackName);
        }
        String key = ResourceSteps.signalKey(stack.stackId, res.logicalId);
        boolean inProgress = res.status != null && res.status.endsWith("_IN_PROGRESS");
        if (!inProgress || !engine.signals().signal(key, new Signals.Signal(r.uniqueId(), r.statusAsString(), null,
                null), true)) {
            throw TemplateError.validation("Resource " + res.logicalId + " is in " + res.status
                    + " state and cannot be signaled");
        }
        return SignalResourceResponse.builder().build();
    }

    /** A PUT to a wait condition handle's URL; null for other paths. */
    AwsHttpResponse handle(AwsHttpRequest request) {
        if (request.rawPath().startsWith(CustomResourceHandler.PATH)) {
            return customResponse(request);
        }
        if (!request.rawPath().startsWith(WaitConditionHandleHandler.PATH)) {
            return null;
        }
        if (!request.method().equals("PUT")) {
            return new AwsHttpResponse(405);
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.bodyAsString());
        } catch (java.io.IOException e) {
            return new AwsHttpResponse(400).body("the body must be a JSON object", "text/plain");
        }
        if (body == null || !body.has("Status") || !body.has("UniqueId")) {
            return new AwsHttpResponse(400).body("Status and UniqueId are required", "text/plain");
        }
        String key = WaitConditionHandleHandler.key(request.rawPath());
        engine.signals().signal(key, new Signals.Signal(body.get("UniqueId").asText(), body.get("Status").asText(),
                body.path("Data").asText(null), body.path("Reason").asText(null)), true);
        return new AwsHttpResponse(200);
    }

    /** A custom resource's response PUT to its ResponseURL: the whole body is kept for its Data. */
    private AwsHttpResponse customResponse(AwsHttpRequest request) {
        if (!request.method().equals("PUT")) {
            return new AwsHttpResponse(405);
        }
        String text = request.bodyAsString();
        JsonNode body;
        try {
            body = JSON.readTree(text);
        } catch (java.io.IOException e) {
            return new AwsHttpResponse(400).body("the body must be a JSON object", "text/plain");
        }
        if (body == null || !body.has("Status")) {
            return new AwsHttpResponse(400).body("Status is required", "text/plain");
        }
        String requestId = request.rawPath().substring(CustomResourceHandler.PATH.length());
        String status = "SUCCESS".equals(body.get("Status").asText()) ? "SUCCESS" : "FAILURE";
        engine.signals().signal(CustomResourceHandler.key(requestId), new Signals.Signal("response", status, text,
                body.path("Reason").asText(null)), false);
        return new AwsHttpResponse(200);
    }
}
