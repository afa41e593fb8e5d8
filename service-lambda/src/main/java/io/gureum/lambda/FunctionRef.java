package io.gureum.lambda;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code FunctionName} as the API accepts it: a name ({@code my-function}), a full ARN
 * ({@code arn:aws:lambda:us-west-2:123456789012:function:my-function}) or a partial one
 * ({@code 123456789012:function:my-function}), each optionally with {@code :qualifier}.
 *
 * @param account   the account the ARN names, or null
 * @param region    the region the ARN names, or null
 * @param qualifier the qualifier written into the name, or null
 */
record FunctionRef(String account, String region, String name, String qualifier) {

    private static final Pattern PATTERN = Pattern.compile("(arn:(aws[a-zA-Z-]*)?:lambda:)?"
            + "(?<region>[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(?<account>\\d{12}:)?(function:)?"
            + "(?<name>[a-zA-Z0-9-_\\.]+)(:(?<qualifier>\\$LATEST|[a-zA-Z0-9-_]+))?");
    static final String PATTERN_TEXT = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
            + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

    /**
     * Parses a FunctionName and merges the {@code Qualifier} parameter.
     *
     * @throws RuntimeException AWS's ValidationException for text that is no function name, and
     *         InvalidParameterValueException when the name's qualifier and the parameter disagree
     */
    static FunctionRef parse(String text, String qualifierParam) {
        if (text == null || text.isEmpty()) {
            throw LambdaErrors.validation(text, "functionName", "Member must not be null");
        }
        Matcher m = PATTERN.matcher(text);
        if (text.length() > 256 || !m.matches()) {
            throw LambdaErrors.validation(text, "functionName",
                    "Member must satisfy regular expression pattern: " + PATTERN_TEXT);
        }
        String region = strip(m.group("region"));
        String account = strip(m.group("account"));
        String qualifier = m.group("qualifier");
        if (qualifierParam != null && !qualifierParam.isEmpty()) {
            if (qualifier != null && !qualifier.equals(qualifierParam)) {
                throw LambdaErrors.invalidParameter(
                        "The derived qualifier from the function name does not match the specified qualifier.");
            }
            qualifier = qualifierParam;
        }
        String name = m.group("name");
        if (name.length() > 64) {
            throw LambdaErrors.validation(text, "functionName", "Member must have length less than or equal to 64");
        }
        return new FunctionRef(account, region, name, qualifier);
    }

    private static String strip(String withColon) {
        return withColon == null ? null : withColon.substring(0, withColon.length() - 1);
    }
}
