package io.gureum.lambda;

import io.gureum.core.error.AwsException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvalidRuntimeException;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ServiceException;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Every Lambda error Gureum answers, with AWS's code, status and wording. Modeled errors are the SDK's
 * exception classes; {@code ValidationException} (the constraint errors of the API's shapes) has no
 * modeled class and is an {@link AwsException}. Wording as AWS answers it (quoted in the report).
 */
final class LambdaErrors {
    private LambdaErrors() {
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Lambda").build();
    }

    static ResourceNotFoundException notFound(String message) {
        return ResourceNotFoundException.builder().statusCode(404).message(message)
                .awsErrorDetails(details("ResourceNotFoundException", message)).build();
    }

    /** "Function not found: arn:aws:lambda:us-east-1:123456789012:function:name[:qualifier]". */
    static ResourceNotFoundException functionNotFound(String arn) {
        return notFound("Function not found: " + arn);
    }

    static ResourceNotFoundException aliasNotFound(String aliasArn) {
        return notFound("Alias not found: " + aliasArn);
    }

    static ResourceConflictException conflict(String message) {
        return ResourceConflictException.builder().statusCode(409).message(message)
                .awsErrorDetails(details("ResourceConflictException", message)).build();
    }

    static InvalidParameterValueException invalidParameter(String message) {
        return InvalidParameterValueException.builder().statusCode(400).message(message)
                .awsErrorDetails(details("InvalidParameterValueException", message)).build();
    }

    /** A request member that breaks its shape's constraint, in the wording of AWS's validation layer. */
    static AwsException validation(String message) {
        return new AwsException("ValidationException", message, 400);
    }

    static AwsException validation(Object value, String member, String constraint) {
        return validation("1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    static PreconditionFailedException revisionMismatch() {
        String m = "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias"
                + " API to retrieve the latest Revision Id";
        return PreconditionFailedException.builder().statusCode(412).message(m)
                .awsErrorDetails(details("PreconditionFailedException", m)).build();
    }

    /**
     * A payload or package over its limit. AWS's wire code is {@code RequestEntityTooLargeException}
     * (as its error transcripts show), not the model's shape name {@code RequestTooLargeException}, so SDKs
     * surface it as their generic Lambda exception with that code; Gureum sends the same code.
     */
    static AwsException tooLarge(String message) {
        return new AwsException("RequestEntityTooLargeException", message, 413);
    }

    static InvalidRequestContentException invalidContent(String message) {
        return InvalidRequestContentException.builder().statusCode(400).message(message)
                .awsErrorDetails(details("InvalidRequestContentException", message)).build();
    }

    /** Reserved concurrency reached (0 throttles every invocation). */
    static TooManyRequestsException throttled() {
        String m = "Rate Exceeded.";
        return TooManyRequestsException.builder().statusCode(429).message(m)
                .reason(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED)
                .awsErrorDetails(details("TooManyRequestsException", m)).build();
    }

    /**
     * The function's runtime cannot run on this machine (its interpreter is not installed). AWS answers
     * {@code InvalidRuntimeException} (502) when "the runtime or runtime version specified is not
     * supported"; Gureum names the runtime and the cause.
     */
    static InvalidRuntimeException runtimeUnavailable(String runtime, String cause) {
        String m = "The runtime " + runtime + " cannot be started by Gureum on this machine"
                + (cause == null || cause.isBlank() ? "." : ": " + cause);
        return InvalidRuntimeException.builder().statusCode(502).message(m)
                .awsErrorDetails(details("InvalidRuntimeException", m)).build();
    }

    static ServiceException service(String message) {
        return ServiceException.builder().statusCode(500).message(message)
                .awsErrorDetails(details("ServiceException", message)).build();
    }
}
