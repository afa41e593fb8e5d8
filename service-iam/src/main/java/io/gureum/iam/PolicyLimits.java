package io.gureum.iam;

/**
 * Policy size quotas in characters, whitespace not counted
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length):
 * a managed policy 6,144; a role trust policy 2,048; the inline policies of a user together 2,048, of a role
 * 10,240, of a group 5,120.
 */
final class PolicyLimits {
    static final int MANAGED = 6144;
    static final int TRUST = 2048;
    static final int USER_INLINE = 2048;
    static final int ROLE_INLINE = 10240;
    static final int GROUP_INLINE = 5120;

    private PolicyLimits() {
    }

    /** The characters IAM counts: all but whitespace. */
    static int size(String document) {
        int n = 0;
        for (int i = 0; i < document.length(); i++) {
            if (!Character.isWhitespace(document.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
