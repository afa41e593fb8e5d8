package io.gureum.organizations;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationExceptionReason;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.organizations.model.InvalidInputExceptionReason;

/**
 * Organizations' errors and their wording, from the API reference's error pages
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/CommonErrors.html and each operation's
 * Errors section). Every modeled error is HTTP 400.
 */
final class OrgErrors {
    static final String NOT_IN_USE = "Your account is not a member of an organization.";
    static final String ACCESS_DENIED = "You don't have permissions to access this resource.";

    private OrgErrors() {
    }

    static AwsOrganizationsNotInUseException notInUse() {
        return of(AwsOrganizationsNotInUseException.class, NOT_IN_USE);
    }

    static AccessDeniedException accessDenied() {
        return of(AccessDeniedException.class, ACCESS_DENIED);
    }

    /**
     * The modeled exception {@code type} with its wire code and status 400. Built here rather than with core's
     * {@code ModeledErrors.of}: the organizations model of SDK 2.40.2 registers its exceptions per operation,
     * where core's operation index does not find them, so the index has no error entries to look up.
     */
    static <E extends AwsServiceException> E of(Class<E> type, String message) {
        try {
            AwsServiceException.Builder b = (AwsServiceException.Builder) type.getMethod("builder").invoke(null);
            return type.cast(with(b, code(type), message).build());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + type.getName(), e);
        }
    }

    /** The wire code: the class name, but for the one code the SDK renames ({@code AWSOrganizations…}). */
    static String code(Class<?> type) {
        return type == AwsOrganizationsNotInUseException.class ? "AWSOrganizationsNotInUseException"
                : type.getSimpleName();
    }

    private static AwsServiceException.Builder with(AwsServiceException.Builder b, String code, String message) {
        b.message(message).statusCode(400).awsErrorDetails(AwsErrorDetails.builder().errorCode(code)
                .errorMessage(message).serviceName("Organizations").build());
        return b;
    }

    /** A {@code ConstraintViolationException} with its {@code Reason}, which clients branch on. */
    static ConstraintViolationException constraint(ConstraintViolationExceptionReason reason, String message) {
        return (ConstraintViolationException) with(ConstraintViolationException.builder().reason(reason),
                "ConstraintViolationException", message).build();
    }

    /** An {@code InvalidInputException} with its {@code Reason}. */
    static InvalidInputException invalid(InvalidInputExceptionReason reason, String message) {
        return (InvalidInputException) with(InvalidInputException.builder().reason(reason), "InvalidInputException",
                message).build();
    }
}
