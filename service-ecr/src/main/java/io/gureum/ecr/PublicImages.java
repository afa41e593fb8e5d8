package io.gureum.ecr;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecrpublic.model.BatchCheckLayerAvailabilityRequest;
import software.amazon.awssdk.services.ecrpublic.model.BatchCheckLayerAvailabilityResponse;
import software.amazon.awssdk.services.ecrpublic.model.BatchDeleteImageRequest;
import software.amazon.awssdk.services.ecrpublic.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecrpublic.model.CompleteLayerUploadRequest;
import software.amazon.awssdk.services.ecrpublic.model.CompleteLayerUploadResponse;
import software.amazon.awssdk.services.ecrpublic.model.DescribeImageTagsRequest;
import software.amazon.awssdk.services.ecrpublic.model.DescribeImageTagsResponse;
import software.amazon.awssdk.services.ecrpublic.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecrpublic.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecrpublic.model.ImageDetail;
import software.amazon.awssdk.services.ecrpublic.model.ImageFailure;
import software.amazon.awssdk.services.ecrpublic.model.ImageFailureCode;
import software.amazon.awssdk.services.ecrpublic.model.ImageIdentifier;
import software.amazon.awssdk.services.ecrpublic.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecrpublic.model.ImageTagDetail;
import software.amazon.awssdk.services.ecrpublic.model.InitiateLayerUploadRequest;
import software.amazon.awssdk.services.ecrpublic.model.InitiateLayerUploadResponse;
import software.amazon.awssdk.services.ecrpublic.model.InvalidLayerPartException;
import software.amazon.awssdk.services.ecrpublic.model.LayerAvailability;
import software.amazon.awssdk.services.ecrpublic.model.LayerFailure;
import software.amazon.awssdk.services.ecrpublic.model.LayerFailureCode;
import software.amazon.awssdk.services.ecrpublic.model.LayerPartTooSmallException;
import software.amazon.awssdk.services.ecrpublic.model.LimitExceededException;
import software.amazon.awssdk.services.ecrpublic.model.PutImageRequest;
import software.amazon.awssdk.services.ecrpublic.model.PutImageResponse;
import software.amazon.awssdk.services.ecrpublic.model.ReferencedImageDetail;
import software.amazon.awssdk.services.ecrpublic.model.UploadLayerPartRequest;
import software.amazon.awssdk.services.ecrpublic.model.UploadLayerPartResponse;

/**
 * ECR Public's images and layer uploads, with ECR's behaviour ({@link Images#put}, {@link LayerStore}): manifests
 * whose layers were uploaded to the repository, tags that move to the newest image (public repositories have no
 * tag immutability), layers uploaded in order in parts of at most 10 MiB and, but the last, at least 5 MiB, at
 * most 1,000 of them (the quotas of https://docs.aws.amazon.com/AmazonECR/latest/public/public-service-quotas.html),
 * their digest checked when the upload completes; at most 100,000 images per repository.
 */
final class PublicImages {
    /** The part size InitiateLayerUpload asks for: the quota's maximum layer part size, 10 MiB. */
    static final long PART_SIZE = 10_485_760L;
    /** The quota "Minimum layer part size", 5 MiB: every part but the last (LayerPartTooSmallException). */
    static final long MIN_PART_SIZE = 5_242_880L;
    /** The quota "Layer parts": at most 1,000 parts in one upload (LimitExceededException). */
    static final int MAX_PARTS = 1000;
    /** The quota "Images per repository" (LimitExceededException). */
    static final int MAX_IMAGES = 100_000;
    private static final Pattern DIGEST = Pattern.compile("[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+");

    private final EcrState state;
    private final PublicRegistries registries;
    private final Images images;

    PublicImages(EcrState state, PublicRegistries registries) {
        this.state = state;
        this.registries = registries;
        this.images = new Images(state);
    }

