package io.gureum.ssm;

import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** What PutParameter checks of a value: its AllowedPattern and its DataType. */
final class ValueRules {
    static final String TEXT = "text";
    static final String EC2_IMAGE = "aws:ec2:image";
    private static final Set<String> DATA_TYPES = Set.of(TEXT, EC2_IMAGE, "aws:ssm:integration");

    private ValueRules() {
    }

    /** The whole value must match the pattern (as AllowedPattern=^\d+$ in PutParameter's reference). */
    static void checkPattern(String allowedPattern, String value) {
        if (allowedPattern == null || allowedPattern.isEmpty()) {
            return;
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(allowedPattern);
        } catch (PatternSyntaxException e) {
            throw SsmErrors.invalidAllowedPattern();
        }
        if (!pattern.matcher(value).matches()) {
            throw SsmErrors.patternMismatch(allowedPattern);
        }
    }

    /** The data types PutParameter supports; {@code aws:ec2:image} only for String parameters. */
    static void checkDataType(String dataType, String type) {
        if (!DATA_TYPES.contains(dataType)) {
            throw SsmErrors.validation("The following data type is not supported: " + dataType
                    + " (Data type names are all lowercase.)");
        }
        if (dataType.equals(EC2_IMAGE) && !type.equals("String")) {
            throw SsmErrors.validation("The data type aws:ec2:image is supported only for parameters of type String.");
        }
    }
}
