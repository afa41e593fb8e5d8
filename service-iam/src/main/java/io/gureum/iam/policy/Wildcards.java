package io.gureum.iam.policy;

/**
 * Policy wildcards: {@code *} matches any run of characters (also none), {@code ?} exactly one
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String).
 */
final class Wildcards {
    private Wildcards() {
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        if (ignoreCase) {
            pattern = pattern.toLowerCase(java.util.Locale.ROOT);
            value = value.toLowerCase(java.util.Locale.ROOT);
        }
        int p = 0;
        int v = 0;
        int star = -1;
        int mark = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || same(pattern.charAt(p), value.charAt(v)))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** Equal characters; an escaped {@code ${*}} or {@code ${?}} ({@link PolicyVariables}) matches the plain one. */
    private static boolean same(char pattern, char value) {
        return pattern == value || pattern == PolicyVariables.STAR && value == '*'
                || pattern == PolicyVariables.QUESTION && value == '?';
    }

    /**
     * ARN matching: each of the six colon-separated parts is matched on its own, so a wildcard does not span
     * parts; ArnEquals and ArnLike both take wildcards
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN).
     */
    static boolean arnMatches(String pattern, String arn) {
        String[] p = pattern.split(":", 6);
        String[] a = arn.split(":", 6);
        if (p.length != 6 || a.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!matches(p[i], a[i], false)) {
                return false;
            }
        }
        return true;
    }
}
