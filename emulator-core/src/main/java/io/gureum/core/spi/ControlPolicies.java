package io.gureum.core.spi;

import java.util.List;
import java.util.Map;

/**
 * The organization policies that bound an account, for the authorizer: Organizations registers its answer in
 * {@link SharedState} under this interface; a server without Organizations (or before its first use) has
 * {@link #NONE}. Each list holds one map per level from the root down to the account (policy ID → document);
 * an empty list means no policy of that type applies (no organization, the management account, or the type is
 * not enabled).
 */
public interface ControlPolicies {

    /** No organization: nothing applies. */
    ControlPolicies NONE = new ControlPolicies() {
        @Override
        public List<Map<String, String>> serviceControlPolicies(String accountId) {
            return List.of();
        }

        @Override
        public List<Map<String, String>> resourceControlPolicies(String accountId) {
            return List.of();
        }
    };

    /** The SCPs that bound principals of {@code accountId}, level by level. */
    List<Map<String, String>> serviceControlPolicies(String accountId);

    /** The RCPs that bound resources of {@code accountId}, level by level. */
    List<Map<String, String>> resourceControlPolicies(String accountId);

    /**
     * The management account of the organization {@code accountId} belongs to, or null when it is in none
     * (STS {@code AssumeRoot} is for the management account's principals).
     */
    default String managementAccount(String accountId) {
        return null;
    }

    /** The server's current answer. */
    static ControlPolicies of(SharedState shared) {
        return shared.get(ControlPolicies.class, () -> NONE);
    }
}
