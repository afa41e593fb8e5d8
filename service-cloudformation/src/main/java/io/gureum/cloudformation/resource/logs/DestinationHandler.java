package io.gureum.cloudformation.resource.logs;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * {@code AWS::Logs::Destination}: a cross-account subscription destination. {@code Ref} is the destination
 * name; {@code Fn::GetAtt} gives {@code Arn}. {@code DestinationName} replaces it; the target, role and access
 * policy ({@code DestinationPolicy}, JSON text) change in place. The CloudFormation tags are applied on create.
 */
public final class DestinationHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("DestinationName", "DestinationPolicy", "RoleArn", "TargetArn");

    @Override
    public String type() {
        return "AWS::Logs::Destination";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("DestinationName");
    }

    @Override
    public Created create(ResourceRequest r) {
        return put(r, r.requiredText("DestinationName"), true);
    }

    @Override
    public Created update(ResourceRequest r) {
        return put(r, r.physicalId(), false);
    }

    private static Created put(ResourceRequest r, String name, boolean tagged) {
        Served.check(r, SERVED);
        CloudWatchLogsClient logs = r.client(CloudWatchLogsClient.class);
        String arn = logs.putDestination(b -> b.destinationName(name).targetArn(r.requiredText("TargetArn"))
                .roleArn(r.requiredText("RoleArn")).tags(tagged ? r.tagMap() : null)).destination().arn();
        String policy = Json.document(r.property("DestinationPolicy"));
        if (policy != null) {
            logs.putDestinationPolicy(b -> b.destinationName(name).accessPolicy(policy));
        }
        return Created.of(name).attribute("Arn", arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchLogsClient.class).deleteDestination(b -> b.destinationName(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }
}
