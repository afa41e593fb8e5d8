package io.gureum.iam.policy;

import java.util.List;

/**
 * Policy variables in condition values and resources: {@code ${aws:username}}, {@code ${aws:PrincipalTag/team}},
 * a default after a comma ({@code ${aws:username, 'nobody'}}) and the escapes {@code ${*}}, {@code ${?}},
 * {@code ${$}} (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html). A variable
 * whose key is absent (and has no default) makes the value match nothing: {@link #substitute} answers null.
 * Escaped wildcards come back as the private-use characters {@link #STAR} and {@link #QUESTION}, which
 * {@link #literal} turns back into the characters once matching is done.
 */
final class PolicyVariables {
    static final char STAR = '\uE000';
    static final char QUESTION = '\uE001';

    private PolicyVariables() {
    }

    static String substitute(String value, ContextKeys context) {
        if (value.indexOf("${") < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            int end = start < 0 ? -1 : value.indexOf('}', start);
            if (start < 0 || end < 0) {
                out.append(value, i, value.length());
                break;
            }
            out.append(value, i, start);
            String name = value.substring(start + 2, end).trim();
            switch (name) {
                case "*" -> out.append(STAR);
                case "?" -> out.append(QUESTION);
                case "$" -> out.append('$');
                default -> {
                    String fallback = null;
                    int comma = name.indexOf(',');
                    if (comma >= 0) {
                        fallback = name.substring(comma + 1).trim().replaceAll("^'(.*)'$", "$1");
                        name = name.substring(0, comma).trim();
                    }
                    List<String> values = context.get(name);
                    String v = values != null && values.size() == 1 ? values.get(0) : fallback;
                    if (v == null) {
                        return null;
                    }
                    out.append(v);
                }
            }
            i = end + 1;
        }
        return out.toString();
    }

    /** An escaped value back to plain text, for exact (non-wildcard) comparisons. */
    static String literal(String value) {
        return value.replace(STAR, '*').replace(QUESTION, '?');
    }
}
