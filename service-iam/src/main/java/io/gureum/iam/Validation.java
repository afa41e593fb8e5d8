package io.gureum.iam;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks input against the constraints of IAM's API model (lengths, patterns, ranges, required
 * members) and reports every broken one at once, as AWS does: "2 validation errors detected: Value
 * 'a b' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern:
 * [\w+=,.@-]+; …". Member names are the wire names with a lowercase first letter.
 */
final class Validation {
    static final String NAME = "[\\w+=,.@-]+";
    static final String PATH = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)";
    static final String PATH_PREFIX = "\\u002F[\\u0021-\\u007F]*";
    static final String POLICY_PATH = "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/";
    static final String DOCUMENT = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";
    static final String DESCRIPTION = "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*";
    static final String VERSION_ID = "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?";
    static final String ACCESS_KEY_ID = "[\\w]+";

    private final List<String> errors = new ArrayList<>();

    static Validation check() {
        return new Validation();
    }

    Validation required(String member, Object value) {
        if (value == null) {
            errors.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        return this;
    }

    /** A string of {@code min}..{@code max} characters matching {@code pattern} (null pattern: any). */
    Validation string(String member, String value, int min, int max, String pattern) {
        if (value == null) {
            return this;
        }
        if (value.length() < min) {
            fail(member, value, "Member must have length greater than or equal to " + min);
        } else if (value.length() > max) {
            fail(member, value, "Member must have length less than or equal to " + max);
        } else if (pattern != null && !Pattern.compile(pattern).matcher(value).matches()) {
            fail(member, value, "Member must satisfy regular expression pattern: " + pattern);
        }
        return this;
    }

    Validation requiredString(String member, String value, int min, int max, String pattern) {
        return required(member, value).string(member, value, min, max, pattern);
    }

    Validation range(String member, Integer value, int min, int max) {
        if (value != null && value < min) {
            fail(member, value.toString(), "Member must have value greater than or equal to " + min);
        } else if (value != null && value > max) {
            fail(member, value.toString(), "Member must have value less than or equal to " + max);
        }
        return this;
    }

    Validation oneOf(String member, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            fail(member, value, "Member must satisfy enum value set: " + allowed);
        }
        return this;
    }

    Validation maxSize(String member, Collection<?> value, int max) {
        if (value != null && value.size() > max) {
            errors.add("Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
        return this;
    }

    /** Paging members every List* operation has. */
    Validation paging(String marker, Integer maxItems) {
        return string("marker", marker, 1, 320, "[\\u0020-\\u00FF]+").range("maxItems", maxItems, 1, 1000);
    }

    void done() {
        if (!errors.isEmpty()) {
            int n = errors.size();
            throw IamErrors.validation(n + " validation error" + (n == 1 ? "" : "s") + " detected: "
                    + String.join("; ", errors));
        }
    }

    private void fail(String member, String value, String constraint) {
        errors.add("Value '" + io.gureum.core.error.CommonErrors.printable(value) + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }
}
