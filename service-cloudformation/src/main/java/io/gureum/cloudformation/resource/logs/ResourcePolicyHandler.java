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
 * {@code AWS::Logs::ResourcePolicy}: an account-level resource policy of CloudWatch Logs. {@code Ref} is the
 * policy name; no {@code Fn::GetAtt} attributes. {@code PolicyName} replaces it; the document (JSON text, or an
 * object) changes in place.
 */
public final class ResourcePolicyHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("PolicyDocument", "PolicyName");

    @Override
    public String type() {
        return "AWS::Logs::ResourcePolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("PolicyName");
    }

    @Override
    public Created create(ResourceRequest r) {
        return put(r, r.requiredText("PolicyName"));
    }

    @Override
    public Created update(ResourceRequest r) {
        return put(r, r.physicalId());
    }

    private static Created put(ResourceRequest r, String name) {
        Served.check(r, SERVED);
        String document = Json.document(r.property("PolicyDocument"));
        if (document == null) {
            r.requiredText("PolicyDocument");
        }
        r.client(CloudWatchLogsClient.class).putResourcePolicy(b -> b.policyName(name).policyDocument(document));
        return Created.of(name);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchLogsClient.class).deleteResourcePolicy(b -> b.policyName(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }
}
