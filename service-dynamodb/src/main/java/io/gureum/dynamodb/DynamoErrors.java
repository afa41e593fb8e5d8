package io.gureum.dynamodb;

import io.gureum.core.error.AwsException;
import io.gureum.core.error.ModeledErrors;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** DynamoDB's error catalogue: codes and AWS's exact messages. */
final class DynamoErrors {
    static final String NOT_FOUND = "Requested resource not found";
    static final String KEY_SCHEMA_MISMATCH = "The provided key element does not match the schema";
    static final String CONDITION_FAILED = "The conditional request failed";
    static final String ITEM_TOO_LARGE = "Item size has exceeded the maximum allowed size";
    static final String GSI_CONSISTENT_READ = "Consistent reads are not supported on global secondary indexes";

    private DynamoErrors() {
    }

    /** DynamoDB's ValidationException, which the SDK does not model. */
    static AwsException validation(String message) {
        return new AwsException("ValidationException", message, 400);
    }

    static ResourceNotFoundException notFound() {
        return ModeledErrors.of(ResourceNotFoundException.class, NOT_FOUND);
    }

    static ResourceNotFoundException tableNotFound(String table) {
        return ModeledErrors.of(ResourceNotFoundException.class, NOT_FOUND + ": Table: " + table + " not found");
    }

    static ResourceInUseException inUse(String message) {
        return ModeledErrors.of(ResourceInUseException.class, message);
    }

    static ConditionalCheckFailedException conditionFailed(java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        ConditionalCheckFailedException.Builder b = ConditionalCheckFailedException.builder().message(CONDITION_FAILED);
        if (item != null) {
            b.item(item);
        }
        return b.build();
    }

    /** {@code 1 validation error detected: Value 'x' at 'field' failed to satisfy constraint: ...}. */
    static AwsException constraint(Object value, String field, String constraint) {
        return validation("1 validation error detected: Value '" + value + "' at '" + field
                + "' failed to satisfy constraint: " + constraint);
    }
}
