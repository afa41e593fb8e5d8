package io.gureum.secretsmanager;

import io.gureum.core.error.ModeledErrors;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.EncryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidNextTokenException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.secretsmanager.model.PublicPolicyException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The Secrets Manager errors Gureum answers besides the model's constraints (which core reports as
 * {@code ValidationException} "1 validation error detected: …"), in AWS's words where AWS's are known;
 * codes and statuses come from the model through {@link ModeledErrors}.
 */
final class SecretsErrors {
    static final String NOT_FOUND = "Secrets Manager can't find the specified secret.";
    /** What every operation but DescribeSecret, ListSecretVersionIds, RestoreSecret and DeleteSecret answers. */
    static final String MARKED_FOR_DELETION =
            "You can't perform this operation on the secret because it was marked for deletion.";

    private SecretsErrors() {
    }

    static ResourceNotFoundException notFound() {
        return notFound(NOT_FOUND);
    }

    static ResourceNotFoundException notFound(String message) {
        return ModeledErrors.of(ResourceNotFoundException.class, message);
    }

    static InvalidRequestException invalidRequest(String message) {
        return ModeledErrors.of(InvalidRequestException.class, message);
    }

    static InvalidParameterException invalidParameter(String message) {
        return ModeledErrors.of(InvalidParameterException.class, message);
    }

    static InvalidRequestException markedForDeletion() {
        return invalidRequest(MARKED_FOR_DELETION);
    }

    static ResourceExistsException exists(String message) {
        return ModeledErrors.of(ResourceExistsException.class, message);
    }

    static InvalidNextTokenException invalidNextToken() {
        return ModeledErrors.of(InvalidNextTokenException.class, "The NextToken value is invalid.");
    }

    /** The model's own description of DecryptionFailure. */
    static DecryptionFailureException decryptionFailure() {
        return ModeledErrors.of(DecryptionFailureException.class,
                "Secrets Manager can't decrypt the protected secret text using the provided KMS key.");
    }

    /** The model's own description of EncryptionFailure. */
    static EncryptionFailureException encryptionFailure() {
        return ModeledErrors.of(EncryptionFailureException.class,
                "Secrets Manager can't encrypt the protected secret text using the provided KMS key. Check that the"
                        + " KMS key is available, enabled, and not in an invalid state.");
    }

    static MalformedPolicyDocumentException malformedPolicy(String message) {
        return ModeledErrors.of(MalformedPolicyDocumentException.class, message);
    }

    static PublicPolicyException publicPolicy() {
        return ModeledErrors.of(PublicPolicyException.class,
                "You can't attach a resource-based policy that allows broad access to the secret.");
    }

    static InvalidRequestException replicaReadOnly() {
        return invalidRequest("Operation is not permitted on a replica secret. Call must be made in primary secret's"
                + " region.");
    }
}
