package io.gureum.cloudformation.resource.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.engine.Signals;
import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Lambda-backed custom resources ({@code Custom::<Name>} and {@code AWS::CloudFormation::CustomResource},
 * "Custom resources"): the function named by {@code ServiceToken} is invoked asynchronously with AWS's request
 * object (RequestType Create/Update/Delete, ResponseURL, StackId, RequestId, LogicalResourceId, ResourceType,
 * ResourceProperties, PhysicalResourceId, OldResourceProperties) and the resource completes when the
 * function PUTs its response to the ResponseURL (this server's {@code /_gureum/cloudformation/custom/<id>}):
 * {@code Status} SUCCESS or FAILED, {@code Reason}, {@code PhysicalResourceId}, {@code Data} (the
 * {@code Fn::GetAtt} attributes). No response within an hour fails the resource as on AWS.
 */
public final class CustomResourceHandler implements AsyncResourceHandler {
    public static final String TYPE = "AWS::CloudFormation::CustomResource";
    public static final String PATH = "/_gureum/cloudformation/custom/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Signals signals;
    private final Supplier<URI> endpoint;

    public CustomResourceHandler(Signals signals, Supplier<URI> endpoint) {
        this.signals = signals;
        this.endpoint = endpoint;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** A new ServiceToken cannot be applied in place (AWS: "Updates are not supported"). */
    @Override
    public Set<String> replacementProperties() {
        return Set.of("ServiceToken");
    }

    @Override
    public Created create(ResourceRequest r) {
        return createAsync(r).join();
    }

    @Override
    public void delete(ResourceRequest r) {
        deleteAsync(r).join();
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        return call(r, "Create");
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        return call(r, "Update");
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        return call(r, "Delete").thenAccept(x -> { });
    }

    private CompletableFuture<Created> call(ResourceRequest r, String requestType) {
        String token = r.requiredText("ServiceToken");
        if (!token.startsWith("arn:") || !token.contains(":lambda:")) {
            throw new ResourceFailure("ServiceToken " + token + " is not a Lambda function ARN: Gureum serves"
                    + " Lambda-backed custom resources only");
        }
        String requestId = UUID.randomUUID().toString();
        String base = endpoint.get() == null ? "http://localhost:4566" : endpoint.get().toString();
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("RequestType", requestType);
        event.put("ServiceToken", token);
        event.put("ResponseURL", (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH
                + requestId);
        event.put("StackId", r.stack().stackId());
        event.put("RequestId", requestId);
        event.put("LogicalResourceId", r.logicalId());
        event.put("ResourceType", r.type());
        event.set("ResourceProperties", r.properties());
        if (r.physicalId() != null) {
            event.put("PhysicalResourceId", r.physicalId());
        }
        if (r.previousProperties() != null) {
            event.set("OldResourceProperties", r.previousProperties());
        }
        CompletableFuture<java.util.Map<String, Signals.Signal>> response = signals.expect(key(requestId), 1,
                Duration.ofHours(1), got -> "CloudFormation did not receive a response from your Custom Resource."
                        + " Please check your logs for requestId [" + requestId + "].",
                s -> "Received response status [FAILED] from custom resource. Message returned: "
                        + (s.reason() == null ? "" : s.reason()) + " (RequestId: " + requestId + ")");
        r.client(LambdaClient.class).invoke(b -> b.functionName(token).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(event.toString())));
        return response.thenApply(received -> {
            JsonNode body = parse(received.values().iterator().next().data());
            String physicalId = body.hasNonNull("PhysicalResourceId") ? body.get("PhysicalResourceId").asText()
                    : r.physicalId() != null ? r.physicalId() : requestId;
            Created created = Created.of(physicalId);
            for (var it = body.path("Data").fields(); it.hasNext();) {
                var e = it.next();
                created = created.attribute(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
                        : e.getValue().toString());
            }
            return created;
        });
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode n = JSON.readTree(body == null ? "{}" : body);
            return n == null ? JsonNodeFactory.instance.objectNode() : n;
        } catch (java.io.IOException e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    /** The signal key of a request's response. */
    public static String key(String requestId) {
        return "custom:" + requestId;
    }
}
