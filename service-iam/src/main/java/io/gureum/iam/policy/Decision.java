package io.gureum.iam.policy;

/**
 * The outcome of evaluating policies: an explicit deny (a Deny statement matched), an allow, or the implicit
 * deny of a request no statement allows
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 */
public enum Decision {
    ALLOW, EXPLICIT_DENY, IMPLICIT_DENY;

    public boolean allowed() {
        return this == ALLOW;
    }
}
