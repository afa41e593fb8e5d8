package io.gureum.cloudformation.resource.ecr;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ExclusionNotFoundException;

/**
 * {@code AWS::ECR::PullTimeUpdateExclusion}: one principal excluded from pull time updates
 * (RegisterPullTimeUpdateExclusion). {@code Ref} is the principal's ARN (the type's identifier); there are no
 * attributes. {@code PrincipalArn}, its only property, replaces the resource.
 */
public final class PullTimeUpdateExclusionHandler implements ResourceHandler {
    @Override
    public String type() {
        return "AWS::ECR::PullTimeUpdateExclusion";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, Set.of("PrincipalArn"));
        String principal = r.requiredText("PrincipalArn");
        r.client(EcrClient.class).registerPullTimeUpdateExclusion(b -> b.principalArn(principal));
        return Created.of(principal);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(EcrClient.class).deregisterPullTimeUpdateExclusion(b -> b.principalArn(r.physicalId()));
        } catch (ExclusionNotFoundException gone) {
            // Already deleted.
        }
    }
}
