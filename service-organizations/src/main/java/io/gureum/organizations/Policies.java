package io.gureum.organizations;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.organizations.model.CreatePolicyRequest;
import software.amazon.awssdk.services.organizations.model.CreatePolicyResponse;
import software.amazon.awssdk.services.organizations.model.DeletePolicyRequest;
import software.amazon.awssdk.services.organizations.model.DeletePolicyResponse;
import software.amazon.awssdk.services.organizations.model.DescribePolicyRequest;
import software.amazon.awssdk.services.organizations.model.DescribePolicyResponse;
import software.amazon.awssdk.services.organizations.model.DisablePolicyTypeRequest;
import software.amazon.awssdk.services.organizations.model.DisablePolicyTypeResponse;
import software.amazon.awssdk.services.organizations.model.DuplicatePolicyException;
import software.amazon.awssdk.services.organizations.model.EnablePolicyTypeRequest;
import software.amazon.awssdk.services.organizations.model.EnablePolicyTypeResponse;
import software.amazon.awssdk.services.organizations.model.InvalidInputExceptionReason;
import software.amazon.awssdk.services.organizations.model.ListPoliciesRequest;
import software.amazon.awssdk.services.organizations.model.ListPoliciesResponse;
import software.amazon.awssdk.services.organizations.model.PolicyInUseException;
import software.amazon.awssdk.services.organizations.model.PolicyNotFoundException;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyTypeAlreadyEnabledException;
import software.amazon.awssdk.services.organizations.model.PolicyTypeNotAvailableForOrganizationException;
import software.amazon.awssdk.services.organizations.model.PolicyTypeNotEnabledException;
import software.amazon.awssdk.services.organizations.model.RootNotFoundException;
import software.amazon.awssdk.services.organizations.model.UpdatePolicyRequest;
import software.amazon.awssdk.services.organizations.model.UpdatePolicyResponse;

/** Policies and the policy types enabled on the root. */
public final class Policies {
    static final String NOT_FOUND = "We can't find a policy with the PolicyId that you specified.";
    static final String TYPE_NOT_ENABLED = "This operation can be performed only for enabled policy types.";
    /** The types an organization with only consolidated billing cannot enable. */
    static final Set<String> ALL_FEATURES_TYPES = Set.of("SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY",
            "TAG_POLICY", "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY");

    private final OrgStore store;
    private final OrgIds ids;
    private final OrgTags tags;

    Policies(OrgStore store, OrgIds ids, OrgTags tags) {
        this.store = store;
        this.ids = ids;
        this.tags = tags;
    }

    /**
     * Enabling SCPs or RCPs attaches the AWS managed FullAWSAccess or RCPFullAWSAccess to the root, every OU and
     * every account (https://docs.aws.amazon.com/organizations/latest/userguide/enable-policy-type.html).
     */
    public EnablePolicyTypeResponse enablePolicyType(EnablePolicyTypeRequest r) {
        Organization org = store.managedByCaller();
        requireRoot(org, r.rootId());
        String type = r.policyTypeAsString();
        if (!org.featureSet.equals("ALL")) {
            throw OrgErrors.of(PolicyTypeNotAvailableForOrganizationException.class, "You can't use the specified "
                    + "policy type with the feature set currently enabled for this organization.");
        }
        if (!org.enabledPolicyTypes.add(type)) {
            throw OrgErrors.of(PolicyTypeAlreadyEnabledException.class, "The specified policy type is already enabled.");
        }
        String managed = AwsManagedPolicies.defaultFor(type);
        if (managed != null) {
            org.attached(org.rootId).add(managed);
            org.units.keySet().forEach(u -> org.attached(u).add(managed));
            org.accounts.keySet().forEach(a -> org.attached(a).add(managed));
        }
        return EnablePolicyTypeResponse.builder().root(Views.root(org)).build();
    }

    /** Disabling a type detaches every policy of that type from every target. */
    public DisablePolicyTypeResponse disablePolicyType(DisablePolicyTypeRequest r) {
        Organization org = store.managedByCaller();
        requireRoot(org, r.rootId());
        String type = r.policyTypeAsString();
        if (!org.enabledPolicyTypes.remove(type)) {
            throw OrgErrors.of(PolicyTypeNotEnabledException.class, TYPE_NOT_ENABLED);
        }
        org.attachments.values().forEach(set -> set.removeIf(id -> type.equals(find(org, id).type)));
        return DisablePolicyTypeResponse.builder().root(Views.root(org)).build();
    }

