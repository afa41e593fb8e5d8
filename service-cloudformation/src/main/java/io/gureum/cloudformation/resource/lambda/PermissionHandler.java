package io.gureum.cloudformation.resource.lambda;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * {@code AWS::Lambda::Permission}: one statement of a function's resource policy, with a generated
 * statement id. {@code Ref} and {@code Fn::GetAtt Id} give that id. Every property replaces the statement.
 */
public final class PermissionHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "Action", "EventSourceToken", "FunctionName", "FunctionUrlAuthType", "Principal", "PrincipalOrgID",
            "SourceAccount", "SourceArn");

    @Override
    public String type() {
        return "AWS::Lambda::Permission";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String statement = r.generatedName(100);
        r.client(LambdaClient.class).addPermission(b -> b.functionName(r.requiredText("FunctionName"))
                .statementId(statement).action(r.requiredText("Action")).principal(r.requiredText("Principal"))
                .sourceArn(r.text("SourceArn")).sourceAccount(r.text("SourceAccount"))
                .eventSourceToken(r.text("EventSourceToken")).principalOrgID(r.text("PrincipalOrgID"))
                .functionUrlAuthType(r.text("FunctionUrlAuthType")));
        return Created.of(statement).attribute("Id", statement);
    }

    @Override
    public void delete(ResourceRequest r) {
        LambdaSupport.deleting(() -> r.client(LambdaClient.class).removePermission(b -> b
                .functionName(r.text("FunctionName")).statementId(r.physicalId())));
    }
}
