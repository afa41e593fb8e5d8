package io.gureum.sns;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sns.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sns.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sns.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sns.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sns.model.TagLimitExceededException;
import software.amazon.awssdk.services.sns.model.TooManyEntriesInBatchRequestException;

/** SNS errors with AWS's codes and wording (https://docs.aws.amazon.com/sns/latest/api/CommonErrors.html). */
final class SnsErrors {
    private SnsErrors() {
    }

    /** {@code InvalidParameter}: "Invalid parameter: <what>". */
    static InvalidParameterException invalidParameter(String what) {
        String m = "Invalid parameter: " + what;
        return InvalidParameterException.builder().statusCode(400).message(m)
                .awsErrorDetails(details("InvalidParameter", m)).build();
    }

    /** {@code ParameterValueInvalid}, used for message attributes. */
    static InvalidParameterValueException invalidParameterValue(String message) {
        return InvalidParameterValueException.builder().statusCode(400).message(message)
                .awsErrorDetails(details("ParameterValueInvalid", message)).build();
    }

    static NotFoundException topicNotFound() {
        return notFound("Topic does not exist");
    }

    static NotFoundException notFound(String m) {
        return NotFoundException.builder().statusCode(404).message(m).awsErrorDetails(details("NotFound", m)).build();
    }

    static ResourceNotFoundException resourceNotFound() {
        String m = "Resource does not exist";
        return ResourceNotFoundException.builder().statusCode(404).message(m)
                .awsErrorDetails(details("ResourceNotFound", m)).build();
    }

    static TagLimitExceededException tagLimit() {
        String m = "Could not complete request: tag quota of per resource exceeded";
        return TagLimitExceededException.builder().statusCode(400).message(m)
                .awsErrorDetails(details("TagLimitExceeded", m)).build();
    }

    static AuthorizationErrorException authorization(String m) {
        return AuthorizationErrorException.builder().statusCode(403).message(m)
                .awsErrorDetails(details("AuthorizationError", m)).build();
    }

    static TooManyEntriesInBatchRequestException tooManyEntries() {
        String m = "The batch request contains more entries than permissible.";
        return TooManyEntriesInBatchRequestException.builder().statusCode(400).message(m)
                .awsErrorDetails(details("TooManyEntriesInBatchRequest", m)).build();
    }

    static EmptyBatchRequestException emptyBatch() {
        String m = "The batch request doesn't contain any entries.";
        return EmptyBatchRequestException.builder().statusCode(400).message(m)
                .awsErrorDetails(details("EmptyBatchRequest", m)).build();
    }

    static BatchEntryIdsNotDistinctException idsNotDistinct() {
        String m = "Two or more batch entries in the request have the same Id.";
        return BatchEntryIdsNotDistinctException.builder().statusCode(400).message(m)
                .awsErrorDetails(details("BatchEntryIdsNotDistinct", m)).build();
    }

    static InvalidBatchEntryIdException invalidBatchEntryId() {
        String m = "The Id of a batch entry in a batch request doesn't abide by the specification.";
        return InvalidBatchEntryIdException.builder().statusCode(400).message(m)
                .awsErrorDetails(details("InvalidBatchEntryId", m)).build();
    }

    static BatchRequestTooLongException batchTooLong() {
        String m = "The length of all the messages put together is more than the limit.";
        return BatchRequestTooLongException.builder().statusCode(400).message(m)
                .awsErrorDetails(details("BatchRequestTooLong", m)).build();
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Sns").build();
    }
}