    public CreatePolicyResponse createPolicy(CreatePolicyRequest r) {
        Organization org = store.managedByCaller();
        String type = r.typeAsString();
        requireUniqueName(org, type, r.name(), null);
        PolicyContents.check(type, r.content());
        String id = ids.policy();
        OrgPolicy p = new OrgPolicy(id, org.policyArn(type, id), type, false, r.name(), r.description(), r.content());
        tags.register(org, id, p.arn, r.tags());
        org.policies.put(id, p);
        return CreatePolicyResponse.builder().policy(Views.policy(p)).build();
    }

    public UpdatePolicyResponse updatePolicy(UpdatePolicyRequest r) {
        Organization org = store.managedByCaller();
        OrgPolicy p = mutable(org, r.policyId());
        if (r.name() != null) {
            requireUniqueName(org, p.type, r.name(), p.id);
        }
        if (r.content() != null) {
            PolicyContents.check(p.type, r.content());
            p.content = r.content();
        }
        if (r.name() != null) {
            p.name = r.name();
        }
        if (r.description() != null) {
            p.description = r.description();
        }
        return UpdatePolicyResponse.builder().policy(Views.policy(p)).build();
    }

    public DeletePolicyResponse deletePolicy(DeletePolicyRequest r) {
        Organization org = store.managedByCaller();
        OrgPolicy p = mutable(org, r.policyId());
        if (org.attachments.values().stream().anyMatch(s -> s.contains(p.id))) {
            throw OrgErrors.of(PolicyInUseException.class, "The policy is attached to one or more entities. You must "
                    + "detach it from all roots, OUs, and accounts before performing this operation.");
        }
        org.policies.remove(p.id);
        tags.unregister(org, p.id);
        return DeletePolicyResponse.builder().build();
    }

    public DescribePolicyResponse describePolicy(DescribePolicyRequest r) {
        Organization org = store.readableByCaller();
        return DescribePolicyResponse.builder().policy(Views.policy(find(org, r.policyId()))).build();
    }

    public ListPoliciesResponse listPolicies(ListPoliciesRequest r) {
        Organization org = store.readableByCaller();
        String type = r.filterAsString();
        List<PolicySummary> all = new ArrayList<>();
        AwsManagedPolicies.ALL.values().stream().filter(p -> p.type.equals(type))
                .forEach(p -> all.add(Views.summary(p)));
        org.policies.values().stream().filter(p -> p.type.equals(type)).forEach(p -> all.add(Views.summary(p)));
        Pages.Page<PolicySummary> page = Pages.page("ListPolicies", all, r.nextToken(), r.maxResults());
        return ListPoliciesResponse.builder().policies(page.items()).nextToken(page.nextToken()).build();
    }

    /** A customer managed or AWS managed policy by ID. */
    static OrgPolicy find(Organization org, String policyId) {
        OrgPolicy p = org.policies.get(policyId);
        if (p == null) {
            p = AwsManagedPolicies.ALL.get(policyId);
        }
        if (p == null) {
            throw OrgErrors.of(PolicyNotFoundException.class, NOT_FOUND);
        }
        return p;
    }

    private static OrgPolicy mutable(Organization org, String policyId) {
        OrgPolicy p = find(org, policyId);
        if (p.awsManaged) {
            throw OrgErrors.invalid(InvalidInputExceptionReason.IMMUTABLE_POLICY,
                    "You specified a policy that is managed by AWS and can't be modified.");
        }
        return p;
    }

    private static void requireRoot(Organization org, String rootId) {
        if (!org.rootId.equals(rootId)) {
            throw OrgErrors.of(RootNotFoundException.class, "We can't find a root with the RootId that you specified.");
        }
    }

    private static void requireUniqueName(Organization org, String type, String name, String except) {
        for (OrgPolicy p : org.policies.values()) {
            if (p.type.equals(type) && p.name.equals(name) && !p.id.equals(except)) {
                throw OrgErrors.of(DuplicatePolicyException.class, "A policy with the same name already exists.");
            }
        }
    }
}
