package io.gureum.ssm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.state.AccountRegionStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.model.DeleteResourcePolicyRequest;
import software.amazon.awssdk.services.ssm.model.DeleteResourcePolicyResponse;
import software.amazon.awssdk.services.ssm.model.GetResourcePoliciesRequest;
import software.amazon.awssdk.services.ssm.model.GetResourcePoliciesResponse;
import software.amazon.awssdk.services.ssm.model.GetResourcePoliciesResponseEntry;
import software.amazon.awssdk.services.ssm.model.PutResourcePolicyRequest;
import software.amazon.awssdk.services.ssm.model.PutResourcePolicyResponse;

/**
 * Systems Manager resource policies (PutResourcePolicy, GetResourcePolicies, DeleteResourcePolicy) of the
 * caller's parameters — advanced tier only, and a SecureString only under a customer managed key, as
 * PutResourcePolicy's reference says — and of its OpsItemGroup ({@code opsitemgroup/default}, one policy).
 * Each policy has an ID and the hash of its text; an update or delete must give both, and a hash that is no
 * longer the current one is a conflict. Policies are kept, not enforced: AWS shares a parameter through RAM
 * only once the share is promoted, which Gureum does not emulate, so other accounts still cannot read it.
 */
final class ResourcePolicies {
    /** "A policy can't be greater than 1024 bytes in size." (ResourcePolicyLimitExceededException) */
    static final int MAX_BYTES = 1024;

    private final SsmState state;
    private final AccountRegionStore<AssociationStore> all;

    ResourcePolicies(SsmState state, AccountRegionStore<AssociationStore> all) {
        this.state = state;
        this.all = all;
    }

    private AssociationStore current() {
        RequestContext ctx = RequestContext.current();
        return all.get(ctx.accountId(), ctx.region());
    }

    public PutResourcePolicyResponse putResourcePolicy(PutResourcePolicyRequest r) {
        boolean opsItemGroup = resource(r.resourceArn());
        parse(r.policy());
        if (r.policy().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw AssociationErrors.policyLimit("A policy can't be greater than 1024 bytes in size.");
        }
        List<StoredResourcePolicy> policies = current().policiesOf(r.resourceArn());
        String hash = DocumentContent.sha256(r.policy());
        if (r.policyId() == null) {
            if (r.policyHash() != null) {
                throw AssociationErrors.invalidPolicyParameter("PolicyHash is given without PolicyId.");
            }
            if (opsItemGroup && !policies.isEmpty()) {
                throw AssociationErrors.policyLimit("Only one policy can be attached to OpsItemGroup.");
            }
            StoredResourcePolicy p = new StoredResourcePolicy(state.context.ids().requestId(), hash, r.policy());
            policies.add(p);
            return PutResourcePolicyResponse.builder().policyId(p.id()).policyHash(p.hash()).build();
        }
        int at = indexOf(policies, r.policyId(), r.policyHash());
        StoredResourcePolicy p = new StoredResourcePolicy(r.policyId(), hash, r.policy());
        policies.set(at, p);
        return PutResourcePolicyResponse.builder().policyId(p.id()).policyHash(p.hash()).build();
    }

    public GetResourcePoliciesResponse getResourcePolicies(GetResourcePoliciesRequest r) {
        resource(r.resourceArn());
        List<StoredResourcePolicy> policies = current().policies.getOrDefault(r.resourceArn(), List.of());
        int max = r.maxResults() == null ? 50 : r.maxResults();
        String after = PageTokens.decode("resource-policies", r.nextToken());
        if (after != null && !after.matches("\\d{1,9}")) {
            throw SsmErrors.invalidNextToken();
        }
        int from = after == null ? 0 : Math.min(Integer.parseInt(after), policies.size());
        List<GetResourcePoliciesResponseEntry> page = new ArrayList<>();
        for (StoredResourcePolicy p : policies.subList(from, Math.min(policies.size(), from + max))) {
            page.add(GetResourcePoliciesResponseEntry.builder().policyId(p.id()).policyHash(p.hash())
                    .policy(p.policy()).build());
        }
        String next = from + max < policies.size() ? PageTokens.encode("resource-policies",
                Integer.toString(from + max)) : null;
        return GetResourcePoliciesResponse.builder().policies(page).nextToken(next).build();
    }

