package io.gureum.logs;

import java.util.regex.Pattern;

/** The constraints of the API's shapes, checked as AWS's validation layer does, with its wording. */
final class Validation {
    private Validation() {
    }

    static final String GROUP_NAME_PATTERN = "[\\.\\-_/#A-Za-z0-9]+";
    private static final Pattern GROUP_NAME = Pattern.compile(GROUP_NAME_PATTERN);
    static final String STREAM_NAME_PATTERN = "[^:*]*";
    private static final Pattern STREAM_NAME = Pattern.compile(STREAM_NAME_PATTERN);

    static String groupName(String value, String member) {
        if (value == null) {
            throw LogsErrors.required(member);
        }
        length(value, member, 1, 512);
        if (!GROUP_NAME.matcher(value).matches()) {
            throw LogsErrors.validation(value, member,
                    "Member must satisfy regular expression pattern: " + GROUP_NAME_PATTERN);
        }
        return value;
    }

    static String streamName(String value, String member) {
        if (value == null) {
            throw LogsErrors.required(member);
        }
        length(value, member, 1, 512);
        if (!STREAM_NAME.matcher(value).matches()) {
            throw LogsErrors.validation(value, member,
                    "Member must satisfy regular expression pattern: " + STREAM_NAME_PATTERN);
        }
        return value;
    }

    static void length(String value, String member, int min, int max) {
        if (value.length() < min) {
            throw LogsErrors.validation(value, member, "Member must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw LogsErrors.validation(value, member, "Member must have length less than or equal to " + max);
        }
    }

    /** {@code value} or {@code dflt} when absent, within {@code [min, max]}. */
    static int limit(Integer value, String member, int min, int max, int dflt) {
        if (value == null) {
            return dflt;
        }
        if (value < min) {
            throw LogsErrors.validation(value, member, "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw LogsErrors.validation(value, member, "Member must have value less than or equal to " + max);
        }
        return value;
    }

    static void nonNegative(Long value, String member) {
        if (value != null && value < 0) {
            throw LogsErrors.validation(value, member, "Member must have value greater than or equal to 0");
        }
    }
}
