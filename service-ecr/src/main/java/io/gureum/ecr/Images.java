package io.gureum.ecr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.BatchGetImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ListImagesRequest;
import software.amazon.awssdk.services.ecr.model.ListImagesResponse;
import software.amazon.awssdk.services.ecr.model.PutImageRequest;
import software.amazon.awssdk.services.ecr.model.PutImageResponse;
import software.amazon.awssdk.services.ecr.model.ReferencedImagesNotFoundException;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/**
 * Images as manifests pushed with PutImage: an image is its manifest's sha256 digest, with the tags that point
 * at it. Its layers and config must have been uploaded to the repository first (LayersNotFoundException), the
 * images a manifest list names pushed first (ReferencedImagesNotFoundException). A tag moves to the newly pushed
 * image unless the repository's tags are IMMUTABLE.
 */
final class Images {
    private final EcrState state;

    Images(EcrState state) {
        this.state = state;
    }

    public PutImageResponse putImage(PutImageRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        Image image = put(repo, r.imageManifest(), r.imageManifestMediaType(), r.imageDigest(), r.imageTag());
        return PutImageResponse.builder().image(image(repo, image, r.imageTag())).build();
    }

    /**
     * Pushes a manifest, as PutImage and the registry API's manifest PUT ({@link RegistryApi}) both do: the
     * digest is the manifest's sha256, its blobs must be in the repository, the images an index names pushed;
     * the tag moves to this image unless the repository's tags are immutable.
     */
    Image put(Repository repo, String manifest, String givenMediaType, String givenDigest, String tag) {
        String digest = Digests.sha256(manifest.getBytes(StandardCharsets.UTF_8));
        if (givenDigest != null && !givenDigest.equals(digest)) {
            throw EcrErrors.digestMismatch(givenDigest, digest);
        }
        Manifests m = Manifests.read(manifest, givenMediaType);
        List<String> missing = m.blobs().stream().filter(b -> !repo.layers.containsKey(b)).distinct().toList();
        if (!missing.isEmpty()) {
            throw EcrErrors.layersNotFound(missing, repo.name, repo.registryId);
        }
        List<String> unknown = m.images().stream().filter(d -> !repo.images.containsKey(d)).toList();
        if (!unknown.isEmpty()) {
            throw io.gureum.core.error.ModeledErrors.of(ReferencedImagesNotFoundException.class, "The images with"
                    + " digests " + unknown + " referenced by the manifest list are not in the repository with"
                    + " name '" + repo.name + "' in the registry with id '" + repo.registryId + "'");
        }
        Image existing = repo.images.get(digest);
        if (existing != null && (tag == null || existing.tags.contains(tag))) {
            throw EcrErrors.imageExists(digest, tag, repo.name, repo.registryId);
        }
        Image holder = tag == null ? null : repo.tagged(tag);
        if (holder != null && "IMMUTABLE".equals(repo.imageTagMutability)) {
            throw EcrErrors.tagExists(tag, repo.name);
        }
        if (holder != null) {
            holder.tags.remove(tag);
        }
        java.time.Instant now = state.now();
        Image image = existing != null ? existing
                : new Image(digest, manifest, m.mediaType(), m.artifactMediaType(), m.size(), now);
        if (tag != null) {
            image.tags.add(tag);
            image.taggedAt.put(tag, now);
        }
        repo.images.put(digest, image);
        return image;
    }

    /**
     * Deletes an image by digest (with its tags) or one tag (the image with its last tag), as BatchDeleteImage
     * does; false when there is no such image or tag.
     */
    static boolean delete(Repository repo, String digest, String tag) {
        Image image = digest != null ? repo.images.get(digest) : repo.tagged(tag);
        if (image == null) {
            return false;
        }
        if (digest == null) {
            image.tags.remove(tag);
            if (image.tags.isEmpty()) {
                repo.images.remove(image.digest);
            }
        } else {
            repo.images.remove(image.digest);
        }
        return true;
    }

    public BatchGetImageResponse batchGetImage(BatchGetImageRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        List<software.amazon.awssdk.services.ecr.model.Image> found = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (ImageIdentifier id : r.imageIds()) {
            Lookup l = find(repo, id);
            if (l.image != null) {
                found.add(image(repo, l.image, id.imageTag()));
            } else {
                failures.add(l.failure);
            }
        }
        return BatchGetImageResponse.builder().images(found).failures(failures).build();
    }

