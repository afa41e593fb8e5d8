package io.gureum.ecr;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecrpublic.model.InvalidParameterException;
import software.amazon.awssdk.services.ecrpublic.model.RegistryNotFoundException;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryCatalogDataNotFoundException;
import software.amazon.awssdk.services.ecrpublic.model.UnsupportedCommandException;

/**
 * ECR Public's errors. Built here rather than with core's {@code ModeledErrors.of}: the ecrpublic model of SDK 2.40.2
 * (Maven Central's newest) registers its exceptions per operation, where core's operation index does not find
 * them, so the index has no error entries. Every modeled error is HTTP 400 and coded as its class is named, but
 * {@code ServerException} (500), as the model gives them.
 */
final class PublicErrors {
    private static final String ECR_MODEL = "software.amazon.awssdk.services.ecr.model.";
    private static final String PUBLIC_MODEL = "software.amazon.awssdk.services.ecrpublic.model.";

    private PublicErrors() {
    }

    /**
     * An error of ECR's shared behaviour ({@link Images}, {@link PageTokens}, {@link RepositoryTags}) as ECR Public's
     * exception of the same name and message (both models name them alike); others as they are.
     */
    static RuntimeException translate(AwsServiceException e) {
        if (!e.getClass().getName().startsWith(ECR_MODEL)) {
            return e;
        }
        try {
            Class<?> type = Class.forName(PUBLIC_MODEL + e.getClass().getSimpleName(), true,
                    PublicErrors.class.getClassLoader());
            String message = e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage();
            return of(type.asSubclass(AwsServiceException.class), message);
        } catch (ClassNotFoundException notInThePublicModel) {
            return e;
        }
    }

    /** What ECR Public's us-west-2 endpoint answers: "GetAuthorizationToken command is only supported in us-east-1." */
    static UnsupportedCommandException unsupported(String operation) {
        return of(UnsupportedCommandException.class, operation + " command is only supported in "
                + EcrPublicService.REGION + ".");
    }

    static InvalidParameterException invalidParameter(String message) {
        return of(InvalidParameterException.class, message);
    }

    /** "Invalid parameter at 'member' failed to satisfy constraint: '…'", as ECR's validation layer words it. */
    static InvalidParameterException constraint(String member, String constraint) {
        return invalidParameter("Invalid parameter at '" + member + "' failed to satisfy constraint: '" + constraint
                + "'");
    }

    static RegistryNotFoundException registryNotFound(String registryId) {
        return of(RegistryNotFoundException.class, "The registry with id '" + registryId
                + "' does not exist");
    }

    static RepositoryCatalogDataNotFoundException catalogNotFound(String name, String registryId) {
        return of(RepositoryCatalogDataNotFoundException.class, "The repository catalog data does not"
                + " exist for the repository with name '" + name + "' in the registry with id '" + registryId + "'");
    }

    /** The modeled exception {@code type} with {@code message}, its code and status. */
    static <T extends AwsServiceException> T of(Class<T> type, String message) {
        int status = type.getSimpleName().equals("ServerException") ? 500 : 400;
        try {
            AwsServiceException.Builder b = (AwsServiceException.Builder) type.getMethod("builder").invoke(null);
            b.message(message).statusCode(status).awsErrorDetails(AwsErrorDetails.builder()
                    .errorCode(type.getSimpleName()).errorMessage(message).serviceName("EcrPublic").build());
            return type.cast(b.build());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + type.getName(), e);
        }
    }
}
