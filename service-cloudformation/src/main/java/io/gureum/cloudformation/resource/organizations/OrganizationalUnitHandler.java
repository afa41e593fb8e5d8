package io.gureum.cloudformation.resource.organizations;

import static io.gureum.cloudformation.resource.organizations.OrgSupport.orgs;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;
import software.amazon.awssdk.services.organizations.model.Tag;

/**
 * {@code AWS::Organizations::OrganizationalUnit}. {@code Ref} is the OU's id; {@code Fn::GetAtt} gives
 * {@code Id}, {@code Arn} and {@code Path} ({@code o-…/r-…/ou-…/}). {@code ParentId} replaces it; the name and tags change in place.
 */
public final class OrganizationalUnitHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Name", "ParentId", "Tags");

    @Override
    public String type() {
        return "AWS::Organizations::OrganizationalUnit";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("ParentId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        List<Tag> tags = OrgSupport.tags(r);
        OrganizationalUnit u = orgs(r).createOrganizationalUnit(b -> b.parentId(r.requiredText("ParentId"))
                .name(r.requiredText("Name")).tags(tags.isEmpty() ? null : tags)).organizationalUnit();
        return Created.of(u.id()).attribute("Id", u.id()).attribute("Arn", u.arn())
                .attribute("Path", OrgSupport.path(orgs(r), u.id()));
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        OrganizationalUnit u;
        if (r.changedProperties().contains("Name")) {
            u = orgs(r).updateOrganizationalUnit(b -> b.organizationalUnitId(r.physicalId())
                    .name(r.requiredText("Name"))).organizationalUnit();
        } else {
            u = orgs(r).describeOrganizationalUnit(b -> b.organizationalUnitId(r.physicalId())).organizationalUnit();
        }
        OrgSupport.retag(r, r.physicalId());
        return Created.of(u.id()).attribute("Id", u.id()).attribute("Arn", u.arn())
                .attribute("Path", OrgSupport.path(orgs(r), u.id()));
    }

    @Override
    public void delete(ResourceRequest r) {
        OrgSupport.deleting(() -> orgs(r).deleteOrganizationalUnit(b -> b.organizationalUnitId(r.physicalId())));
    }
}