    public DescribeImagesResponse describeImages(DescribeImagesRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        List<Image> selected = new ArrayList<>();
        if (r.hasImageIds()) {
            for (ImageIdentifier id : r.imageIds()) {
                Lookup l = find(repo, id);
                if (l.image == null) {
                    throw EcrErrors.imageNotFound(id.imageDigest(), id.imageTag(), repo.name, repo.registryId);
                }
                if (!selected.contains(l.image)) {
                    selected.add(l.image);
                }
            }
        } else {
            TagStatus status = r.filter() != null ? r.filter().tagStatus() : null;
            repo.images.values().stream().filter(i -> matches(i, status)).forEach(selected::add);
        }
        PageTokens.Page<Image> page = PageTokens.page(selected, r.maxResults(), r.nextToken(), 100);
        return DescribeImagesResponse.builder().imageDetails(page.items().stream().map(i -> ImageDetail.builder()
                .registryId(repo.registryId).repositoryName(repo.name).imageDigest(i.digest)
                .imageTags(i.tags.isEmpty() ? null : List.copyOf(i.tags)).imageSizeInBytes(i.sizeInBytes)
                .imagePushedAt(i.pushedAt).imageManifestMediaType(i.mediaType).artifactMediaType(i.artifactMediaType)
                .build()).toList()).nextToken(page.nextToken()).build();
    }

    /** One identifier per tag of each image, and one with the digest alone for an untagged image. */
    public ListImagesResponse listImages(ListImagesRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        TagStatus status = r.filter() != null ? r.filter().tagStatus() : null;
        List<ImageIdentifier> ids = new ArrayList<>();
        for (Image i : repo.images.values()) {
            if (!matches(i, status)) {
                continue;
            }
            if (i.tags.isEmpty()) {
                ids.add(ImageIdentifier.builder().imageDigest(i.digest).build());
            }
            i.tags.forEach(t -> ids.add(Views.id(i, t)));
        }
        PageTokens.Page<ImageIdentifier> page = PageTokens.page(ids, r.maxResults(), r.nextToken(), 100);
        return ListImagesResponse.builder().imageIds(page.items()).nextToken(page.nextToken()).build();
    }

    /**
     * By digest the image goes with all its tags; by tag alone only the tag goes, and the image with it when it
     * was its last tag (API_BatchDeleteImage).
     */
    public BatchDeleteImageResponse batchDeleteImage(BatchDeleteImageRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        List<ImageIdentifier> deleted = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (ImageIdentifier id : r.imageIds()) {
            Lookup l = find(repo, id);
            if (l.image == null) {
                failures.add(l.failure);
                continue;
            }
            Image image = l.image;
            if (id.imageDigest() == null) {
                image.tags.remove(id.imageTag());
                deleted.add(Views.id(image, id.imageTag()));
                if (image.tags.isEmpty()) {
                    repo.images.remove(image.digest);
                }
            } else {
                repo.images.remove(image.digest);
                if (image.tags.isEmpty()) {
                    deleted.add(Views.id(image, null));
                }
                image.tags.forEach(t -> deleted.add(Views.id(image, t)));
            }
        }
        return BatchDeleteImageResponse.builder().imageIds(deleted).failures(failures).build();
    }

    private static boolean matches(Image i, TagStatus status) {
        if (status == TagStatus.TAGGED) {
            return !i.tags.isEmpty();
        }
        if (status == TagStatus.UNTAGGED) {
            return i.tags.isEmpty();
        }
        return true;
    }

    record Lookup(Image image, ImageFailure failure) {
    }

    static Lookup find(Repository repo, ImageIdentifier id) {
        if (id.imageDigest() == null && id.imageTag() == null) {
            return new Lookup(null, failure(id, ImageFailureCode.MISSING_DIGEST_AND_TAG,
                    "Invalid request parameters: both tag and digest cannot be null"));
        }
        Image image = id.imageDigest() != null ? repo.images.get(id.imageDigest()) : repo.tagged(id.imageTag());
        if (image != null && id.imageDigest() != null && id.imageTag() != null
                && !image.tags.contains(id.imageTag())) {
            return new Lookup(null, failure(id, ImageFailureCode.IMAGE_TAG_DOES_NOT_MATCH_DIGEST,
                    "Invalid image digest/tag combination"));
        }
        if (image == null) {
            return new Lookup(null, failure(id, ImageFailureCode.IMAGE_NOT_FOUND, "Requested image not found"));
        }
        return new Lookup(image, null);
    }

    private static ImageFailure failure(ImageIdentifier id, ImageFailureCode code, String reason) {
        return ImageFailure.builder().imageId(id).failureCode(code).failureReason(reason).build();
    }

    private static software.amazon.awssdk.services.ecr.model.Image image(Repository repo, Image image, String tag) {
        return software.amazon.awssdk.services.ecr.model.Image.builder().registryId(repo.registryId)
                .repositoryName(repo.name).imageId(Views.id(image, tag)).imageManifest(image.manifest)
                .imageManifestMediaType(image.mediaType).build();
    }
}
