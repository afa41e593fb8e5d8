package io.gureum.cloudformation.resource.logs;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * {@code AWS::Logs::LogStream}. {@code Ref} is the stream name (generated when {@code LogStreamName} is
 * absent); no {@code Fn::GetAtt} attributes. Both properties replace it.
 */
public final class LogStreamHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("LogGroupName", "LogStreamName");

    @Override
    public String type() {
        return "AWS::Logs::LogStream";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("LogStreamName") ? r.text("LogStreamName") : r.generatedName(512);
        r.client(CloudWatchLogsClient.class).createLogStream(b -> b.logGroupName(r.requiredText("LogGroupName"))
                .logStreamName(name));
        return Created.of(name);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchLogsClient.class).deleteLogStream(b -> b.logGroupName(r.text("LogGroupName"))
                    .logStreamName(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // The stream or its group is already gone.
        }
    }
}
