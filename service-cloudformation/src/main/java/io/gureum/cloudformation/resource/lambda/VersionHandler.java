package io.gureum.cloudformation.resource.lambda;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;

/**
 * {@code AWS::Lambda::Version}: a version published from the function's current code and configuration.
 * {@code Ref} is the version's ARN; {@code Fn::GetAtt} gives {@code FunctionArn} (the unqualified ARN) and
 * {@code Version}. {@code FunctionName}, {@code Description} and {@code CodeSha256} replace it (a new
 * version is published). Provisioned concurrency and the runtime policy are not emulated.
 */
public final class VersionHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "CodeSha256", "Description", "FunctionName");

    @Override
    public String type() {
        return "AWS::Lambda::Version";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("FunctionName", "Description", "CodeSha256");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        PublishVersionResponse v = r.client(LambdaClient.class).publishVersion(b -> b
                .functionName(r.requiredText("FunctionName")).description(r.text("Description"))
                .codeSha256(r.text("CodeSha256")));
        String arn = v.functionArn();
        String unqualified = arn.substring(0, arn.lastIndexOf(':'));
        return Created.of(arn).attribute("FunctionArn", unqualified).attribute("Version", v.version());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        return new Created(r.physicalId(), r.attributes());
    }

    @Override
    public void delete(ResourceRequest r) {
        String arn = r.physicalId();
        LambdaSupport.deleting(() -> r.client(LambdaClient.class).deleteFunction(b -> b
                .functionName(arn.substring(0, arn.lastIndexOf(':'))).qualifier(arn.substring(arn.lastIndexOf(':')
                        + 1))));
    }
}
