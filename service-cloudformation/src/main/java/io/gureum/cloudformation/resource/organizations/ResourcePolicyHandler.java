package io.gureum.cloudformation.resource.organizations;

import static io.gureum.cloudformation.resource.organizations.OrgSupport.orgs;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.organizations.model.ResourcePolicySummary;
import software.amazon.awssdk.services.organizations.model.Tag;

/**
 * {@code AWS::Organizations::ResourcePolicy}: the organization's resource-based delegation policy.
 * {@code Ref} is its id; {@code Fn::GetAtt} gives {@code Id} and {@code Arn}. Content and tags change in
 * place (PutResourcePolicy replaces the document).
 */
public final class ResourcePolicyHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Content", "Tags");

    @Override
    public String type() {
        return "AWS::Organizations::ResourcePolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        List<Tag> tags = OrgSupport.tags(r);
        ResourcePolicySummary p = orgs(r).putResourcePolicy(b -> b.content(OrgSupport.document(r.property(
                "Content"))).tags(tags.isEmpty() ? null : tags)).resourcePolicy().resourcePolicySummary();
        return Created.of(p.id()).attribute("Id", p.id()).attribute("Arn", p.arn());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        ResourcePolicySummary p = orgs(r).putResourcePolicy(b -> b.content(OrgSupport.document(r.property(
                "Content")))).resourcePolicy().resourcePolicySummary();
        OrgSupport.retag(r, p.id());
        return Created.of(p.id()).attribute("Id", p.id()).attribute("Arn", p.arn());
    }

    @Override
    public void delete(ResourceRequest r) {
        OrgSupport.deleting(() -> orgs(r).deleteResourcePolicy(b -> { }));
    }
}