    private Repository repository(String registryId, boolean aliasAllowed, boolean registryNotFound, String name) {
        Registry registry = registries.registry(registryId, aliasAllowed, registryNotFound);
        Repository repo = registry.repositories.get(name);
        if (repo == null) {
            throw EcrErrors.repositoryNotFound(name, registry.account);
        }
        return repo;
    }

    public PutImageResponse putImage(PutImageRequest r) {
        Repository repo = repository(r.registryId(), true, true, r.repositoryName());
        String digest = Digests.sha256(r.imageManifest().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (repo.images.size() >= MAX_IMAGES && !repo.images.containsKey(digest)) {
            throw PublicErrors.of(LimitExceededException.class, "The repository with name '" + repo.name
                    + "' in the registry with id '" + repo.registryId + "' already holds " + MAX_IMAGES
                    + " images, the quota of images per repository");
        }
        Image image = images.put(repo, r.imageManifest(), r.imageManifestMediaType(), r.imageDigest(), r.imageTag());
        return PutImageResponse.builder().image(software.amazon.awssdk.services.ecrpublic.model.Image.builder()
                .registryId(repo.registryId).repositoryName(repo.name).imageId(id(image, r.imageTag()))
                .imageManifest(image.manifest).imageManifestMediaType(image.mediaType).build()).build();
    }

    /** The images named (an unknown one is ImageNotFoundException) or all, in push order, in pages. */
    public DescribeImagesResponse describeImages(DescribeImagesRequest r) {
        PublicRepositories.checkMaxResults(r.maxResults());
        Repository repo = repository(r.registryId(), false, false, r.repositoryName());
        List<Image> selected = new ArrayList<>();
        if (r.hasImageIds()) {
            if (r.nextToken() != null || r.maxResults() != null) {
                throw PublicErrors.invalidParameter("Invalid parameter: nextToken and maxResults cannot be used with"
                        + " imageIds");
            }
            for (ImageIdentifier id : r.imageIds()) {
                Image image = find(repo, id);
                if (image == null) {
                    throw PublicErrors.of(ImageNotFoundException.class, "The image with imageId {imageDigest:'"
                            + id.imageDigest() + "', imageTag:'" + id.imageTag() + "'} does not exist within the"
                            + " repository with name '" + repo.name + "' in the registry with id '" + repo.registryId
                            + "'");
                }
                if (!selected.contains(image)) {
                    selected.add(image);
                }
            }
        } else {
            selected.addAll(repo.images.values());
        }
        PageTokens.Page<Image> page = PageTokens.page(selected, r.maxResults(), r.nextToken(), 100);
        return DescribeImagesResponse.builder().imageDetails(page.items().stream().map(i -> ImageDetail.builder()
                .registryId(repo.registryId).repositoryName(repo.name).imageDigest(i.digest)
                .imageTags(i.tags.isEmpty() ? null : List.copyOf(i.tags)).imageSizeInBytes(size(repo, i))
                .imagePushedAt(i.pushedAt).imageManifestMediaType(i.mediaType).artifactMediaType(i.artifactMediaType)
                .build()).toList()).nextToken(page.nextToken()).build();
    }

    /**
     * The image's size as ImageDetail documents it: the sum of its layers, or for a manifest list the largest size of
     * the manifests it names.
     */
    private static long size(Repository repo, Image image) {
        List<String> named = Manifests.read(image.manifest, image.mediaType).images();
        if (named.isEmpty()) {
            return image.sizeInBytes;
        }
        return named.stream().map(repo.images::get).filter(java.util.Objects::nonNull).mapToLong(i -> i.sizeInBytes)
                .max().orElse(0);
    }

    /** One detail per tag of every image: when the tag was put, and the image it names. */
    public DescribeImageTagsResponse describeImageTags(DescribeImageTagsRequest r) {
        PublicRepositories.checkMaxResults(r.maxResults());
        Repository repo = repository(r.registryId(), false, false, r.repositoryName());
        List<ImageTagDetail> details = new ArrayList<>();
        for (Image i : repo.images.values()) {
            ReferencedImageDetail image = ReferencedImageDetail.builder().imageDigest(i.digest)
                    .imageSizeInBytes(size(repo, i)).imagePushedAt(i.pushedAt).imageManifestMediaType(i.mediaType)
                    .artifactMediaType(i.artifactMediaType).build();
            for (String tag : i.tags) {
                details.add(ImageTagDetail.builder().imageTag(tag).createdAt(i.taggedAt.getOrDefault(tag,
                        i.pushedAt)).imageDetail(image).build());
            }
        }
        PageTokens.Page<ImageTagDetail> page = PageTokens.page(details, r.maxResults(), r.nextToken(), 100);
        return DescribeImageTagsResponse.builder().imageTagDetails(page.items()).nextToken(page.nextToken()).build();
    }

    /**
     * By digest the image goes with all its tags; by tag only the tag goes, and the image with its last tag.
     * Unknown images are failures ({@code ImageNotFound}), as are identifiers with neither digest nor tag.
     */
    public BatchDeleteImageResponse batchDeleteImage(BatchDeleteImageRequest r) {
        Repository repo = repository(r.registryId(), true, false, r.repositoryName());
        List<ImageIdentifier> deleted = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (ImageIdentifier id : r.imageIds()) {
            if (id.imageDigest() == null && id.imageTag() == null) {
                failures.add(failure(id, ImageFailureCode.MISSING_DIGEST_AND_TAG,
                        "Invalid request parameters: both tag and digest cannot be null"));
                continue;
            }
            Image image = id.imageDigest() != null ? repo.images.get(id.imageDigest()) : repo.tagged(id.imageTag());
            if (image != null && id.imageDigest() != null && id.imageTag() != null
                    && !image.tags.contains(id.imageTag())) {
                failures.add(failure(id, ImageFailureCode.IMAGE_TAG_DOES_NOT_MATCH_DIGEST,
                        "Invalid image digest/tag combination"));
                continue;
            }
            if (image == null) {
                failures.add(failure(id, ImageFailureCode.IMAGE_NOT_FOUND, "Requested image not found"));
                continue;
            }
            if (id.imageDigest() == null) {
                deleted.add(id(image, id.imageTag()));
            } else if (image.tags.isEmpty()) {
                deleted.add(id(image, null));
            } else {
                image.tags.forEach(t -> deleted.add(id(image, t)));
            }
            Images.delete(repo, id.imageDigest(), id.imageDigest() == null ? id.imageTag() : null);
        }
        return BatchDeleteImageResponse.builder().imageIds(deleted).failures(failures).build();
    }

    public InitiateLayerUploadResponse initiateLayerUpload(InitiateLayerUploadRequest r) {
        Repository repo = repository(r.registryId(), true, true, r.repositoryName());
        String hex = state.context.ids().hex(32);
        String id = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
        repo.uploads.put(id, new Upload(id, state.layerStore.uploadFile(id, true), 0));
        return InitiateLayerUploadResponse.builder().uploadId(id).partSize(PART_SIZE).build();
    }

    /**
     * A part must start at the byte after the last one received and end where its length says, and be at most
     * 10 MiB (InvalidLayerPartException, with the last valid byte).
     */
    public UploadLayerPartResponse uploadLayerPart(UploadLayerPartRequest r) {
        Repository repo = repository(r.registryId(), true, true, r.repositoryName());
        Upload upload = upload(repo, r.uploadId());
        long length = r.layerPartBlob().asByteBuffer().remaining();
        long received = upload.size;
        if (r.partFirstByte() != received || r.partLastByte() != received + length - 1 || length > PART_SIZE) {
            throw PublicErrors.of(InvalidLayerPartException.class, "The layer part for upload id '" + upload.id
                    + "' in the repository with name '" + repo.name + "' in the registry with id '" + repo.registryId
                    + "' is not valid: " + (length > PART_SIZE ? "a layer part can be at most " + PART_SIZE
                            + " bytes" : "its first byte must follow byte " + (received - 1)))
                    .toBuilder().registryId(repo.registryId).repositoryName(repo.name).uploadId(upload.id)
                    .lastValidByteReceived(received - 1).build();
        }
        if (upload.parts >= MAX_PARTS) {
            throw PublicErrors.of(LimitExceededException.class, "The upload with id '" + upload.id + "' already has "
                    + MAX_PARTS + " layer parts, the quota of layer parts");
        }
        try {
            upload.size += state.layerStore.append(upload.file, received, r.layerPartBlob().asInputStream());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (upload.parts > 0 && upload.lastPartSize < MIN_PART_SIZE) {
            upload.smallPart = true;
        }
        upload.parts++;
        upload.lastPartSize = length;
        return UploadLayerPartResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .uploadId(upload.id).lastByteReceived(upload.size - 1).build();
    }

    public CompleteLayerUploadResponse completeLayerUpload(CompleteLayerUploadRequest r) {
        Repository repo = repository(r.registryId(), true, true, r.repositoryName());
        Upload upload = upload(repo, r.uploadId());
        if (upload.size == 0) {
            throw EcrErrors.emptyUpload(upload.id);
        }
        if (upload.smallPart) {
            throw PublicErrors.of(LayerPartTooSmallException.class, "Layer parts must be at least 5 MiB in size:"
                    + " a part of the upload with id '" + upload.id + "' other than the last is smaller");
        }
        String actual = Layers.complete(state, repo, upload, r.layerDigests());
        return CompleteLayerUploadResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .uploadId(upload.id).layerDigest(actual).build();
    }

    /** Each digest's layer, or a failure: {@code InvalidLayerDigest} when it is no digest, else missing. */
    public BatchCheckLayerAvailabilityResponse batchCheckLayerAvailability(BatchCheckLayerAvailabilityRequest r) {
        Repository repo = repository(r.registryId(), true, true, r.repositoryName());
        List<software.amazon.awssdk.services.ecrpublic.model.Layer> layers = new ArrayList<>();
        List<LayerFailure> failures = new ArrayList<>();
        for (String digest : r.layerDigests()) {
            Layer layer = repo.layers.get(digest);
            if (!DIGEST.matcher(digest).matches()) {
                failures.add(LayerFailure.builder().layerDigest(digest)
                        .failureCode(LayerFailureCode.INVALID_LAYER_DIGEST).failureReason("Invalid layer digest").build());
            } else if (layer == null) {
                failures.add(LayerFailure.builder().layerDigest(digest)
                        .failureCode(LayerFailureCode.MISSING_LAYER_DIGEST).failureReason("Could not find layer").build());
            } else {
                layers.add(software.amazon.awssdk.services.ecrpublic.model.Layer.builder().layerDigest(digest)
                        .layerAvailability(LayerAvailability.AVAILABLE).layerSize(layer.size()).build());
            }
        }
        return BatchCheckLayerAvailabilityResponse.builder().layers(layers).failures(failures).build();
    }

    private static Upload upload(Repository repo, String id) {
        Upload upload = repo.uploads.get(id);
        if (upload == null) {
            throw EcrErrors.uploadNotFound(id, repo.name, repo.registryId);
        }
        return upload;
    }

    private static Image find(Repository repo, ImageIdentifier id) {
        if (id.imageDigest() == null && id.imageTag() == null) {
            return null;
        }
        Image image = id.imageDigest() != null ? repo.images.get(id.imageDigest()) : repo.tagged(id.imageTag());
        return image != null && id.imageDigest() != null && id.imageTag() != null && !image.tags.contains(id.imageTag())
                ? null : image;
    }

    private static ImageIdentifier id(Image image, String tag) {
        return ImageIdentifier.builder().imageDigest(image.digest).imageTag(tag).build();
    }

    private static ImageFailure failure(ImageIdentifier id, ImageFailureCode code, String reason) {
        return ImageFailure.builder().imageId(id).failureCode(code).failureReason(reason).build();
    }
}
