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

    @Override
    public boolean readable() {
        return true;
    }

    /** The principal while it is still excluded (null once it is not). */
    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        EcrClient ecr = r.client(EcrClient.class);
        String token = null;
        do {
            String from = token;
            var page = ecr.listPullTimeUpdateExclusions(b -> b.nextToken(from));
            if (page.pullTimeUpdateExclusions().contains(r.physicalId())) {
                return new io.gureum.cloudformation.resource.common.Drift(r).put("PrincipalArn", r.physicalId())
                        .result();
            }
            token = page.nextToken();
        } while (token != null);
        return null;
    }
}
