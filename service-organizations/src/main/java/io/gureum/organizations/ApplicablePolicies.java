package io.gureum.organizations;

import io.gureum.core.spi.SharedState;
import java.util.ArrayList;
import java.util.List;

/**
 * Which service control policies and resource control policies apply to an account: for the policy engine
 * (coming with {@code --enforce-iam}), which evaluates them as AWS does
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html): a
 * request is allowed only if, at every level from the root down to the account, some attached SCP allows it.
 *
 * <p>Look it up with {@link #of(SharedState)} from the server's {@code ServiceContext.shared()} at each use
 * (Organizations replaces it when it starts and after every reset; before its first request there is no
 * organization and the answer is empty). It reads the current state under the API's own lock and never changes
 * it; the same answer comes from the API as ListParents, then ListPoliciesForTarget and DescribePolicy per level.
 */
public final class ApplicablePolicies implements io.gureum.core.spi.ControlPolicies {
    /** The policy documents attached at one level: the root, an OU, or the account itself. */
    public record Level(String targetId, String targetType, List<String> policyIds, List<String> documents) {
    }

    private final Object lock;
    private final java.util.function.Supplier<OrgStore> store;

    ApplicablePolicies(Object lock, java.util.function.Supplier<OrgStore> store) {
        this.lock = lock;
        this.store = store;
    }

    /** The instance of the server whose shared state this is (Organizations registers it when it starts). */
    public static ApplicablePolicies of(SharedState shared) {
        return shared.get(ApplicablePolicies.class, () -> new ApplicablePolicies(new Object(), () -> null));
    }

    /** The SCPs that apply to {@code accountId}, level by level from the root down; empty when none do. */
    public List<Level> serviceControlLevels(String accountId) {
        return levels(accountId, "SERVICE_CONTROL_POLICY");
    }

    /** The RCPs that apply to resources of {@code accountId}, level by level from the root down. */
    public List<Level> resourceControlLevels(String accountId) {
        return levels(accountId, "RESOURCE_CONTROL_POLICY");
    }

    @Override
    public List<java.util.Map<String, String>> serviceControlPolicies(String accountId) {
        return documents(serviceControlLevels(accountId));
    }

    @Override
    public List<java.util.Map<String, String>> resourceControlPolicies(String accountId) {
        return documents(resourceControlLevels(accountId));
    }

    @Override
    public String managementAccount(String accountId) {
        OrgStore s = store.get();
        if (s == null) {
            return null;
        }
        synchronized (lock) {
            Organization org = s.of(accountId);
            return org == null ? null : org.managementAccountId;
        }
    }

    private static List<java.util.Map<String, String>> documents(List<Level> levels) {
        List<java.util.Map<String, String>> out = new ArrayList<>(levels.size());
        for (Level l : levels) {
            java.util.Map<String, String> byId = new java.util.LinkedHashMap<>();
            for (int i = 0; i < l.policyIds().size(); i++) {
                byId.put(l.policyIds().get(i), l.documents().get(i));
            }
            out.add(byId);
        }
        return out;
    }

    /**
     * The levels for one policy type: empty when the account is in no organization, is the management account
     * (SCPs and RCPs never restrict it), or the type is not enabled.
     */
    public List<Level> levels(String accountId, String policyType) {
        OrgStore s = store.get();
        if (s == null) {
            return List.of();
        }
        synchronized (lock) {
            Organization org = s.of(accountId);
            if (org == null || org.managementAccountId.equals(accountId)
                    || !org.enabledPolicyTypes.contains(policyType)) {
                return List.of();
            }
            List<String> chain = new ArrayList<>(org.ancestors(accountId));
            chain.add(accountId);
            List<Level> out = new ArrayList<>();
            for (String target : chain) {
                List<OrgPolicy> ps = org.attached(target).stream().map(id -> Policies.find(org, id))
                        .filter(p -> p.type.equals(policyType)).toList();
                String type = org.rootId.equals(target) ? "ROOT"
                        : org.units.containsKey(target) ? "ORGANIZATIONAL_UNIT" : "ACCOUNT";
                out.add(new Level(target, type, ps.stream().map(p -> p.id).toList(),
                        ps.stream().map(p -> p.content).toList()));
            }
            return List.copyOf(out);
        }
    }
}
