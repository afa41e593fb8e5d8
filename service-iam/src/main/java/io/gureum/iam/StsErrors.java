package io.gureum.iam;

import io.gureum.core.error.AwsException;
import io.gureum.core.error.ModeledErrors;
import software.amazon.awssdk.services.sts.model.InvalidAuthorizationMessageException;
import software.amazon.awssdk.services.sts.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.sts.model.PackedPolicyTooLargeException;

/**
 * STS's errors with AWS's codes and wording (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html
 * and each operation's "Errors"). {@code AccessDenied} and {@code ValidationError} are not modeled exceptions.
 */
final class StsErrors {
    private StsErrors() {
    }

    /** "User: arn:… is not authorized to perform: sts:AssumeRole on resource: arn:…" (403). */
    static AwsException notAuthorized(String principalArn, String action, String resource) {
        return accessDenied("User: " + principalArn + " is not authorized to perform: " + action + " on resource: "
                + resource);
    }

    static AwsException accessDenied(String message) {
        return new AwsException("AccessDenied", message, 403);
    }

    static AwsException validation(String message) {
        return new AwsException("ValidationError", message, 400);
    }

    static MalformedPolicyDocumentException malformedPolicy(String message) {
        return ModeledErrors.of(MalformedPolicyDocumentException.class, message);
    }

    static PackedPolicyTooLargeException packedPolicyTooLarge(String message) {
        return ModeledErrors.of(PackedPolicyTooLargeException.class, message);
    }

    static InvalidAuthorizationMessageException invalidAuthorizationMessage(String message) {
        return ModeledErrors.of(InvalidAuthorizationMessageException.class, message);
    }

    /** "MultiFactorAuthentication failed …" when only one of SerialNumber and TokenCode is given. */
    static AwsException mfaIncomplete() {
        return accessDenied("MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.");
    }
}
