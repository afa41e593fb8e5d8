package io.gureum.cloudformation.resource.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;

/**
 * {@code AWS::Lambda::Alias}. {@code Ref} is the alias ARN; {@code Fn::GetAtt} gives {@code AliasArn}.
 * {@code FunctionName} and {@code Name} replace it; the version, description and weighted routing change in
 * place with UpdateAlias.
 */
public final class AliasHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "Description", "FunctionName", "FunctionVersion", "Name", "RoutingConfig");

    @Override
    public String type() {
        return "AWS::Lambda::Alias";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("FunctionName", "Name");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String arn = r.client(LambdaClient.class).createAlias(b -> b.functionName(r.requiredText("FunctionName"))
                .name(r.requiredText("Name")).functionVersion(r.requiredText("FunctionVersion"))
                .description(r.text("Description")).routingConfig(routing(r.property("RoutingConfig")))).aliasArn();
        return Created.of(arn).attribute("AliasArn", arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String arn = r.client(LambdaClient.class).updateAlias(b -> b.functionName(r.text("FunctionName"))
                .name(r.text("Name")).functionVersion(r.requiredText("FunctionVersion"))
                .description(r.has("Description") ? r.text("Description") : "")
                .routingConfig(r.has("RoutingConfig") ? routing(r.property("RoutingConfig"))
                        : AliasRoutingConfiguration.builder().additionalVersionWeights(Map.of()).build())).aliasArn();
        return Created.of(arn).attribute("AliasArn", arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        LambdaSupport.deleting(() -> r.client(LambdaClient.class).deleteAlias(b -> b.functionName(r.text("FunctionName"))
                .name(r.text("Name"))));
    }

    private static AliasRoutingConfiguration routing(JsonNode c) {
        if (c == null) {
            return null;
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        c.path("AdditionalVersionWeights").forEach(w -> weights.put(w.path("FunctionVersion").asText(),
                w.path("FunctionWeight").asDouble()));
        return AliasRoutingConfiguration.builder().additionalVersionWeights(weights).build();
    }
}
