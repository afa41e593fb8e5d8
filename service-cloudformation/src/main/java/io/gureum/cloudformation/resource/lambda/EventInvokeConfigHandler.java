package io.gureum.cloudformation.resource.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;

/**
 * {@code AWS::Lambda::EventInvokeConfig}: a function's (or version's, alias's) asynchronous invocation
 * settings. {@code Ref} gives the resource's primary identifier, {@code <FunctionName>|<Qualifier>}; there are
 * no {@code Fn::GetAtt} attributes. {@code FunctionName} and {@code Qualifier} replace it; retries, maximum age
 * and destinations change in place (PutFunctionEventInvokeConfig, which replaces the whole configuration).
 */
public final class EventInvokeConfigHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("DestinationConfig", "FunctionName", "MaximumEventAgeInSeconds",
            "MaximumRetryAttempts", "Qualifier");

    @Override
    public String type() {
        return "AWS::Lambda::EventInvokeConfig";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("FunctionName", "Qualifier");
    }

    @Override
    public Created create(ResourceRequest r) {
        put(r);
        return Created.of(r.requiredText("FunctionName") + "|" + r.requiredText("Qualifier"));
    }

    @Override
    public Created update(ResourceRequest r) {
        put(r);
        return Created.of(r.physicalId());
    }

    private static void put(ResourceRequest r) {
        Served.check(r, SERVED);
        r.client(LambdaClient.class).putFunctionEventInvokeConfig(b -> b.functionName(r.requiredText("FunctionName"))
                .qualifier(r.requiredText("Qualifier")).maximumRetryAttempts(r.integer("MaximumRetryAttempts"))
                .maximumEventAgeInSeconds(r.integer("MaximumEventAgeInSeconds"))
                .destinationConfig(destinations(r.property("DestinationConfig"))));
    }

    @Override
    public void delete(ResourceRequest r) {
        LambdaSupport.deleting(() -> r.client(LambdaClient.class).deleteFunctionEventInvokeConfig(b -> b
                .functionName(r.text("FunctionName")).qualifier(r.text("Qualifier"))));
    }

    private static DestinationConfig destinations(JsonNode c) {
        if (c == null) {
            return null;
        }
        DestinationConfig.Builder b = DestinationConfig.builder();
        if (c.has("OnSuccess")) {
            b.onSuccess(s -> s.destination(Json.text(c.get("OnSuccess"), "Destination")));
        }
        if (c.has("OnFailure")) {
            b.onFailure(f -> f.destination(Json.text(c.get("OnFailure"), "Destination")));
        }
        return b.build();
    }
}
