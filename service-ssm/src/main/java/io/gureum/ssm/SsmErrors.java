package io.gureum.ssm;

import io.gureum.core.error.ModeledErrors;
import software.amazon.awssdk.services.ssm.model.AccessDeniedException;
import software.amazon.awssdk.services.ssm.model.HierarchyLevelLimitExceededException;
import software.amazon.awssdk.services.ssm.model.IncompatiblePolicyException;
import software.amazon.awssdk.services.ssm.model.InternalServerErrorException;
import software.amazon.awssdk.services.ssm.model.InvalidAllowedPatternException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterKeyException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterOptionException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterValueException;
import software.amazon.awssdk.services.ssm.model.InvalidKeyIdException;
import software.amazon.awssdk.services.ssm.model.InvalidNextTokenException;
import software.amazon.awssdk.services.ssm.model.InvalidPolicyAttributeException;
import software.amazon.awssdk.services.ssm.model.InvalidPolicyTypeException;
import software.amazon.awssdk.services.ssm.model.InvalidResourceIdException;
import software.amazon.awssdk.services.ssm.model.InvalidResourceTypeException;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterMaxVersionLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterPatternMismatchException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionLabelLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.PoliciesLimitExceededException;
import software.amazon.awssdk.services.ssm.model.TooManyTagsErrorException;
import software.amazon.awssdk.services.ssm.model.TooManyUpdatesException;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/**
 * The Parameter Store errors Gureum answers besides the model's constraints (core reports those as
 * {@code ValidationException} "1 validation error detected: …"), with AWS's wording where AWS's
 * references or observed answers give it; codes and statuses come from the model.
 */
final class SsmErrors {
    /** AWS's answer to a name with other characters than {@code a-zA-Z0-9_.-/} or a reserved prefix. */
    static final String NAME_RULES = "Parameter name: can't be prefixed with \"ssm\" (case-insensitive). If formed as a"
            + " path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of"
            + " letters, numbers and the following 3 symbols .-_";

    private SsmErrors() {
    }

    static ValidationException validation(String message) {
        return ModeledErrors.of(ValidationException.class, message);
    }

    static ValidationException invalidName() {
        return validation(NAME_RULES);
    }

    /**
     * GetParameter and DeleteParameter answer ParameterNotFound without a message ("An error occurred
     * (ParameterNotFound) when calling the GetParameter operation: "): an empty one here.
     */
    static ParameterNotFoundException parameterNotFound() {
        return ModeledErrors.of(ParameterNotFoundException.class, "");
    }

    static ParameterVersionNotFoundException versionNotFound(String name, String selector) {
        return ModeledErrors.of(ParameterVersionNotFoundException.class, "Systems Manager could not find version "
                + selector + " of " + name + ". Verify the version and try again.");
    }

