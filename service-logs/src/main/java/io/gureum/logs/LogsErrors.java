package io.gureum.logs;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.TooManyTagsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ValidationException;

/**
 * Every CloudWatch Logs error Gureum answers, with AWS's code, status (all 400) and wording. The
 * service reports the constraint errors of its shapes ("1 validation error detected: …") as
 * {@code InvalidParameterException}, not {@code ValidationException}.
 */
final class LogsErrors {
    private LogsErrors() {
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("CloudWatchLogs").build();
    }

    static InvalidParameterException invalidParameter(String message) {
        return InvalidParameterException.builder().statusCode(400).message(message)
                .awsErrorDetails(details("InvalidParameterException", message)).build();
    }

    /** A member that breaks its shape's constraint, in the wording of AWS's validation layer. */
    static InvalidParameterException validation(Object value, String member, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return invalidParameter("1 validation error detected: Value " + shown + " at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    static InvalidParameterException required(String member) {
        return invalidParameter("1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }

    static ResourceNotFoundException notFound(String message) {
        return ResourceNotFoundException.builder().statusCode(400).message(message)
                .awsErrorDetails(details("ResourceNotFoundException", message)).build();
    }

    static ResourceNotFoundException groupNotFound() {
        return notFound("The specified log group does not exist.");
    }

    static ResourceNotFoundException streamNotFound() {
        return notFound("The specified log stream does not exist.");
    }

    static ResourceAlreadyExistsException alreadyExists(String message) {
        return ResourceAlreadyExistsException.builder().statusCode(400).message(message)
                .awsErrorDetails(details("ResourceAlreadyExistsException", message)).build();
    }

    /** A ValidationException, not InvalidParameterException (protecting-log-groups-from-deletion.html). */
    static ValidationException deletionProtected() {
        String m = "Cannot delete log group with deletion protection enabled. Disable deletion protection first.";
        return ValidationException.builder().statusCode(400).message(m)
                .awsErrorDetails(details("ValidationException", m)).build();
    }

    static InvalidParameterException invalidToken() {
        return invalidParameter("The specified nextToken is invalid.");
    }

    static TooManyTagsException tooManyTags(String resourceName) {
        String m = "A resource can have no more than 50 tags.";
        return TooManyTagsException.builder().statusCode(400).message(m).resourceName(resourceName)
                .awsErrorDetails(details("TooManyTagsException", m)).build();
    }
}
