package io.gureum.cloudformation.resource.secretsmanager;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * {@code AWS::SecretsManager::ResourcePolicy}. {@code Ref} is the secret's ARN; {@code Fn::GetAtt} gives
 * {@code Id} (the same). {@code SecretId} replaces it; the policy and {@code BlockPublicPolicy} change in
 * place; delete removes the secret's policy.
 */
public final class ResourcePolicyHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("BlockPublicPolicy", "ResourcePolicy", "SecretId");

    @Override
    public String type() {
        return "AWS::SecretsManager::ResourcePolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("SecretId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String arn = r.client(SecretsManagerClient.class).putResourcePolicy(b -> b.secretId(r.requiredText("SecretId"))
                .resourcePolicy(Json.document(r.property("ResourcePolicy"))).blockPublicPolicy(r.bool(
                        "BlockPublicPolicy"))).arn();
        return Created.of(arn).attribute("Id", arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        r.client(SecretsManagerClient.class).putResourcePolicy(b -> b.secretId(r.physicalId())
                .resourcePolicy(Json.document(r.property("ResourcePolicy"))).blockPublicPolicy(r.bool(
                        "BlockPublicPolicy")));
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(SecretsManagerClient.class).deleteResourcePolicy(b -> b.secretId(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // The secret is gone, and its policy with it.
        }
    }
}
