package io.gureum.cloudformation.resource.organizations;

import static io.gureum.cloudformation.resource.organizations.OrgSupport.orgs;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Organization;

/**
 * {@code AWS::Organizations::Organization}: an organization whose management account is the stack's account.
 * {@code Ref} is the organization id; {@code Fn::GetAtt} gives {@code Id}, {@code Arn}, {@code RootId},
 * {@code ManagementAccountArn}, {@code ManagementAccountEmail} and {@code ManagementAccountId}. AWS moves
 * {@code FeatureSet} from {@code CONSOLIDATED_BILLING} to {@code ALL} in place through a handshake with every
 * member (EnableAllFeatures), which Gureum does not emulate: such an update fails naming it. Delete fails
 * with Organizations' {@code OrganizationNotEmptyException} while member accounts remain, as on AWS.
 */
public final class OrganizationHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("FeatureSet");

    @Override
    public String type() {
        return "AWS::Organizations::Organization";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Organization o = orgs(r).createOrganization(b -> b.featureSet(r.has("FeatureSet") ? r.text("FeatureSet")
                : "ALL")).organization();
        return result(orgs(r), o);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        if (r.changedProperties().contains("FeatureSet")) {
            throw new ResourceFailure("Gureum does not emulate EnableAllFeatures: cannot update [FeatureSet]");
        }
        OrganizationsClient orgs = orgs(r);
        return result(orgs, orgs.describeOrganization().organization());
    }

    @Override
    public void delete(ResourceRequest r) {
        OrgSupport.deleting(() -> orgs(r).deleteOrganization());
    }

    private static Created result(OrganizationsClient orgs, Organization o) {
        String root = orgs.listRoots().roots().get(0).id();
        return Created.of(o.id()).attribute("Id", o.id()).attribute("Arn", o.arn()).attribute("RootId", root)
                .attribute("ManagementAccountArn", o.masterAccountArn())
                .attribute("ManagementAccountEmail", o.masterAccountEmail())
                .attribute("ManagementAccountId", o.masterAccountId());
    }
}
