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
        List<StoredParameter> expired = store.parameters.values().stream().filter(p -> {
            Instant at = ParameterPolicies.expiresAt(p.latest().policies);
            return at != null && !at.isAfter(now);
        }).toList();
        expired.forEach(p -> state.delete(store, p));
    }

    void sweepAll() {
        state.all.forEach((key, store) -> sweep(store));
    }
}
