package io.gureum.cloudformation.resource.events;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/**
 * {@code AWS::Events::ApiDestination}. {@code Ref} is the API destination's name (generated when {@code Name} is
 * absent); {@code Fn::GetAtt} gives {@code Arn} and {@code ArnForPolicy} (the ARN without its trailing ID).
 * {@code Name} replaces it; the rest changes in place with UpdateApiDestination.
 */
public final class ApiDestinationHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Name", "Description", "ConnectionArn", "InvocationEndpoint",
            "HttpMethod", "InvocationRateLimitPerSecond");

    @Override
    public String type() {
        return "AWS::Events::ApiDestination";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("Name") ? r.text("Name") : r.generatedName(64);
        String arn = r.client(EventBridgeClient.class).createApiDestination(b -> b.name(name)
                .description(r.text("Description")).connectionArn(r.requiredText("ConnectionArn"))
                .invocationEndpoint(r.requiredText("InvocationEndpoint")).httpMethod(r.requiredText("HttpMethod"))
                .invocationRateLimitPerSecond(r.integer("InvocationRateLimitPerSecond"))).apiDestinationArn();
        return attributes(name, arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String arn = r.client(EventBridgeClient.class).updateApiDestination(b -> b.name(r.physicalId())
                .description(r.text("Description")).connectionArn(r.text("ConnectionArn"))
                .invocationEndpoint(r.text("InvocationEndpoint")).httpMethod(r.text("HttpMethod"))
                .invocationRateLimitPerSecond(r.integer("InvocationRateLimitPerSecond"))).apiDestinationArn();
        return attributes(r.physicalId(), arn);
    }

    private static Created attributes(String name, String arn) {
        return Created.of(name).attribute("Arn", arn).attribute("ArnForPolicy", arn.substring(0, arn.lastIndexOf('/')));
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(EventBridgeClient.class).deleteApiDestination(b -> b.name(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }
}
