package io.gureum.iam.policy;

/**
 * The policy types of AWS's evaluation logic, with the words access-denied messages use for them
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
 */
public enum PolicyKind {
    RESOURCE_CONTROL_POLICY("a resource control policy", "resource control policy"),
    SERVICE_CONTROL_POLICY("a service control policy", "service control policy"),
    RESOURCE_BASED("a resource-based policy", "resource-based policy"),
    IDENTITY_BASED("an identity-based policy", "identity-based policy"),
    PERMISSIONS_BOUNDARY("a permissions boundary", "permissions boundary"),
    SESSION_POLICY("a session policy", "session policy");

    private final String withArticle;
    private final String plain;

    PolicyKind(String withArticle, String plain) {
        this.withArticle = withArticle;
        this.plain = plain;
    }

    /** "an identity-based policy", as in "with an explicit deny in an identity-based policy". */
    public String withArticle() {
        return withArticle;
    }

    /** "identity-based policy", as in "because no identity-based policy allows the … action". */
    public String plain() {
        return plain;
    }
}
