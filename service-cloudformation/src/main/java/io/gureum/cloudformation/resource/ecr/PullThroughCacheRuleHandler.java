package io.gureum.cloudformation.resource.ecr;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRuleNotFoundException;

/**
 * {@code AWS::ECR::PullThroughCacheRule}. {@code Ref} is the ECR repository prefix (the rule's identifier); the
 * type has no {@code Fn::GetAtt} attributes. The prefix, the upstream registry and its URL and the upstream
 * repository prefix replace the rule; {@code CredentialArn} and {@code CustomRoleArn} change in place
 * (UpdatePullThroughCacheRule). ECR checks the upstream and the credential secret (see docs/services/ecr.md).
 */
public final class PullThroughCacheRuleHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("CredentialArn", "CustomRoleArn", "EcrRepositoryPrefix",
            "UpstreamRegistry", "UpstreamRegistryUrl", "UpstreamRepositoryPrefix");

    @Override
    public String type() {
        return "AWS::ECR::PullThroughCacheRule";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("EcrRepositoryPrefix", "UpstreamRegistry", "UpstreamRegistryUrl", "UpstreamRepositoryPrefix");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String prefix = r.requiredText("EcrRepositoryPrefix");
        String url = r.requiredText("UpstreamRegistryUrl");
        r.client(EcrClient.class).createPullThroughCacheRule(b -> b.ecrRepositoryPrefix(prefix)
                .upstreamRegistryUrl(url).upstreamRegistry(r.text("UpstreamRegistry"))
                .credentialArn(r.text("CredentialArn")).customRoleArn(r.text("CustomRoleArn"))
                .upstreamRepositoryPrefix(r.text("UpstreamRepositoryPrefix")));
        return Created.of(prefix);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        r.client(EcrClient.class).updatePullThroughCacheRule(b -> b.ecrRepositoryPrefix(r.physicalId())
                .credentialArn(r.text("CredentialArn")).customRoleArn(r.text("CustomRoleArn")));
        return Created.of(r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(EcrClient.class).deletePullThroughCacheRule(b -> b.ecrRepositoryPrefix(r.physicalId()));
        } catch (PullThroughCacheRuleNotFoundException gone) {
            // Already deleted.
        }
    }
}
