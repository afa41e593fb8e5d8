package io.gureum.cloudformation;

import io.gureum.cloudformation.stackset.Orgs;
import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import software.amazon.awssdk.services.cloudformation.model.ActivateOrganizationsAccessRequest;
import software.amazon.awssdk.services.cloudformation.model.ActivateOrganizationsAccessResponse;
import software.amazon.awssdk.services.cloudformation.model.DeactivateOrganizationsAccessRequest;
import software.amazon.awssdk.services.cloudformation.model.DeactivateOrganizationsAccessResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeOrganizationsAccessRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeOrganizationsAccessResponse;
import software.amazon.awssdk.services.cloudformation.model.InvalidOperationException;

/**
 * ActivateOrganizationsAccess, DeactivateOrganizationsAccess and DescribeOrganizationsAccess: StackSets' trusted
 * access is Organizations' own record of {@code member.org.stacksets.cloudformation.amazonaws.com}
 * (EnableAWSServiceAccess), so enabling it either way is the same
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-activate-trusted-access.html).
 */
public final class OrganizationsAccess {
    private final Orgs orgs;

    OrganizationsAccess(Orgs orgs) {
        this.orgs = orgs;
    }

    public ActivateOrganizationsAccessResponse activateOrganizationsAccess(ActivateOrganizationsAccessRequest r) {
        RequestContext rc = requireManagement();
        orgs.access(rc.accountId(), rc.region(), true);
        return ActivateOrganizationsAccessResponse.builder().build();
    }

    public DeactivateOrganizationsAccessResponse deactivateOrganizationsAccess(
            DeactivateOrganizationsAccessRequest r) {
        RequestContext rc = requireManagement();
        orgs.access(rc.accountId(), rc.region(), false);
        return DeactivateOrganizationsAccessResponse.builder().build();
    }

    public DescribeOrganizationsAccessResponse describeOrganizationsAccess(DescribeOrganizationsAccessRequest r) {
        RequestContext rc = RequestContext.current();
        if ("DELEGATED_ADMIN".equals(r.callAsAsString())) {
            requireDelegatedAdministrator(orgs, rc);
        } else {
            requireManagement();
        }
        return DescribeOrganizationsAccessResponse.builder()
                .status(orgs.trusted(rc.accountId(), rc.region()) ? "ENABLED" : "DISABLED").build();
    }

    private RequestContext requireManagement() {
        RequestContext rc = RequestContext.current();
        if (!rc.accountId().equals(orgs.managementAccount(rc.accountId(), rc.region()))) {
            throw ModeledErrors.of(InvalidOperationException.class, "You must be the management account of an"
                    + " organization to manage organizations access");
        }
        return rc;
    }

    /** "Account used is not a delegated administrator", AWS's refusal of CallAs DELEGATED_ADMIN. */
    static void requireDelegatedAdministrator(Orgs orgs, RequestContext rc) {
        if (!orgs.delegatedAdministrator(rc.accountId(), rc.region())) {
            throw TemplateError.validation("Account used is not a delegated administrator");
        }
    }
}
