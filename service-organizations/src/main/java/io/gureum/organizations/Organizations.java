package io.gureum.organizations;

import io.gureum.core.spi.ServiceContext;
import java.util.List;
import software.amazon.awssdk.services.organizations.model.AlreadyInOrganizationException;
import software.amazon.awssdk.services.organizations.model.CreateOrganizationRequest;
import software.amazon.awssdk.services.organizations.model.CreateOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.DeleteOrganizationRequest;
import software.amazon.awssdk.services.organizations.model.DeleteOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.DescribeOrganizationRequest;
import software.amazon.awssdk.services.organizations.model.DescribeOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.LeaveOrganizationRequest;
import software.amazon.awssdk.services.organizations.model.LeaveOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.MasterCannotLeaveOrganizationException;
import software.amazon.awssdk.services.organizations.model.OrganizationNotEmptyException;
import software.amazon.awssdk.services.organizations.model.PolicyTypeSummary;
import software.amazon.awssdk.services.organizations.model.RemoveAccountFromOrganizationRequest;
import software.amazon.awssdk.services.organizations.model.RemoveAccountFromOrganizationResponse;

/** CreateOrganization, DescribeOrganization, DeleteOrganization, LeaveOrganization, RemoveAccountFromOrganization. */
public final class Organizations {
    static final String MASTER_CANNOT_LEAVE = "You can't remove a management account from an organization. If you "
            + "want the management account to become a member account in another organization, you must first "
            + "delete the current organization.";
    private final ServiceContext context;
    private final OrgStore store;
    private final OrgIds ids;
    private final OrgTags tags;

    Organizations(ServiceContext context, OrgStore store, OrgIds ids, OrgTags tags) {
        this.context = context;
        this.store = store;
        this.ids = ids;
        this.tags = tags;
    }

    /**
     * The caller's account becomes the management account and the organization's first member; the root has
     * no policy type enabled until EnablePolicyType.
     */
    public CreateOrganizationResponse createOrganization(CreateOrganizationRequest r) {
        String caller = OrgStore.callerAccount();
        if (store.of(caller) != null) {
            throw OrgErrors.of(AlreadyInOrganizationException.class,
                    "The AWS account is already a member of an organization.");
        }
        String featureSet = r.featureSetAsString() == null ? "ALL" : r.featureSetAsString();
        Organization org = new Organization(ids.organization(), featureSet, caller, ids.root());
        store.organizations.put(org.id, org);
        tags.register(org, org.rootId, org.rootArn, null);
        store.join(org, new Member(caller, managementEmail(caller), caller, "INVITED", context.clock().now()),
                org.rootId);
        tags.register(org, caller, org.accountArn(caller), null);
        return CreateOrganizationResponse.builder().organization(view(org)).build();
    }

    /** Every member account sees the organization as the management account does. */
    public DescribeOrganizationResponse describeOrganization(DescribeOrganizationRequest r) {
        return DescribeOrganizationResponse.builder().organization(view(store.ofCaller())).build();
    }

    public DeleteOrganizationResponse deleteOrganization(DeleteOrganizationRequest r) {
        Organization org = store.managedByCaller();
        if (org.accounts.size() > 1) {
            throw OrgErrors.of(OrganizationNotEmptyException.class, "The organization isn't empty. To delete an "
                    + "organization, you must first remove all accounts except the management account.");
        }
        store.leave(org, org.managementAccountId);
        store.organizations.remove(org.id);
        store.handshakes.values().removeIf(h -> h.organizationId.equals(org.id));
        tags.unregisterAll(org);
        return DeleteOrganizationResponse.builder().build();
    }

    public LeaveOrganizationResponse leaveOrganization(LeaveOrganizationRequest r) {
        Organization org = store.ofCaller();
        String caller = OrgStore.callerAccount();
        if (org.managementAccountId.equals(caller)) {
            throw OrgErrors.of(MasterCannotLeaveOrganizationException.class, MASTER_CANNOT_LEAVE);
        }
        store.leave(org, caller);
        tags.unregister(org, caller);
        return LeaveOrganizationResponse.builder().build();
    }

    public RemoveAccountFromOrganizationResponse removeAccountFromOrganization(RemoveAccountFromOrganizationRequest r) {
        Organization org = store.managedByCaller();
        OrgStore.member(org, r.accountId());
        if (org.managementAccountId.equals(r.accountId())) {
            throw OrgErrors.of(MasterCannotLeaveOrganizationException.class, MASTER_CANNOT_LEAVE);
        }
        store.leave(org, r.accountId());
        tags.unregister(org, r.accountId());
        return RemoveAccountFromOrganizationResponse.builder().build();
    }

    /**
     * Gureum knows no account's sign-up e-mail address: the management account's is this placeholder, in the
     * reserved {@code .invalid} domain.
     */
    static String managementEmail(String accountId) {
        return "account-" + accountId + "@gureum.invalid";
    }

    /**
     * {@code AvailablePolicyTypes} is deprecated ("Do not use. This field is deprecated and doesn't provide
     * complete information about the policies in your organization", Organization in the API reference); AWS
     * still answers SERVICE_CONTROL_POLICY ENABLED in it for an organization with all features.
     */
    static software.amazon.awssdk.services.organizations.model.Organization view(Organization org) {
        List<PolicyTypeSummary> available = org.featureSet.equals("ALL")
                ? List.of(PolicyTypeSummary.builder().type("SERVICE_CONTROL_POLICY").status("ENABLED").build())
                : List.of();
        Member mgmt = org.accounts.get(org.managementAccountId);
        return software.amazon.awssdk.services.organizations.model.Organization.builder().id(org.id).arn(org.arn)
                .featureSet(org.featureSet).masterAccountId(org.managementAccountId)
                .masterAccountArn(org.accountArn(org.managementAccountId))
                .masterAccountEmail(mgmt == null ? managementEmail(org.managementAccountId) : mgmt.email)
                .availablePolicyTypes(available).build();
    }
}
