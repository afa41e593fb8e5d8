package io.gureum.ssm;

import java.time.Instant;
import java.util.List;

/**
 * Expiration policies: "When the expiration time is reached, Parameter Store deletes the parameter"
 * (PutParameter, Policies). Gureum deletes it as soon as its clock passes the time: before each call and
 * whenever the clock is advanced.
 */
final class Expiry {
    private final SsmState state;

    Expiry(SsmState state) {
        this.state = state;
    }

    void sweep(ParameterStore store) {
        Instant now = state.now();
        if (store.earliestExpiry == null || store.earliestExpiry.isAfter(now)) {
            return;
        }
        List<StoredParameter> expired = store.parameters.values().stream().filter(p -> {
            Instant at = ParameterPolicies.expiresAt(p.latest().policies);
            return at != null && !at.isAfter(now);
        }).toList();
        expired.forEach(p -> state.delete(store, p));
        store.earliestExpiry = store.parameters.values().stream()
                .map(p -> ParameterPolicies.expiresAt(p.latest().policies)).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
    }

    /** Notes a new version's Expiration, if it has one. */
    static void scheduled(ParameterStore store, List<ParameterPolicy> policies) {
        Instant at = ParameterPolicies.expiresAt(policies);
        if (at != null && (store.earliestExpiry == null || at.isBefore(store.earliestExpiry))) {
            store.earliestExpiry = at;
        }
    }

    void sweepAll() {
        state.all.forEach((key, store) -> sweep(store));
    }
}
