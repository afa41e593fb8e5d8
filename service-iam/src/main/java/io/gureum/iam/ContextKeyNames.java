package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import io.gureum.iam.policy.Condition;
import io.gureum.iam.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import software.amazon.awssdk.services.iam.model.GetContextKeysForCustomPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetContextKeysForCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetContextKeysForPrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetContextKeysForPrincipalPolicyResponse;

/**
 * The condition keys policies use (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetContextKeysForCustomPolicy.html),
 * for the simulator's ContextEntries: each key once, in the case first written, sorted regardless of case.
 */
final class ContextKeyNames extends Family {
    private final PolicySimulation simulation;

    ContextKeyNames(ServiceContext context, IamStore store, PolicySimulation simulation) {
        super(context, store);
        this.simulation = simulation;
    }

    public GetContextKeysForCustomPolicyResponse getContextKeysForCustomPolicy(GetContextKeysForCustomPolicyRequest r) {
        List<PolicySimulator.Source> sources = new ArrayList<>();
        for (String document : r.policyInputList()) {
            sources.add(PolicySimulator.source("PolicyInputList", "none", document));
        }
        return GetContextKeysForCustomPolicyResponse.builder().contextKeyNames(names(sources)).build();
    }

    public GetContextKeysForPrincipalPolicyResponse getContextKeysForPrincipalPolicy(
            GetContextKeysForPrincipalPolicyRequest r) {
        List<PolicySimulator.Source> sources = new ArrayList<>(simulation.principalSources(r.policySourceArn()));
        for (String document : r.policyInputList()) {
            sources.add(PolicySimulator.source("PolicyInputList", "none", document));
        }
        return GetContextKeysForPrincipalPolicyResponse.builder().contextKeyNames(names(sources)).build();
    }

    private static List<String> names(List<PolicySimulator.Source> sources) {
        TreeMap<String, String> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (PolicySimulator.Source s : sources) {
            for (Statement st : s.document().statements()) {
                for (Condition c : st.conditions()) {
                    keys.putIfAbsent(c.key(), c.key());
                }
            }
        }
        return List.copyOf(keys.values());
    }
}
