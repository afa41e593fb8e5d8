package io.gureum.iam.policy;

/** A statement that applied to a request, with the policy and policy type it belongs to. */
public record MatchedStatement(PolicyKind kind, String policyName, Statement statement) {

    /** {@code policyName} and the statement's Sid (or its position-free {@code Effect}), for explanations. */
    public String describe() {
        return kind.plain() + " " + policyName + (statement.sid() == null ? "" : " statement " + statement.sid())
                + " (" + (statement.effect() == Effect.ALLOW ? "Allow" : "Deny") + ")";
    }
}
