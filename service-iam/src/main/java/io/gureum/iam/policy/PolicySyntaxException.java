package io.gureum.iam.policy;

/** A policy document that does not follow the grammar; the message says what is wrong in IAM's words. */
public final class PolicySyntaxException extends RuntimeException {
    public PolicySyntaxException(String message) {
        super(message, null, false, false);
    }
}
