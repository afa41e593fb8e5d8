package io.gureum.organizations;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.organizations.model.DeleteResourcePolicyRequest;
import software.amazon.awssdk.services.organizations.model.DeleteResourcePolicyResponse;
import software.amazon.awssdk.services.organizations.model.DescribeResourcePolicyRequest;
import software.amazon.awssdk.services.organizations.model.DescribeResourcePolicyResponse;
import software.amazon.awssdk.services.organizations.model.InvalidInputExceptionReason;
import software.amazon.awssdk.services.organizations.model.PutResourcePolicyRequest;
import software.amazon.awssdk.services.organizations.model.PutResourcePolicyResponse;
import software.amazon.awssdk.services.organizations.model.ResourcePolicy;
import software.amazon.awssdk.services.organizations.model.ResourcePolicyNotFoundException;
import software.amazon.awssdk.services.organizations.model.ResourcePolicySummary;

/**
 * The organization's resource-based delegation policy: PutResourcePolicy, DescribeResourcePolicy,
 * DeleteResourcePolicy. It is stored; who it lets read Organizations is decided by the policy engine.
 */
public final class ResourcePolicies {
    private final OrgStore store;
    private final OrgIds ids;
    private final OrgTags tags;

    ResourcePolicies(OrgStore store, OrgIds ids, OrgTags tags) {
        this.store = store;
        this.ids = ids;
        this.tags = tags;
    }

    public PutResourcePolicyResponse putResourcePolicy(PutResourcePolicyRequest r) {
        Organization org = store.managedByCaller();
        JsonNode doc;
        try {
            doc = PolicyContents.JSON.readTree(r.content());
        } catch (Exception e) {
            doc = null;
        }
        if (doc == null || !doc.isObject() || !doc.has("Statement")) {
            throw OrgErrors.invalid(InvalidInputExceptionReason.INVALID_RESOURCE_POLICY_JSON,
                    "Please check that your resource policy is in valid JSON format.");
        }
        if (org.resourcePolicyId == null) {
            org.resourcePolicyId = "rp-" + ids.policy().substring(2);
            tags.register(org, org.resourcePolicyId, arn(org), r.tags());
        }
        org.resourcePolicy = r.content();
        return PutResourcePolicyResponse.builder().resourcePolicy(view(org)).build();
    }

    public DescribeResourcePolicyResponse describeResourcePolicy(DescribeResourcePolicyRequest r) {
        Organization org = store.readableByCaller();
        requirePolicy(org);
        return DescribeResourcePolicyResponse.builder().resourcePolicy(view(org)).build();
    }

    public DeleteResourcePolicyResponse deleteResourcePolicy(DeleteResourcePolicyRequest r) {
        Organization org = store.managedByCaller();
        requirePolicy(org);
        tags.unregister(org, org.resourcePolicyId);
        org.resourcePolicy = null;
        org.resourcePolicyId = null;
        return DeleteResourcePolicyResponse.builder().build();
    }

    static String arn(Organization org) {
        return "arn:aws:organizations::" + org.managementAccountId + ":resourcepolicy/" + org.id + "/"
                + org.resourcePolicyId;
    }

    private static void requirePolicy(Organization org) {
        if (org.resourcePolicy == null) {
            throw OrgErrors.of(ResourcePolicyNotFoundException.class,
                    "We can't find a resource policy request with the parameter that you specified.");
        }
    }

    private static ResourcePolicy view(Organization org) {
        return ResourcePolicy.builder().content(org.resourcePolicy).resourcePolicySummary(
                ResourcePolicySummary.builder().id(org.resourcePolicyId).arn(arn(org)).build()).build();
    }
}
