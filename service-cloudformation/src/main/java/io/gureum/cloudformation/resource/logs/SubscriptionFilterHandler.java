package io.gureum.cloudformation.resource.logs;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * {@code AWS::Logs::SubscriptionFilter}. {@code Ref} is the filter name (generated when {@code FilterName} is
 * absent); no {@code Fn::GetAtt} attributes. {@code FilterName} and {@code LogGroupName} replace it; the
 * pattern, destination, role and distribution change in place (PutSubscriptionFilter again). Logs checks the
 * destination as it does for a user: a function Logs may not invoke fails the resource with its reason.
 */
public final class SubscriptionFilterHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("ApplyOnTransformedLogs", "DestinationArn", "Distribution",
            "FilterName", "FilterPattern", "LogGroupName", "RoleArn");

    @Override
    public String type() {
        return "AWS::Logs::SubscriptionFilter";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("FilterName", "LogGroupName");
    }

    @Override
    public Created create(ResourceRequest r) {
        String name = r.has("FilterName") ? r.text("FilterName") : r.generatedName(512);
        put(r, name);
        return Created.of(name);
    }

    @Override
    public Created update(ResourceRequest r) {
        put(r, r.physicalId());
        return Created.of(r.physicalId());
    }

    private static void put(ResourceRequest r, String name) {
        Served.check(r, SERVED);
        r.client(CloudWatchLogsClient.class).putSubscriptionFilter(b -> b.logGroupName(r.requiredText("LogGroupName"))
                .filterName(name).filterPattern(r.requiredText("FilterPattern"))
                .destinationArn(r.requiredText("DestinationArn")).roleArn(r.text("RoleArn"))
                .distribution(r.text("Distribution")).applyOnTransformedLogs(r.bool("ApplyOnTransformedLogs")));
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchLogsClient.class).deleteSubscriptionFilter(b -> b.logGroupName(r.text("LogGroupName"))
                    .filterName(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted, or its log group is.
        }
    }
}
