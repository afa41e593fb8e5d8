package io.gureum.logs;

import io.gureum.core.error.ModeledErrors;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.MalformedQueryException;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryCompileError;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryCompileErrorLocation;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.TooManyTagsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ValidationException;

/**
 * The CloudWatch Logs errors Gureum answers besides the model's constraints (which core reports as
 * {@code InvalidParameterException} "1 validation error detected: …"), with AWS's wording; codes and
 * statuses (all 400) come from the model through {@link ModeledErrors}.
 */
final class LogsErrors {
    private LogsErrors() {
    }

    static InvalidParameterException invalidParameter(String message) {
        return ModeledErrors.of(InvalidParameterException.class, message);
    }

    static ResourceNotFoundException notFound(String message) {
        return ModeledErrors.of(ResourceNotFoundException.class, message);
    }

    static ResourceNotFoundException groupNotFound() {
        return notFound("The specified log group does not exist.");
    }

    static ResourceNotFoundException streamNotFound() {
        return notFound("The specified log stream does not exist.");
    }

    static ResourceAlreadyExistsException alreadyExists(String message) {
        return ModeledErrors.of(ResourceAlreadyExistsException.class, message);
    }

    /** A ValidationException, not InvalidParameterException (protecting-log-groups-from-deletion.html). */
    static ValidationException deletionProtected() {
        return ModeledErrors.of(ValidationException.class,
                "Cannot delete log group with deletion protection enabled. Disable deletion protection first.");
    }

    /** A query that does not compile, with where ({@code QueryCompileError}: CWL_QuerySyntax.html). */
    static MalformedQueryException malformedQuery(String message, int start, int end) {
        return ModeledErrors.of(MalformedQueryException.class, message).toBuilder()
                .queryCompileError(QueryCompileError.builder().message(message)
                        .location(QueryCompileErrorLocation.builder().startCharOffset(start).endCharOffset(end).build())
                        .build())
                .build();
    }

    static InvalidParameterException invalidToken() {
        return invalidParameter("The specified nextToken is invalid.");
    }

    static TooManyTagsException tooManyTags(String resourceName) {
        return ModeledErrors.of(TooManyTagsException.class, "A resource can have no more than 50 tags.").toBuilder()
                .resourceName(resourceName).build();
    }
}
