package io.gureum.ecr;

import io.gureum.core.error.ModeledErrors;
import software.amazon.awssdk.services.ecr.model.EmptyUploadException;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageDigestDoesNotMatchException;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.InvalidLayerException;
import software.amazon.awssdk.services.ecr.model.InvalidLayerPartException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.InvalidTagParameterException;
import software.amazon.awssdk.services.ecr.model.LayerAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewNotFoundException;
import software.amazon.awssdk.services.ecr.model.RegistryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.TooManyTagsException;
import software.amazon.awssdk.services.ecr.model.UploadNotFoundException;

/** ECR's errors with AWS's wording; codes and statuses come from the model. */
final class EcrErrors {
    private EcrErrors() {
    }

    static InvalidParameterException invalidParameter(String message) {
        return ModeledErrors.of(InvalidParameterException.class, message);
    }

    /** "Invalid parameter at 'repositoryName' failed to satisfy constraint: '…'" (ECR's own validation layer). */
    static InvalidParameterException constraint(String member, String constraint) {
        return invalidParameter("Invalid parameter at '" + member + "' failed to satisfy constraint: '" + constraint
                + "'");
    }

    static RepositoryNotFoundException repositoryNotFound(String name, String registryId) {
        return ModeledErrors.of(RepositoryNotFoundException.class, "The repository with name '" + name
                + "' does not exist in the registry with id '" + registryId + "'");
    }

    static RepositoryAlreadyExistsException repositoryExists(String name, String registryId) {
        return ModeledErrors.of(RepositoryAlreadyExistsException.class, "The repository with name '" + name
                + "' already exists in the registry with id '" + registryId + "'");
    }

    static RepositoryNotEmptyException repositoryNotEmpty(String name, String registryId) {
        return ModeledErrors.of(RepositoryNotEmptyException.class, "The repository with name '" + name
                + "' in registry with id '" + registryId + "' cannot be deleted because it still contains images");
    }

    static RepositoryPolicyNotFoundException repositoryPolicyNotFound(String name, String registryId) {
        return ModeledErrors.of(RepositoryPolicyNotFoundException.class, "Repository policy does not exist for the"
                + " repository with name '" + name + "' in the registry with id '" + registryId + "'");
    }

    static LifecyclePolicyNotFoundException lifecyclePolicyNotFound(String name, String registryId) {
        return ModeledErrors.of(LifecyclePolicyNotFoundException.class, "Lifecycle policy does not exist for the"
                + " repository with name '" + name + "' in the registry with id '" + registryId + "'");
    }

    static LifecyclePolicyPreviewNotFoundException previewNotFound(String name, String registryId) {
        return ModeledErrors.of(LifecyclePolicyPreviewNotFoundException.class, "There is no lifecycle policy preview"
                + " for the repository with name '" + name + "' in the registry with id '" + registryId + "'");
    }

    static RegistryPolicyNotFoundException registryPolicyNotFound(String registryId) {
        return ModeledErrors.of(RegistryPolicyNotFoundException.class,
                "Registry policy does not exist in the registry with id '" + registryId + "'");
    }

    static software.amazon.awssdk.services.ecr.model.SigningConfigurationNotFoundException signingNotFound(
            String registryId) {
        return ModeledErrors.of(software.amazon.awssdk.services.ecr.model.SigningConfigurationNotFoundException.class,
                "Signing configuration does not exist in the registry with id '" + registryId + "'");
    }

    static ImageNotFoundException imageNotFound(String digest, String tag, String name, String registryId) {
        return ModeledErrors.of(ImageNotFoundException.class, "The image with imageId {imageDigest:'" + digest
                + "', imageTag:'" + tag + "'} does not exist within the repository with name '" + name
                + "' in the registry with id '" + registryId + "'");
    }

    static ImageAlreadyExistsException imageExists(String digest, String tag, String name, String registryId) {
        return ModeledErrors.of(ImageAlreadyExistsException.class, "Image with digest '" + digest + "' and tag '"
                + tag + "' already exists in the repository with name '" + name + "' in registry with id '"
                + registryId + "'");
    }

    static ImageTagAlreadyExistsException tagExists(String tag, String name) {
        return ModeledErrors.of(ImageTagAlreadyExistsException.class, "The image tag '" + tag + "' already exists in"
                + " the '" + name + "' repository and cannot be overwritten because the repository is immutable.");
    }

    static ImageDigestDoesNotMatchException digestMismatch(String given, String actual) {
        return ModeledErrors.of(ImageDigestDoesNotMatchException.class, "Invalid parameter at 'imageDigest' failed to"
                + " satisfy constraint: 'Provided digest " + given + " does not match actual digest " + actual + "'");
    }

    static LayersNotFoundException layersNotFound(java.util.List<String> digests, String name, String registryId) {
        return ModeledErrors.of(LayersNotFoundException.class, "Layers with digests '" + digests + "' required for"
                + " pushing image into repository with name '" + name + "' in the registry with id '" + registryId
                + "' do not exist");
    }

    static LayersNotFoundException layerNotFound(String digest, String name, String registryId) {
        return ModeledErrors.of(LayersNotFoundException.class, "The specified layer '" + digest + "' could not be"
                + " found in the repository with name '" + name + "' in the registry with id '" + registryId + "'");
    }

    static UploadNotFoundException uploadNotFound(String uploadId, String name, String registryId) {
        return ModeledErrors.of(UploadNotFoundException.class, "Upload with id '" + uploadId + "' does not exist for"
                + " the repository with name '" + name + "' in the registry with id '" + registryId + "'");
    }

    static InvalidLayerPartException invalidLayerPart(String uploadId, String name, String registryId,
            long lastValidByte) {
        InvalidLayerPartException e = ModeledErrors.of(InvalidLayerPartException.class, "The layer part for upload"
                + " id '" + uploadId + "' in the repository with name '" + name + "' in the registry with id '"
                + registryId + "' is not valid: its first byte must follow byte " + lastValidByte);
        return e.toBuilder().registryId(registryId).repositoryName(name).uploadId(uploadId)
                .lastValidByteReceived(lastValidByte).build();
    }

    static EmptyUploadException emptyUpload(String uploadId) {
        return ModeledErrors.of(EmptyUploadException.class, "The upload with id '" + uploadId + "' contains no layer"
                + " parts");
    }

    static InvalidLayerException invalidLayer(String given, String actual) {
        return ModeledErrors.of(InvalidLayerException.class, "Invalid layer digest '" + given + "': the uploaded"
                + " layer's digest is '" + actual + "'");
    }

    static LayerAlreadyExistsException layerExists(String digest, String name, String registryId) {
        return ModeledErrors.of(LayerAlreadyExistsException.class, "Layer with digest '" + digest + "' already exists"
                + " in the repository with name '" + name + "' in the registry with id '" + registryId + "'");
    }

    static TooManyTagsException tooManyTags() {
        return ModeledErrors.of(TooManyTagsException.class, "A resource can have at most 50 tags");
    }

    static InvalidTagParameterException invalidTag(String message) {
        return ModeledErrors.of(InvalidTagParameterException.class, message);
    }

    static <T extends software.amazon.awssdk.awscore.exception.AwsServiceException> T of(Class<T> type,
            String message) {
        return ModeledErrors.of(type, message);
    }
}
