package io.gureum.cloudformation.resource.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Cors;

/**
 * {@code AWS::Lambda::Url}: a function URL. {@code Ref} and {@code Fn::GetAtt FunctionArn} give the (qualified)
 * function ARN the URL serves; {@code Fn::GetAtt FunctionUrl} the URL. {@code TargetFunctionArn} and
 * {@code Qualifier} replace it; {@code AuthType}, {@code Cors} and {@code InvokeMode} change in place
 * (UpdateFunctionUrlConfig; a removed {@code Cors} is cleared).
 */
public final class UrlHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("AuthType", "Cors", "InvokeMode", "Qualifier",
            "TargetFunctionArn");

    @Override
    public String type() {
        return "AWS::Lambda::Url";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("TargetFunctionArn", "Qualifier");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        var made = r.client(LambdaClient.class).createFunctionUrlConfig(b -> b
                .functionName(r.requiredText("TargetFunctionArn")).qualifier(r.text("Qualifier"))
                .authType(r.requiredText("AuthType")).cors(cors(r.property("Cors"))).invokeMode(r.text("InvokeMode")));
        return Created.of(made.functionArn()).attribute("FunctionArn", made.functionArn())
                .attribute("FunctionUrl", made.functionUrl());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        JsonNode cors = r.property("Cors");
        var updated = r.client(LambdaClient.class).updateFunctionUrlConfig(b -> b
                .functionName(r.requiredText("TargetFunctionArn")).qualifier(r.text("Qualifier"))
                .authType(r.requiredText("AuthType")).cors(cors == null ? Cors.builder().build() : cors(cors))
                .invokeMode(r.has("InvokeMode") ? r.text("InvokeMode") : "BUFFERED"));
        return Created.of(r.physicalId()).attribute("FunctionArn", updated.functionArn())
                .attribute("FunctionUrl", updated.functionUrl());
    }

    @Override
    public void delete(ResourceRequest r) {
        LambdaSupport.deleting(() -> r.client(LambdaClient.class).deleteFunctionUrlConfig(b -> b
                .functionName(r.text("TargetFunctionArn")).qualifier(r.text("Qualifier"))));
    }

    private static Cors cors(JsonNode c) {
        if (c == null) {
            return null;
        }
        return Cors.builder().allowCredentials(Json.bool(c, "AllowCredentials"))
                .allowHeaders(list(c, "AllowHeaders")).allowMethods(list(c, "AllowMethods"))
                .allowOrigins(list(c, "AllowOrigins")).exposeHeaders(list(c, "ExposeHeaders"))
                .maxAge(Json.integer(c, "MaxAge")).build();
    }

    private static List<String> list(JsonNode c, String field) {
        return c.has(field) ? Json.strings(c.get(field)) : null;
    }
}
