package io.gureum.cloudformation.resource.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RegistryPolicyNotFoundException;

/**
 * {@code AWS::ECR::RegistryPolicy}: the registry's one permissions policy. {@code Ref} is the registry ID (the
 * account), {@code Fn::GetAtt RegistryId} too; a new {@code PolicyText} is put in place.
 */
public final class RegistryPolicyHandler implements ResourceHandler {
    @Override
    public String type() {
        return "AWS::ECR::RegistryPolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, Set.of("PolicyText"));
        JsonNode policy = r.property("PolicyText");
        String text = policy == null ? null : policy.isTextual() ? policy.asText() : policy.toString();
        String id = r.client(EcrClient.class).putRegistryPolicy(b -> b.policyText(text)).registryId();
        return Created.of(id).attribute("RegistryId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        return create(r);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(EcrClient.class).deleteRegistryPolicy(b -> { });
        } catch (RegistryPolicyNotFoundException gone) {
            // Already deleted.
        }
    }
}
