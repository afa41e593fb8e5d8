package io.gureum.sns;

import io.gureum.core.error.ModeledErrors;
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
        return ModeledErrors.of(InvalidParameterException.class, m);
    }

    /** {@code ParameterValueInvalid}, used for message attributes. */
    static InvalidParameterValueException invalidParameterValue(String message) {
        return ModeledErrors.of(InvalidParameterValueException.class, message);
    }

    static NotFoundException topicNotFound() {
        return notFound("Topic does not exist");
    }

    static NotFoundException notFound(String m) {
        return ModeledErrors.of(NotFoundException.class, m);
    }

    static ResourceNotFoundException resourceNotFound() {
        String m = "Resource does not exist";
        return ModeledErrors.of(ResourceNotFoundException.class, m);
    }

    static TagLimitExceededException tagLimit() {
        String m = "Could not complete request: tag quota of per resource exceeded";
        return ModeledErrors.of(TagLimitExceededException.class, m);
    }

    static AuthorizationErrorException authorization(String m) {
        return ModeledErrors.of(AuthorizationErrorException.class, m);
    }

    static TooManyEntriesInBatchRequestException tooManyEntries() {
        String m = "The batch request contains more entries than permissible.";
        return ModeledErrors.of(TooManyEntriesInBatchRequestException.class, m);
    }

    static EmptyBatchRequestException emptyBatch() {
        String m = "The batch request doesn't contain any entries.";
        return ModeledErrors.of(EmptyBatchRequestException.class, m);
    }

    static BatchEntryIdsNotDistinctException idsNotDistinct() {
        String m = "Two or more batch entries in the request have the same Id.";
        return ModeledErrors.of(BatchEntryIdsNotDistinctException.class, m);
    }

    static InvalidBatchEntryIdException invalidBatchEntryId() {
        String m = "The Id of a batch entry in a batch request doesn't abide by the specification.";
        return ModeledErrors.of(InvalidBatchEntryIdException.class, m);
    }

    static BatchRequestTooLongException batchTooLong() {
        String m = "The length of all the messages put together is more than the limit.";
        return ModeledErrors.of(BatchRequestTooLongException.class, m);
    }
}
