package io.gureum.sqs;

import io.gureum.core.error.AwsException;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeValueException;
import software.amazon.awssdk.services.sqs.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sqs.model.InvalidMessageContentsException;
import software.amazon.awssdk.services.sqs.model.PurgeQueueInProgressException;
import software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.TooManyEntriesInBatchRequestException;

/**
 * Every SQS error Gureum answers, with AWS's wording. Modeled errors are the SDK's exception classes,
 * built by {@link ModeledErrors} with the model's code and status (core answers query-protocol clients
 * with the legacy {@code AWS.SimpleQueueService.*} code); the rest are {@link AwsException}s with AWS's
 * code. Three keep the status SQS has always answered them with (403, 404), which the JSON model lacks.
 * Wording from https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html
 * and the per-operation pages.
 */
final class SqsErrors {
    private SqsErrors() {
    }

    /**
     * AWS words this differently per protocol: query clients read "… for this wsdl version.", JSON
     * clients "The specified queue does not exist."
     */
    static QueueDoesNotExistException nonExistentQueue() {
        String m = queryProtocol() ? "The specified queue does not exist for this wsdl version."
                : "The specified queue does not exist.";
        return ModeledErrors.of(QueueDoesNotExistException.class, m);
    }

    /** A request without {@code X-Amz-Target} is a query-protocol form post. */
    private static boolean queryProtocol() {
        RequestContext ctx = RequestContext.currentOrNull();
        return ctx != null && ctx.httpRequest() != null && ctx.httpRequest().header("X-Amz-Target") == null;
    }

    static QueueNameExistsException queueNameExists(String attribute) {
        String m = "A queue already exists with the same name and a different value for attribute " + attribute;
        return ModeledErrors.of(QueueNameExistsException.class, m);
    }

    static QueueDeletedRecentlyException deletedRecently() {
        String m = "You must wait 60 seconds after deleting a queue before you can create another queue with the same name.";
        return ModeledErrors.of(QueueDeletedRecentlyException.class, m);
    }

    static PurgeQueueInProgressException purgeInProgress(String queueName) {
        String m = "Only one PurgeQueue operation on " + queueName + " is allowed every 60 seconds.";
        return PurgeQueueInProgressException.builder().statusCode(403).message(m)
                .awsErrorDetails(details("PurgeQueueInProgress", m)).build();
    }

    static ReceiptHandleIsInvalidException receiptHandleInvalid(String handle) {
        String m = "The input receipt handle \"" + handle + "\" is not a valid receipt handle.";
        return ReceiptHandleIsInvalidException.builder().statusCode(404).message(m)
                .awsErrorDetails(details("ReceiptHandleIsInvalid", m)).build();
    }

    /**
     * ChangeMessageVisibility with a handle whose delivery is over: AWS answers InvalidParameterValue,
     * not the modeled MessageNotInflight.
     */
    static AwsException notAvailableForVisibilityChange(String handle) {
        return invalidParameterValue("ReceiptHandle", handle,
                "Message does not exist or is not available for visibility timeout change.");
    }

    /** DeleteMessage on a FIFO queue with a handle whose visibility timeout has passed. */
    static AwsException receiptHandleExpired(String handle) {
        return invalidParameterValue("ReceiptHandle", handle, "The receipt handle has expired.");
    }

    static InvalidAttributeNameException invalidAttributeName(String name) {
        String m = "Unknown Attribute " + name + ".";
        return ModeledErrors.of(InvalidAttributeNameException.class, m);
    }

    static InvalidAttributeValueException invalidAttributeValue(String name, String reason) {
        String m = "Invalid value for the parameter " + name + "." + (reason == null ? "" : " Reason: " + reason);
        return ModeledErrors.of(InvalidAttributeValueException.class, m);
    }

    static InvalidMessageContentsException invalidMessageContents() {
        String m = "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | "
                + "#xE000 to #xFFFD | #x10000 to #x10FFFF";
        return ModeledErrors.of(InvalidMessageContentsException.class, m);
    }

    static TooManyEntriesInBatchRequestException tooManyEntries(int n) {
        String m = "Maximum number of entries per request are 10. You have sent " + n + ".";
        return ModeledErrors.of(TooManyEntriesInBatchRequestException.class, m);
    }

    /** {@code entryType} is the operation's entry shape, e.g. DeleteMessageBatchRequestEntry. */
    static EmptyBatchRequestException emptyBatch(String entryType) {
        String m = "There should be at least one " + entryType + " in the request.";
        return ModeledErrors.of(EmptyBatchRequestException.class, m);
    }

    static BatchEntryIdsNotDistinctException idsNotDistinct(String id) {
        String m = "Id " + id + " repeated.";
        return ModeledErrors.of(BatchEntryIdsNotDistinctException.class, m);
    }

    static InvalidBatchEntryIdException invalidBatchEntryId() {
        String m = "A batch entry id can only contain alphanumeric characters, hyphens and underscores. "
                + "It can be at most 80 letters long.";
        return ModeledErrors.of(InvalidBatchEntryIdException.class, m);
    }

    static BatchRequestTooLongException batchTooLong(int limit, long sent) {
        String m = "Batch requests cannot be longer than " + limit + " bytes. You have sent " + sent + " bytes.";
        return ModeledErrors.of(BatchRequestTooLongException.class, m);
    }

    static ResourceNotFoundException resourceNotFound(String m) {
        return ResourceNotFoundException.builder().statusCode(404).message(m)
                .awsErrorDetails(details("ResourceNotFoundException", m)).build();
    }

    /** AWS's generic validation failure, which has no modeled shape. */
    static AwsException invalidParameterValue(String message) {
        return new AwsException("InvalidParameterValue", message, 400);
    }

    static AwsException invalidParameterValue(String parameter, Object value, String reason) {
        return invalidParameterValue("Value " + value + " for parameter " + parameter + " is invalid. Reason: " + reason);
    }

    static AwsException missingParameter(String parameter) {
        return new AwsException("MissingParameter", "The request must contain the parameter " + parameter + ".", 400);
    }

    static AwsException unsupportedForQueueType(String parameter, Object value) {
        return invalidParameterValue(parameter, value, "The request include parameter that is not valid for this queue type.");
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Sqs").build();
    }
}
