package io.gureum.acm;

import io.gureum.core.error.ModeledErrors;
import software.amazon.awssdk.services.acm.model.InvalidArgsException;
import software.amazon.awssdk.services.acm.model.InvalidArnException;
import software.amazon.awssdk.services.acm.model.InvalidDomainValidationOptionsException;
import software.amazon.awssdk.services.acm.model.InvalidParameterException;
import software.amazon.awssdk.services.acm.model.InvalidStateException;
import software.amazon.awssdk.services.acm.model.InvalidTagException;
import software.amazon.awssdk.services.acm.model.LimitExceededException;
import software.amazon.awssdk.services.acm.model.RequestInProgressException;
import software.amazon.awssdk.services.acm.model.ResourceInUseException;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.TooManyTagsException;
import software.amazon.awssdk.services.acm.model.ValidationException;

/**
 * The ACM errors Gureum answers besides the model's constraints (which core reports as
 * {@code ValidationException}); codes and statuses come from the model through {@link ModeledErrors}.
 */
final class AcmErrors {
    private AcmErrors() {
    }

    static ValidationException validation(String message) {
        return ModeledErrors.of(ValidationException.class, message);
    }

    /**
     * A broken model constraint in the words of AWS's validation layer. Core does not apply ACM's model
     * constraints (no constraints file and no validation policy for {@code acm} yet), so the module checks the
     * ones a caller meets.
     */
    static ValidationException constraint(Object value, String member, String constraint) {
        return validation("1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    /** Fails when a required member is absent: "Value null at '<member>' failed to satisfy constraint: Member must not be null". */
    static void required(Object value, String member) {
        if (value == null) {
            throw validation("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
    }

    static ResourceNotFoundException notFound(String arn) {
        return ModeledErrors.of(ResourceNotFoundException.class, "Could not find certificate " + arn + ".");
    }

    static InvalidArnException invalidArn(String arn) {
        return ModeledErrors.of(InvalidArnException.class, "String '" + arn + "' is not a valid ARN");
    }

    static InvalidParameterException invalidParameter(String message) {
        return ModeledErrors.of(InvalidParameterException.class, message);
    }

    static InvalidArgsException invalidArgs(String message) {
        return ModeledErrors.of(InvalidArgsException.class, message);
    }

    static InvalidStateException invalidState(String message) {
        return ModeledErrors.of(InvalidStateException.class, message);
    }

    static InvalidTagException invalidTag(String message) {
        return ModeledErrors.of(InvalidTagException.class, message);
    }

    static TooManyTagsException tooManyTags() {
        return ModeledErrors.of(TooManyTagsException.class, "The request contains too many tags. A certificate"
                + " can have at most 50 tags.");
    }

    static LimitExceededException limitExceeded(String message) {
        return ModeledErrors.of(LimitExceededException.class, message);
    }

    static RequestInProgressException inProgress(String arn) {
        return ModeledErrors.of(RequestInProgressException.class, "Certificate '" + arn
                + "' in account is still pending validation.");
    }

    static ResourceInUseException inUse(String arn) {
        return ModeledErrors.of(ResourceInUseException.class, "Certificate " + arn
                + " in account is in use.");
    }

    static InvalidDomainValidationOptionsException invalidDomainValidationOptions(String message) {
        return ModeledErrors.of(InvalidDomainValidationOptionsException.class, message);
    }
}
