package io.gureum.iam.policy;

/** A statement's {@code Effect}. */
public enum Effect {
    ALLOW, DENY
}
