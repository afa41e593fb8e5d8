package io.gureum.cloudformation.resource.lambda;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * {@code AWS::Lambda::LayerVersionPermission}: one statement of a layer version's policy, with a generated
 * statement id. {@code Ref} and {@code Fn::GetAtt Id} give {@code <layer version ARN>#<statement id>}, as the
 * resource reference's example {@code arn:aws:lambda:us-west-2:123456789012:layer:my-layer:1#engineering-org}.
 * Every property replaces the statement.
 */
public final class LayerVersionPermissionHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Action", "LayerVersionArn", "OrganizationId", "Principal");

    @Override
    public String type() {
        return "AWS::Lambda::LayerVersionPermission";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String layerVersionArn = r.requiredText("LayerVersionArn");
        int last = layerVersionArn.lastIndexOf(':');
        if (!layerVersionArn.startsWith("arn:") || last < 0) {
            throw new ResourceFailure("LayerVersionArn " + layerVersionArn + " is not a layer version ARN");
        }
        String statement = r.generatedName(100);
        r.client(LambdaClient.class).addLayerVersionPermission(b -> b
                .layerName(layerVersionArn.substring(0, last)).versionNumber(version(layerVersionArn, r))
                .statementId(statement).action(r.requiredText("Action")).principal(r.requiredText("Principal"))
                .organizationId(r.text("OrganizationId")));
        String id = layerVersionArn + "#" + statement;
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public void delete(ResourceRequest r) {
        String id = r.physicalId();
        int hash = id.lastIndexOf('#');
        String layerVersionArn = id.substring(0, hash);
        int last = layerVersionArn.lastIndexOf(':');
        LambdaSupport.deleting(() -> r.client(LambdaClient.class).removeLayerVersionPermission(b -> b
                .layerName(layerVersionArn.substring(0, last)).versionNumber(version(layerVersionArn, r))
                .statementId(id.substring(hash + 1))));
    }

    private static Long version(String layerVersionArn, ResourceRequest r) {
        try {
            return Long.valueOf(layerVersionArn.substring(layerVersionArn.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            throw new ResourceFailure("LayerVersionArn " + layerVersionArn + " names no version of a layer");
        }
    }
}
