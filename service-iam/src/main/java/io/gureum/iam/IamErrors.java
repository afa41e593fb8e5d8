package io.gureum.iam;

import io.gureum.core.error.AwsException;
import io.gureum.core.error.ModeledErrors;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.InvalidAuthenticationCodeException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * IAM's errors with AWS's codes and wording (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html
 * and each operation's "Errors" section). Codes and HTTP statuses come from the model ({@link ModeledErrors}).
 */
final class IamErrors {
    private IamErrors() {
    }

    static NoSuchEntityException noSuchEntity(String message) {
        return ModeledErrors.of(NoSuchEntityException.class, message);
    }

    static NoSuchEntityException noSuchRole(String name) {
        return noSuchEntity("The role with name " + name + " cannot be found.");
    }

    static NoSuchEntityException noSuchUser(String name) {
        return noSuchEntity("The user with name " + name + " cannot be found.");
    }

    static NoSuchEntityException noSuchInstanceProfile(String name) {
        return noSuchEntity("Instance Profile " + name + " cannot be found.");
    }

    static NoSuchEntityException noSuchPolicy(String arn) {
        return noSuchEntity("Policy " + arn + " was not found.");
    }

    static NoSuchEntityException notAttachable(String arn) {
        return noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
    }

    static EntityAlreadyExistsException alreadyExists(String message) {
        return ModeledErrors.of(EntityAlreadyExistsException.class, message);
    }

    static DeleteConflictException deleteConflict(String message) {
        return ModeledErrors.of(DeleteConflictException.class, message);
    }

    /** "Cannot exceed quota for AccessKeysPerUser: 2" and the like. */
    static LimitExceededException quota(String quota, int limit) {
        return limitExceeded("Cannot exceed quota for " + quota + ": " + limit);
    }

    static LimitExceededException limitExceeded(String message) {
        return ModeledErrors.of(LimitExceededException.class, message);
    }

    static MalformedPolicyDocumentException malformedPolicy(String message) {
        return ModeledErrors.of(MalformedPolicyDocumentException.class, message);
    }

    static InvalidInputException invalidInput(String message) {
        return ModeledErrors.of(InvalidInputException.class, message);
    }

    /** EnableMFADevice and ResyncMFADevice with codes that are not the device's. */
    static InvalidAuthenticationCodeException invalidAuthenticationCode() {
        return ModeledErrors.of(InvalidAuthenticationCodeException.class, "Authentication code for device is not valid.");
    }

    /** {@code ValidationError} (no SDK class models it) for rules the API model does not state; core checks those it does. */
    static AwsException validation(String message) {
        return new AwsException("ValidationError", message, 400);
    }
}
