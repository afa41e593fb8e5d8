package io.gureum.ssm;

import io.gureum.core.error.ModeledErrors;
import software.amazon.awssdk.services.ssm.model.AssociationAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.AssociationDoesNotExistException;
import software.amazon.awssdk.services.ssm.model.AssociationExecutionDoesNotExistException;
import software.amazon.awssdk.services.ssm.model.AssociationLimitExceededException;
import software.amazon.awssdk.services.ssm.model.AssociationVersionLimitExceededException;
import software.amazon.awssdk.services.ssm.model.InvalidAssociationVersionException;
import software.amazon.awssdk.services.ssm.model.InvalidInstanceIdException;
import software.amazon.awssdk.services.ssm.model.InvalidOutputLocationException;
import software.amazon.awssdk.services.ssm.model.InvalidParametersException;
import software.amazon.awssdk.services.ssm.model.InvalidScheduleException;
import software.amazon.awssdk.services.ssm.model.InvalidTargetException;
import software.amazon.awssdk.services.ssm.model.InvalidUpdateException;
import software.amazon.awssdk.services.ssm.model.MalformedResourcePolicyDocumentException;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncCountExceededException;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncInvalidConfigurationException;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncNotFoundException;
import software.amazon.awssdk.services.ssm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.model.ResourcePolicyConflictException;
import software.amazon.awssdk.services.ssm.model.ResourcePolicyInvalidParameterException;
import software.amazon.awssdk.services.ssm.model.ResourcePolicyLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ResourcePolicyNotFoundException;
import software.amazon.awssdk.services.ssm.model.StatusUnchangedException;

/**
 * The errors of associations, resource data syncs and resource policies. Messages are the API model's
 * descriptions of the error shapes unless a method says otherwise (AWS does not document its wording).
 */
final class AssociationErrors {
    private AssociationErrors() {
    }

    static AssociationAlreadyExistsException alreadyExists() {
        return ModeledErrors.of(AssociationAlreadyExistsException.class, "The specified association already exists.");
    }

    static AssociationDoesNotExistException doesNotExist() {
        return ModeledErrors.of(AssociationDoesNotExistException.class, "The specified association doesn't exist.");
    }

    static AssociationLimitExceededException limitExceeded() {
        return ModeledErrors.of(AssociationLimitExceededException.class,
                "You can have at most 2,000 active associations.");
    }

    static AssociationVersionLimitExceededException versionLimit() {
        return ModeledErrors.of(AssociationVersionLimitExceededException.class, "You have reached the maximum number"
                + " versions allowed for an association. Each association has a limit of 1,000 versions.");
    }

    static InvalidAssociationVersionException invalidVersion() {
        return ModeledErrors.of(InvalidAssociationVersionException.class, "The version you specified isn't valid."
                + " Use ListAssociationVersions to view all versions of an association according to the association"
                + " ID. Or, use the $LATEST parameter to view the latest version of the association.");
    }

    static AssociationExecutionDoesNotExistException executionDoesNotExist() {
        return ModeledErrors.of(AssociationExecutionDoesNotExistException.class,
                "The specified execution ID doesn't exist. Verify the ID number and try again.");
    }

    static software.amazon.awssdk.services.ssm.model.InvalidAssociationException invalidAssociation(String id) {
        return ModeledErrors.of(software.amazon.awssdk.services.ssm.model.InvalidAssociationException.class,
                "The association " + id + " isn't valid or doesn't exist.");
    }

    /** Gureum's wording: documents of schema 2.0 or later cannot be associated by InstanceId. */
    static software.amazon.awssdk.services.ssm.model.InvalidDocumentException schemaWithInstanceId(String schema) {
        return ModeledErrors.of(software.amazon.awssdk.services.ssm.model.InvalidDocumentException.class,
                "Document schema version, " + schema + ", is not supported by association that is created with"
                        + " instance id.");
    }

    static InvalidInstanceIdException invalidInstanceId() {
        return ModeledErrors.of(InvalidInstanceIdException.class, "Instance Id is not valid");
    }

    /** Gureum's wording: the message says which parameter is wrong. */
    static InvalidParametersException invalidParameters(String message) {
        return ModeledErrors.of(InvalidParametersException.class, message);
    }

    static InvalidScheduleException invalidSchedule(String expression) {
        return ModeledErrors.of(InvalidScheduleException.class, "Schedule expression " + expression
                + " is invalid. Verify your cron or rate expression and try again.");
    }

    static InvalidTargetException invalidTarget(String message) {
        return ModeledErrors.of(InvalidTargetException.class, message);
    }

    static InvalidUpdateException invalidUpdate(String message) {
        return ModeledErrors.of(InvalidUpdateException.class, message);
    }

    static InvalidOutputLocationException invalidOutputLocation() {
        return ModeledErrors.of(InvalidOutputLocationException.class,
                "The output location isn't valid or doesn't exist.");
    }

    static StatusUnchangedException statusUnchanged() {
        return ModeledErrors.of(StatusUnchangedException.class, "The updated status is the same as the current status.");
    }

    // Resource data syncs.

    static ResourceDataSyncAlreadyExistsException syncExists(String name) {
        return ModeledErrors.of(ResourceDataSyncAlreadyExistsException.class,
                "Sync configuration " + name + " already exists.");
    }

    static ResourceDataSyncNotFoundException syncNotFound(String name) {
        return ModeledErrors.of(ResourceDataSyncNotFoundException.class,
                "The specified sync name " + name + " wasn't found.");
    }

    static ResourceDataSyncInvalidConfigurationException invalidSync(String message) {
        return ModeledErrors.of(ResourceDataSyncInvalidConfigurationException.class, message);
    }

    static ResourceDataSyncCountExceededException tooManySyncs() {
        return ModeledErrors.of(ResourceDataSyncCountExceededException.class,
                "You have exceeded the allowed maximum sync configurations.");
    }

    // Resource policies.

    static ResourcePolicyInvalidParameterException invalidPolicyParameter(String message) {
        return ModeledErrors.of(ResourcePolicyInvalidParameterException.class, message);
    }

    static ResourcePolicyLimitExceededException policyLimit(String message) {
        return ModeledErrors.of(ResourcePolicyLimitExceededException.class, message);
    }

    static ResourcePolicyConflictException policyConflict() {
        return ModeledErrors.of(ResourcePolicyConflictException.class, "The hash provided in the call doesn't match"
                + " the stored hash. This exception is thrown when trying to update an obsolete policy version or"
                + " when multiple requests to update a policy are sent.");
    }

    static ResourcePolicyNotFoundException policyNotFound() {
        return ModeledErrors.of(ResourcePolicyNotFoundException.class,
                "No policies with the specified policy ID and hash could be found.");
    }

    static ResourceNotFoundException resourceNotFound() {
        return ModeledErrors.of(ResourceNotFoundException.class,
                "The specified parameter to be shared could not be found.");
    }

    static MalformedResourcePolicyDocumentException malformedPolicy(String message) {
        return ModeledErrors.of(MalformedResourcePolicyDocumentException.class, message);
    }
}
