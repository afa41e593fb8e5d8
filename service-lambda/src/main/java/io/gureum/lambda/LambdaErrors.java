package io.gureum.lambda;

import io.gureum.core.error.AwsException;
import io.gureum.core.error.ModeledErrors;
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
 * exception classes, their code and status taken from the model ({@link ModeledErrors});
 * {@code ValidationException} (the constraint errors of the API's shapes) and the other codes the model
 * has no class for are {@link AwsException}s.
 */
final class LambdaErrors {
    private LambdaErrors() {
    }

    static ResourceNotFoundException notFound(String message) {
        return ModeledErrors.of(ResourceNotFoundException.class, message);
    }

    /** "Function not found: arn:aws:lambda:us-east-1:123456789012:function:name[:qualifier]". */
    static ResourceNotFoundException functionNotFound(String arn) {
        return notFound("Function not found: " + arn);
    }

    static ResourceNotFoundException aliasNotFound(String aliasArn) {
        return notFound("Alias not found: " + aliasArn);
    }

    static ResourceConflictException conflict(String message) {
        return ModeledErrors.of(ResourceConflictException.class, message);
    }

    static InvalidParameterValueException invalidParameter(String message) {
        return ModeledErrors.of(InvalidParameterValueException.class, message);
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
        return ModeledErrors.of(PreconditionFailedException.class, m);
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
        return ModeledErrors.of(InvalidRequestContentException.class, message);
    }

    /** Reserved concurrency reached (0 throttles every invocation). */
    static TooManyRequestsException throttled() {
        return ModeledErrors.of(TooManyRequestsException.class, "Rate Exceeded.").toBuilder()
                .reason(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED).build();
    }

    /**
     * The function's runtime cannot run on this machine (its interpreter is not installed). AWS answers
     * {@code InvalidRuntimeException} (502) when "the runtime or runtime version specified is not
     * supported"; Gureum names the runtime and the cause.
     */
    static InvalidRuntimeException runtimeUnavailable(String runtime, String cause) {
        String m = "The runtime " + runtime + " cannot be started by Gureum on this machine"
                + (cause == null || cause.isBlank() ? "." : ": " + cause);
        return ModeledErrors.of(InvalidRuntimeException.class, m);
    }

    static ServiceException service(String message) {
        return ModeledErrors.of(ServiceException.class, message);
    }

    /**
     * A service principal (SNS, S3) that the function's resource-based policy does not allow to invoke it;
     * Lambda's model has no class for AWS's {@code AccessDeniedException}.
     */
    static AwsException accessDenied(String principal, String functionArn) {
        return new AwsException("AccessDeniedException", "User: " + principal + " is not authorized to perform: "
                + "lambda:InvokeFunction on resource: " + functionArn + " because no resource-based policy allows "
                + "the lambda:InvokeFunction action", 403);
    }
}
