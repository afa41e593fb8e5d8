package io.gureum.cloudwatch;

import io.gureum.core.error.AwsException;
import io.gureum.core.error.ModeledErrors;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;

/** CloudWatch's errors, with the codes of its API reference (CommonErrors and each operation's Errors). */
public final class CloudWatchErrors {
    private CloudWatchErrors() {
    }

    /** {@code InvalidParameterValue} (400). */
    public static RuntimeException invalidValue(String message) {
        return ModeledErrors.of(InvalidParameterValueException.class, message);
    }

    /** {@code InvalidParameterValue} "The value X for parameter Y is invalid." */
    public static RuntimeException invalidValue(Object value, String parameter) {
        return invalidValue("The value " + value + " for parameter " + parameter + " is invalid.");
    }

    /** {@code InvalidParameterCombination} (400). */
    public static RuntimeException combination(String message) {
        return ModeledErrors.of(InvalidParameterCombinationException.class, message);
    }

    /** {@code MissingParameter} (400). */
    public static RuntimeException missing(String message) {
        return ModeledErrors.of(MissingRequiredParameterException.class, message);
    }

    /** {@code ValidationError} (400), the code of AWS's validation layer for CloudWatch. */
    public static AwsException validation(String message) {
        return new AwsException("ValidationError", message, 400);
    }

    /** {@code ResourceNotFound} (404): alarms (SetAlarmState, DescribeAlarmHistory's callers). */
    public static AwsException alarmNotFound(String message) {
        return new AwsException("ResourceNotFound", message, 404);
    }

    /** {@code InvalidNextToken} (400). */
    public static AwsException invalidNextToken() {
        return new AwsException("InvalidNextToken", "The service cannot process the NextToken.", 400);
    }
}
