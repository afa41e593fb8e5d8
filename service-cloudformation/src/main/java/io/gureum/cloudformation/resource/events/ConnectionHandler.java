package io.gureum.cloudformation.resource.events;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ConnectivityResourceParameters;
import software.amazon.awssdk.services.eventbridge.model.CreateConnectionAuthRequestParameters;
import software.amazon.awssdk.services.eventbridge.model.DescribeConnectionResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.UpdateConnectionAuthRequestParameters;

/**
 * {@code AWS::Events::Connection}. {@code Ref} is the connection's name (generated when {@code Name} is absent);
 * {@code Fn::GetAtt} gives {@code Arn}, {@code ArnForPolicy} (the ARN without its trailing ID) and
 * {@code SecretArn} (the secret EventBridge keeps the credentials in). {@code Name} replaces it; everything else
 * changes in place with UpdateConnection. {@code AuthParameters} mirrors the API's member for member.
 */
public final class ConnectionHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Name", "Description", "AuthorizationType", "AuthParameters",
            "InvocationConnectivityParameters", "KmsKeyIdentifier");

    @Override
    public String type() {
        return "AWS::Events::Connection";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("Name") ? r.text("Name") : r.generatedName(64);
        EventBridgeClient events = r.client(EventBridgeClient.class);
        events.createConnection(b -> b.name(name).description(r.text("Description"))
                .authorizationType(r.text("AuthorizationType"))
                .authParameters(r.has("AuthParameters") ? SdkJson.build(r.property("AuthParameters"),
                        CreateConnectionAuthRequestParameters.builder(), "AuthParameters") : null)
                .invocationConnectivityParameters(connectivity(r)).kmsKeyIdentifier(r.text("KmsKeyIdentifier")));
        return attributes(name, events.describeConnection(b -> b.name(name)));
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.physicalId();
        EventBridgeClient events = r.client(EventBridgeClient.class);
        events.updateConnection(b -> b.name(name).description(r.text("Description"))
                .authorizationType(r.text("AuthorizationType"))
                .authParameters(r.has("AuthParameters") ? SdkJson.build(r.property("AuthParameters"),
                        UpdateConnectionAuthRequestParameters.builder(), "AuthParameters") : null)
                .invocationConnectivityParameters(connectivity(r)).kmsKeyIdentifier(r.text("KmsKeyIdentifier")));
        return attributes(name, events.describeConnection(b -> b.name(name)));
    }

    private static ConnectivityResourceParameters connectivity(ResourceRequest r) {
        return r.has("InvocationConnectivityParameters") ? SdkJson.build(r.property("InvocationConnectivityParameters"),
                ConnectivityResourceParameters.builder(), "InvocationConnectivityParameters") : null;
    }

    private static Created attributes(String name, DescribeConnectionResponse d) {
        String arn = d.connectionArn();
        return Created.of(name).attribute("Arn", arn).attribute("ArnForPolicy", arn.substring(0, arn.lastIndexOf('/')))
                .attribute("SecretArn", d.secretArn());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(EventBridgeClient.class).deleteConnection(b -> b.name(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }
}
