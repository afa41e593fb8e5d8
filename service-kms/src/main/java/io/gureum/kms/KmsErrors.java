package io.gureum.kms;

import io.gureum.core.error.AwsException;
import io.gureum.core.error.ModeledErrors;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.DryRunOperationException;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidAliasNameException;
import software.amazon.awssdk.services.kms.model.InvalidArnException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidGrantIdException;
import software.amazon.awssdk.services.kms.model.InvalidGrantTokenException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.InvalidMarkerException;
import software.amazon.awssdk.services.kms.model.KmsInvalidMacException;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.LimitExceededException;
import software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

/**
 * KMS's errors with AWS's wording (the API reference's Errors sections and what KMS answers); codes and
 * statuses come from the model through {@link ModeledErrors}. Keys are named by ARN in messages, as KMS does.
 */
final class KmsErrors {
    private KmsErrors() {
    }

    /** KMS's {@code ValidationException}, which the SDK does not model (CommonErrors). */
    static AwsException validation(String message) {
        return new AwsException("ValidationException", message, 400);
    }

    static NotFoundException keyNotFound(String arn) {
        return ModeledErrors.of(NotFoundException.class, "Key '" + arn + "' does not exist");
    }

    static NotFoundException aliasNotFound(String aliasArn) {
        return ModeledErrors.of(NotFoundException.class, "Alias " + aliasArn + " is not found.");
    }

    static NotFoundException notFound(String message) {
        return ModeledErrors.of(NotFoundException.class, message);
    }

    static InvalidArnException invalidArn(String message) {
        return ModeledErrors.of(InvalidArnException.class, message);
    }

    static KmsInvalidStateException pendingDeletion(String arn) {
        return invalidState(arn + " is pending deletion.");
    }

    static KmsInvalidStateException invalidState(String message) {
        return ModeledErrors.of(KmsInvalidStateException.class, message);
    }

    static DisabledException disabled(String arn) {
        return ModeledErrors.of(DisabledException.class, arn + " is disabled.");
    }

    static InvalidKeyUsageException wrongUsage(KmsKey key, String operation) {
        return ModeledErrors.of(InvalidKeyUsageException.class,
                key.arn + " key usage is " + key.keyUsage + " which is not valid for " + operation + ".");
    }

    static InvalidKeyUsageException keyUsage(String message) {
        return ModeledErrors.of(InvalidKeyUsageException.class, message);
    }

    static InvalidCiphertextException invalidCiphertext() {
        return ModeledErrors.of(InvalidCiphertextException.class, null);
    }

    static IncorrectKeyException incorrectKey() {
        return ModeledErrors.of(IncorrectKeyException.class,
                "The key ID in the request does not identify a CMK that can perform this operation.");
    }

    static AlreadyExistsException alreadyExists(String message) {
        return ModeledErrors.of(AlreadyExistsException.class, message);
    }

    static InvalidAliasNameException invalidAliasName(String message) {
        return ModeledErrors.of(InvalidAliasNameException.class, message);
    }

    static InvalidMarkerException invalidMarker() {
        return ModeledErrors.of(InvalidMarkerException.class, "Invalid marker");
    }

    static InvalidGrantTokenException invalidGrantToken() {
        return ModeledErrors.of(InvalidGrantTokenException.class, "Invalid grant token");
    }

    static InvalidGrantIdException invalidGrantId() {
        return ModeledErrors.of(InvalidGrantIdException.class, "Invalid grant ID");
    }

    static UnsupportedOperationException unsupported(String message) {
        return ModeledErrors.of(UnsupportedOperationException.class, message);
    }

    static KmsInvalidSignatureException invalidSignature() {
        return ModeledErrors.of(KmsInvalidSignatureException.class, null);
    }

    static KmsInvalidMacException invalidMac() {
        return ModeledErrors.of(KmsInvalidMacException.class, null);
    }

    static MalformedPolicyDocumentException malformedPolicy(String message) {
        return ModeledErrors.of(MalformedPolicyDocumentException.class, message);
    }

    static LimitExceededException limitExceeded(String message) {
        return ModeledErrors.of(LimitExceededException.class, message);
    }

    /**
     * After every check passed, a DryRun request's answer: HTTP 412, which the API reference gives and
     * the model does not (API_Encrypt.html, DryRunOperationException).
     */
    static void dryRun(Boolean dryRun) {
        if (Boolean.TRUE.equals(dryRun)) {
            throw (DryRunOperationException) ModeledErrors.of(DryRunOperationException.class,
                    "The request would have succeeded, but the DryRun option is set.").toBuilder().statusCode(412).build();
        }
    }
}
