package io.gureum.organizations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.organizations.model.AttachPolicyRequest;
import software.amazon.awssdk.services.organizations.model.AttachPolicyResponse;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationExceptionReason;
import software.amazon.awssdk.services.organizations.model.DetachPolicyRequest;
import software.amazon.awssdk.services.organizations.model.DetachPolicyResponse;
import software.amazon.awssdk.services.organizations.model.DuplicatePolicyAttachmentException;
import software.amazon.awssdk.services.organizations.model.InvalidInputExceptionReason;
import software.amazon.awssdk.services.organizations.model.ListPoliciesForTargetRequest;
import software.amazon.awssdk.services.organizations.model.ListPoliciesForTargetResponse;
import software.amazon.awssdk.services.organizations.model.ListTargetsForPolicyRequest;
import software.amazon.awssdk.services.organizations.model.ListTargetsForPolicyResponse;
import software.amazon.awssdk.services.organizations.model.PolicyNotAttachedException;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyTargetSummary;
import software.amazon.awssdk.services.organizations.model.PolicyTypeNotEnabledException;
import software.amazon.awssdk.services.organizations.model.TargetNotFoundException;

/** AttachPolicy, DetachPolicy, ListPoliciesForTarget and ListTargetsForPolicy. */
public final class PolicyAttachments {
    /** Policies of one type per target (orgs_reference_limits.html): five SCPs or RCPs, ten of the others. */
    static final Map<String, Integer> MAX_PER_TARGET = Map.of("SERVICE_CONTROL_POLICY", 5,
            "RESOURCE_CONTROL_POLICY", 5);
    static final int MAX_OTHER = 10;

    private final OrgStore store;

    PolicyAttachments(OrgStore store) {
        this.store = store;
    }

    public AttachPolicyResponse attachPolicy(AttachPolicyRequest r) {
        Organization org = store.managedByCaller();
        OrgPolicy p = Policies.find(org, r.policyId());
        requireTarget(org, r.targetId());
        if (!org.enabledPolicyTypes.contains(p.type)) {
            throw OrgErrors.of(PolicyTypeNotEnabledException.class, Policies.TYPE_NOT_ENABLED);
        }
        Set<String> attached = org.attached(r.targetId());
        if (attached.contains(p.id)) {
            throw OrgErrors.of(DuplicatePolicyAttachmentException.class,
                    "The selected policy is already attached to the specified target.");
        }
        long sameType = attached.stream().filter(id -> Policies.find(org, id).type.equals(p.type)).count();
        if (sameType >= MAX_PER_TARGET.getOrDefault(p.type, MAX_OTHER)) {
            throw OrgErrors.constraint(ConstraintViolationExceptionReason.MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED,
                    "You attempted to exceed the number of policies of a certain type that can be attached to an "
                            + "entity at one time.");
        }
        attached.add(p.id);
        return AttachPolicyResponse.builder().build();
    }

    /**
     * A root, OU or account keeps at least one SCP while SCPs are enabled
     * (MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED); RCPFullAWSAccess cannot be detached at all
     * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html).
     */
    public DetachPolicyResponse detachPolicy(DetachPolicyRequest r) {
        Organization org = store.managedByCaller();
        OrgPolicy p = Policies.find(org, r.policyId());
        requireTarget(org, r.targetId());
        Set<String> attached = org.attached(r.targetId());
        if (!attached.contains(p.id)) {
            throw OrgErrors.of(PolicyNotAttachedException.class,
                    "The policy isn't attached to the specified target in the specified root.");
        }
        if (p.id.equals(AwsManagedPolicies.RCP_FULL_AWS_ACCESS)) {
            throw OrgErrors.invalid(InvalidInputExceptionReason.NON_DETACHABLE_POLICY,
                    "You can't detach this AWS Managed Policy.");
        }
        if (p.type.equals("SERVICE_CONTROL_POLICY")
                && attached.stream().filter(id -> Policies.find(org, id).type.equals(p.type)).count() == 1) {
            throw OrgErrors.constraint(ConstraintViolationExceptionReason.MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED,
                    "You attempted to detach a policy from an entity that would cause the entity to have fewer than "
                            + "the minimum number of policies of a certain type required.");
        }
        attached.remove(p.id);
        return DetachPolicyResponse.builder().build();
    }

    public ListPoliciesForTargetResponse listPoliciesForTarget(ListPoliciesForTargetRequest r) {
        Organization org = store.readableByCaller();
        requireTarget(org, r.targetId());
        List<PolicySummary> all = org.attached(r.targetId()).stream().map(id -> Policies.find(org, id))
                .filter(p -> p.type.equals(r.filterAsString())).map(Views::summary).toList();
        Pages.Page<PolicySummary> page = Pages.page("ListPoliciesForTarget", all, r.nextToken(), r.maxResults());
        return ListPoliciesForTargetResponse.builder().policies(page.items()).nextToken(page.nextToken()).build();
    }

    public ListTargetsForPolicyResponse listTargetsForPolicy(ListTargetsForPolicyRequest r) {
        Organization org = store.readableByCaller();
        OrgPolicy p = Policies.find(org, r.policyId());
        List<PolicyTargetSummary> all = new ArrayList<>();
        org.attachments.forEach((target, ids) -> {
            if (ids.contains(p.id)) {
                all.add(target(org, target));
            }
        });
        Pages.Page<PolicyTargetSummary> page = Pages.page("ListTargetsForPolicy", all, r.nextToken(),
                r.maxResults());
        return ListTargetsForPolicyResponse.builder().targets(page.items()).nextToken(page.nextToken()).build();
    }

    static void requireTarget(Organization org, String targetId) {
        if (!org.rootId.equals(targetId) && !org.units.containsKey(targetId) && !org.accounts.containsKey(targetId)) {
            throw OrgErrors.of(TargetNotFoundException.class,
                    "We can't find a root, OU, account, or email target that you specified.");
        }
    }

    private static PolicyTargetSummary target(Organization org, String id) {
        if (org.rootId.equals(id)) {
            return PolicyTargetSummary.builder().targetId(id).arn(org.rootArn).name("Root").type("ROOT").build();
        }
        OrgUnit u = org.units.get(id);
        if (u != null) {
            return PolicyTargetSummary.builder().targetId(id).arn(u.arn).name(u.name).type("ORGANIZATIONAL_UNIT")
                    .build();
        }
        Member m = org.accounts.get(id);
        return PolicyTargetSummary.builder().targetId(id).arn(org.accountArn(id)).name(m.name).type("ACCOUNT").build();
    }
}
