package io.gureum.iam.policy;

import java.util.List;

/**
 * The outcome of AWS's evaluation logic for one request: the decision, the policy type that decided it (for a
 * denial: the one whose explicit deny, or whose missing allow, denied), and every statement that applied.
 */
public record AuthorizationResult(Decision decision, PolicyKind decidedBy, List<MatchedStatement> matched) {

    public AuthorizationResult {
        matched = List.copyOf(matched);
    }

    public boolean allowed() {
        return decision.allowed();
    }

    /** The statement that decided: the first explicit deny, or else the first allow; null for an implicit deny. */
    public MatchedStatement deciding() {
        for (MatchedStatement m : matched) {
            if (decision == Decision.EXPLICIT_DENY ? m.statement().effect() == Effect.DENY && m.kind() == decidedBy
                    : decision == Decision.ALLOW && m.statement().effect() == Effect.ALLOW) {
                return m;
            }
        }
        return null;
    }
}