    public DeleteResourcePolicyResponse deleteResourcePolicy(DeleteResourcePolicyRequest r) {
        resource(r.resourceArn());
        List<StoredResourcePolicy> policies = current().policiesOf(r.resourceArn());
        policies.remove(indexOf(policies, r.policyId(), r.policyHash()));
        if (policies.isEmpty()) {
            current().policies.remove(r.resourceArn());
        }
        return DeleteResourcePolicyResponse.builder().build();
    }

    /** Drops the policies of parameters no longer in {@code parameters} (deleted or expired). */
    static void forget(AssociationStore store, ParameterStore parameters) {
        store.policies.keySet().removeIf(arn -> arn.contains(":parameter/") && parameter(parameters, arn) == null);
    }

    // ---------------------------------------------------------------------------------------------

    private static int indexOf(List<StoredResourcePolicy> policies, String id, String hash) {
        for (int i = 0; i < policies.size(); i++) {
            if (policies.get(i).id().equals(id)) {
                if (!policies.get(i).hash().equals(hash)) {
                    throw AssociationErrors.policyConflict();
                }
                return i;
            }
        }
        throw AssociationErrors.policyNotFound();
    }

    private static void parse(String policy) {
        JsonNode doc;
        try {
            doc = DocumentContent.JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            throw AssociationErrors.malformedPolicy("The policy is not valid JSON.");
        }
        if (doc == null || !doc.isObject() || !doc.has("Statement")
                || !(doc.get("Statement").isArray() || doc.get("Statement").isObject())) {
            throw AssociationErrors.malformedPolicy("The policy must be a JSON object with a Statement.");
        }
    }

    /**
     * Checks the resource a policy is for; returns whether it is the OpsItemGroup. A parameter must be one of
     * the caller's, advanced, and — a SecureString — encrypted with a customer managed key.
     */
    private boolean resource(String resourceArn) {
        Arn arn;
        try {
            arn = Arn.parse(resourceArn);
        } catch (RuntimeException e) {
            throw AssociationErrors.invalidPolicyParameter("ResourceArn " + resourceArn + " is not a valid ARN.");
        }
        RequestContext ctx = RequestContext.current();
        if (!arn.service().equals("ssm")) {
            throw AssociationErrors.invalidPolicyParameter("ResourceArn must be the ARN of a parameter or an"
                    + " OpsItemGroup.");
        }
        boolean mine = ctx.accountId().equals(arn.accountId()) && ctx.region().equals(arn.region());
        if (arn.resource().equals("opsitemgroup/default")) {
            if (!mine) {
                throw AssociationErrors.resourceNotFound();
            }
            return true;
        }
        if (!arn.resource().startsWith("parameter/")) {
            throw AssociationErrors.invalidPolicyParameter("ResourceArn must be the ARN of a parameter or an"
                    + " OpsItemGroup.");
        }
        StoredParameter p = mine ? parameter(state.current(), resourceArn) : null;
        if (p == null) {
            throw AssociationErrors.resourceNotFound();
        }
        ParameterVersion v = p.latest();
        if (!"Advanced".equals(v.tier)) {
            throw AssociationErrors.invalidPolicyParameter("To share a parameter, it must be in the advanced"
                    + " parameter tier.");
        }
        if ("SecureString".equals(v.type) && (v.keyId == null || v.keyId.equals(SecureValues.DEFAULT_KEY))) {
            throw AssociationErrors.invalidPolicyParameter("To share a SecureString parameter, it must be encrypted"
                    + " with a customer managed key.");
        }
        return false;
    }

    private static StoredParameter parameter(ParameterStore store, String arn) {
        String name = arn.substring(arn.indexOf(":parameter/") + ":parameter".length());
        for (String candidate : List.of(name, name.substring(1))) {
            StoredParameter p = store.parameters.get(candidate);
            if (p != null && p.arn.toString().equals(arn)) {
                return p;
            }
        }
        return null;
    }

    static Map<String, List<StoredResourcePolicy>> of(AssociationStore store) {
        return store.policies;
    }
}