    static ParameterAlreadyExistsException alreadyExists() {
        return ModeledErrors.of(ParameterAlreadyExistsException.class,
                "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
    }

    /** "No access to reserved parameter name: aws-cdk-playground." (names beginning with {@code aws}). */
    static AccessDeniedException reservedName(String name) {
        return ModeledErrors.of(AccessDeniedException.class,
                "No access to reserved parameter name: " + (name.startsWith("/") ? name.substring(1) : name) + ".");
    }

    static HierarchyLevelLimitExceededException hierarchyTooDeep() {
        return ModeledErrors.of(HierarchyLevelLimitExceededException.class,
                "A hierarchy can have a maximum of 15 levels. For more information, see "
                        + "https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-parameter-name-constraints.html");
    }

    static ParameterPatternMismatchException patternMismatch(String pattern) {
        return ModeledErrors.of(ParameterPatternMismatchException.class,
                "Parameter value, cannot be validated against allowedPattern: " + pattern);
    }

    static InvalidAllowedPatternException invalidAllowedPattern() {
        return ModeledErrors.of(InvalidAllowedPatternException.class,
                "The request doesn't meet the regular expression requirement.");
    }

    static ParameterMaxVersionLimitExceededException maxVersions(String name, long oldest) {
        return ModeledErrors.of(ParameterMaxVersionLimitExceededException.class, "You attempted to create a new"
                + " version of " + name + " by calling the PutParameter API with the overwrite flag. Version " + oldest
                + ", the oldest version, can't be deleted because it has a label associated with it. Move the label to"
                + " another version of the parameter, and try again.");
    }

    static ParameterLimitExceededException tooManyParameters() {
        return ModeledErrors.of(ParameterLimitExceededException.class, "You have exceeded the number of parameters for"
                + " this Amazon Web Services account. Delete one or more parameters and try again.");
    }

    static ParameterVersionLabelLimitExceededException tooManyLabels() {
        return ModeledErrors.of(ParameterVersionLabelLimitExceededException.class,
                "A parameter version can have maximum 10 labels.Move one or more labels to another version and try again.");
    }

    static TooManyUpdatesException tooManyUpdates() {
        return ModeledErrors.of(TooManyUpdatesException.class,
                "There are concurrent updates for a resource that supports one update at a time.");
    }

    static InvalidKeyIdException invalidKeyId(String message) {
        return ModeledErrors.of(InvalidKeyIdException.class, message);
    }

    static InternalServerErrorException internal(String message) {
        return ModeledErrors.of(InternalServerErrorException.class, message);
    }

    static InvalidPolicyTypeException invalidPolicyType(String type) {
        return ModeledErrors.of(InvalidPolicyTypeException.class, "The policy type " + type + " isn't supported."
                + " Parameter Store supports the following policy types: Expiration, ExpirationNotification, and"
                + " NoChangeNotification.");
    }

    static InvalidPolicyAttributeException invalidPolicyAttribute(String message) {
        return ModeledErrors.of(InvalidPolicyAttributeException.class, message);
    }

    static IncompatiblePolicyException incompatiblePolicies() {
        return ModeledErrors.of(IncompatiblePolicyException.class, "There is a conflict in the policies specified"
                + " for this parameter. You can't, for example, specify two Expiration policies for a parameter."
                + " Review your policies, and try again.");
    }

    static PoliciesLimitExceededException tooManyPolicies() {
        return ModeledErrors.of(PoliciesLimitExceededException.class, "You specified more than the maximum number of"
                + " allowed policies for the parameter. The maximum is 10.");
    }

    static InvalidFilterKeyException invalidFilterKey(String key, String valid) {
        return ModeledErrors.of(InvalidFilterKeyException.class,
                "The following filter key is not valid: " + key + ". Valid filter keys include: " + valid + ".");
    }

    static InvalidFilterOptionException invalidFilterOption(String option, String valid) {
        return ModeledErrors.of(InvalidFilterOptionException.class,
                "The following filter option is not valid: " + option + ". Valid options include: " + valid + ".");
    }

    static InvalidFilterValueException invalidFilterValue(String message) {
        return ModeledErrors.of(InvalidFilterValueException.class, message);
    }

    static InvalidNextTokenException invalidNextToken() {
        return ModeledErrors.of(InvalidNextTokenException.class, "The specified token isn't valid.");
    }

    static InvalidResourceTypeException invalidResourceType() {
        return ModeledErrors.of(InvalidResourceTypeException.class, "");
    }

    static InvalidResourceIdException invalidResourceId() {
        return ModeledErrors.of(InvalidResourceIdException.class, "");
    }

    static TooManyTagsErrorException tooManyTags() {
        return ModeledErrors.of(TooManyTagsErrorException.class,
                "Number of tags exceeds the maximum of 50 tags per resource.");
    }

    // Documents: the messages are those of the API model's error shapes unless said otherwise.

    static software.amazon.awssdk.services.ssm.model.DocumentAlreadyExistsException documentExists() {
        return ModeledErrors.of(software.amazon.awssdk.services.ssm.model.DocumentAlreadyExistsException.class,
                "Document with same name already exists.");
    }

    static software.amazon.awssdk.services.ssm.model.InvalidDocumentException invalidDocument() {
        return ModeledErrors.of(software.amazon.awssdk.services.ssm.model.InvalidDocumentException.class,
                "The specified SSM document doesn't exist.");
    }

    static software.amazon.awssdk.services.ssm.model.InvalidDocumentContentException invalidDocumentContent() {
        return ModeledErrors.of(software.amazon.awssdk.services.ssm.model.InvalidDocumentContentException.class,
                "The content for the document isn't valid.");
    }

    static software.amazon.awssdk.services.ssm.model.InvalidDocumentVersionException invalidDocumentVersion() {
        return ModeledErrors.of(software.amazon.awssdk.services.ssm.model.InvalidDocumentVersionException.class,
                "The document version isn't valid or doesn't exist.");
    }

    static software.amazon.awssdk.services.ssm.model.DuplicateDocumentContentException duplicateContent() {
        return ModeledErrors.of(software.amazon.awssdk.services.ssm.model.DuplicateDocumentContentException.class,
                "The content of the association document matches another document. Change the content of the"
                        + " document and try again.");
    }

    static software.amazon.awssdk.services.ssm.model.DuplicateDocumentVersionNameException duplicateVersionName() {
        return ModeledErrors.of(software.amazon.awssdk.services.ssm.model.DuplicateDocumentVersionNameException.class,
                "The version name has already been used in this document. Specify a different version name, and"
                        + " then try again.");
    }

    static software.amazon.awssdk.services.ssm.model.InvalidDocumentSchemaVersionException invalidSchemaVersion() {
        return ModeledErrors.of(software.amazon.awssdk.services.ssm.model.InvalidDocumentSchemaVersionException.class,
                "The version of the document schema isn't supported.");
    }

    static software.amazon.awssdk.services.ssm.model.InvalidDocumentOperationException invalidDocumentOperation(
            String message) {
        return ModeledErrors.of(software.amazon.awssdk.services.ssm.model.InvalidDocumentOperationException.class,
                message);
    }

    static software.amazon.awssdk.services.ssm.model.DocumentLimitExceededException tooManyDocuments() {
        return ModeledErrors.of(software.amazon.awssdk.services.ssm.model.DocumentLimitExceededException.class,
                "You can have at most 500 active SSM documents.");
    }

    static software.amazon.awssdk.services.ssm.model.DocumentVersionLimitExceededException tooManyDocumentVersions() {
        return ModeledErrors.of(software.amazon.awssdk.services.ssm.model.DocumentVersionLimitExceededException.class,
                "The document has too many versions. Delete one or more document versions and try again.");
    }

    static software.amazon.awssdk.services.ssm.model.MaxDocumentSizeExceededException documentTooLarge() {
        return ModeledErrors.of(software.amazon.awssdk.services.ssm.model.MaxDocumentSizeExceededException.class,
                "The size limit of a document is 64 KB.");
    }

    static software.amazon.awssdk.services.ssm.model.DocumentPermissionLimitException permissionLimit() {
        return ModeledErrors.of(software.amazon.awssdk.services.ssm.model.DocumentPermissionLimitException.class,
                "The document can't be shared with more Amazon Web Services accounts.");
    }
}
