package io.gureum.ec2common;

import io.gureum.core.error.AwsException;

/** The errors most operations raise, built from the {@link Ec2Error} catalogue. */
public final class Ec2Errors {
    private Ec2Errors() {
    }

    /** {@code DependencyViolation: The internetGateway 'igw-1' has dependencies and cannot be deleted.} */
    public static AwsException dependencyViolation(String noun, String id) {
        return Ec2Error.DEPENDENCY_VIOLATION.of(noun, id);
    }

    /** {@code InvalidParameterValue} with a message worded for the case. */
    public static AwsException invalidParameterValue(String message) {
        return Ec2Error.INVALID_PARAMETER_VALUE.withMessage(message);
    }

    /** {@code InvalidParameterValue: Value (x) for parameter p is invalid. <why>}. */
    public static AwsException invalidValue(String value, String parameter, String why) {
        return Ec2Error.INVALID_PARAMETER_VALUE.of(value, parameter, why);
    }

    /** {@code MissingParameter: The request must contain the parameter p}. */
    public static AwsException missing(String parameter) {
        return Ec2Error.MISSING_PARAMETER.of(parameter);
    }

    public static AwsException combination(String message) {
        return Ec2Error.INVALID_PARAMETER_COMBINATION.withMessage(message);
    }

    /** DryRun: HTTP 412, the answer when the caller would have been allowed. */
    public static AwsException dryRun() {
        return Ec2Error.DRY_RUN_OPERATION.of();
    }

    /** Throws DryRunOperation when {@code dryRun} is set; call after validating the request. */
    public static void checkDryRun(Boolean dryRun) {
        if (Boolean.TRUE.equals(dryRun)) {
            throw dryRun();
        }
    }
}
