package io.gureum.vpc;

import io.gureum.core.error.AwsException;

/**
 * EC2's error catalogue for the VPC families, in AWS's wording
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html). EC2 has no modeled
 * exceptions: every error is a code, a message and (almost always) HTTP 400.
 */
public final class Ec2Errors {
    private Ec2Errors() {
    }

    public static AwsException error(String code, String message) {
        return new AwsException(code, message, 400);
    }

    /** {@code InvalidVpcID.NotFound: The vpc ID 'vpc-1' does not exist}. */
    public static AwsException notFound(String code, String noun, String id) {
        return error(code, "The " + noun + " ID '" + id + "' does not exist");
    }

    public static AwsException dependencyViolation(String noun, String id) {
        return error("DependencyViolation", "The " + noun + " '" + id + "' has dependencies and cannot be deleted.");
    }

    public static AwsException invalidParameterValue(String message) {
        return error("InvalidParameterValue", message);
    }

    public static AwsException invalidValue(String value, String parameter, String why) {
        return error("InvalidParameterValue",
                "Value (" + value + ") for parameter " + parameter + " is invalid. " + why);
    }

    public static AwsException missing(String parameter) {
        return error("MissingParameter", "The request must contain the parameter " + parameter);
    }

    public static AwsException combination(String message) {
        return error("InvalidParameterCombination", message);
    }

    /** DryRun: HTTP 412, the answer when the caller would have been allowed. */
    public static AwsException dryRun() {
        return new AwsException("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
    }

    /** Throws DryRunOperation when {@code dryRun} is set; call after validating the request. */
    public static void checkDryRun(Boolean dryRun) {
        if (Boolean.TRUE.equals(dryRun)) {
            throw dryRun();
        }
    }
}
