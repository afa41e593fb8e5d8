package io.gureum.ecr;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecr.model.BatchCheckLayerAvailabilityRequest;
import software.amazon.awssdk.services.ecr.model.BatchCheckLayerAvailabilityResponse;
import software.amazon.awssdk.services.ecr.model.CompleteLayerUploadRequest;
import software.amazon.awssdk.services.ecr.model.CompleteLayerUploadResponse;
import software.amazon.awssdk.services.ecr.model.GetDownloadUrlForLayerRequest;
import software.amazon.awssdk.services.ecr.model.GetDownloadUrlForLayerResponse;
import software.amazon.awssdk.services.ecr.model.InitiateLayerUploadRequest;
import software.amazon.awssdk.services.ecr.model.InitiateLayerUploadResponse;
import software.amazon.awssdk.services.ecr.model.LayerAvailability;
import software.amazon.awssdk.services.ecr.model.LayerFailure;
import software.amazon.awssdk.services.ecr.model.LayerFailureCode;
import software.amazon.awssdk.services.ecr.model.UploadLayerPartRequest;
import software.amazon.awssdk.services.ecr.model.UploadLayerPartResponse;

/**
 * Layer uploads through the API: parts arrive in order (each part's first byte follows the last one received,
 * else InvalidLayerPartException), and completing checks the digest the client names against the sha256 of the
 * bytes (InvalidLayerException). A completed layer is downloadable from this server
 * ({@link LayerDownloads}).
 */
final class Layers {
    /** The part size InitiateLayerUpload recommends. */
    static final long PART_SIZE = 10_485_760L;

    private final EcrState state;

    Layers(EcrState state) {
        this.state = state;
    }

    public InitiateLayerUploadResponse initiateLayerUpload(InitiateLayerUploadRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        String hex = state.context.ids().hex(32);
        String id = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
        repo.uploads.put(id, new Upload(id, state.layerStore.uploadFile(id, true), 0));
        return InitiateLayerUploadResponse.builder().uploadId(id).partSize(PART_SIZE).build();
    }

    public UploadLayerPartResponse uploadLayerPart(UploadLayerPartRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        Upload upload = upload(repo, r.uploadId());
        long length = r.layerPartBlob().asByteBuffer().remaining();
        long received = upload.size;
        if (r.partFirstByte() != received || r.partLastByte() != received + length - 1) {
            throw EcrErrors.invalidLayerPart(upload.id, repo.name, repo.registryId, received - 1);
        }
        try {
            upload.size += state.layerStore.append(upload.file, received, r.layerPartBlob().asInputStream());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return UploadLayerPartResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .uploadId(upload.id).lastByteReceived(upload.size - 1).build();
    }

    public CompleteLayerUploadResponse completeLayerUpload(CompleteLayerUploadRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        Upload upload = upload(repo, r.uploadId());
        if (upload.size == 0) {
            throw EcrErrors.emptyUpload(upload.id);
        }
        String actual = complete(state, repo, upload, r.layerDigests());
        return CompleteLayerUploadResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .uploadId(upload.id).layerDigest(actual).build();
    }

    /**
     * Ends an upload whose parts are all in (ECR's and ECR Public's CompleteLayerUpload): its file's digest must be
     * every digest the caller gave, and becomes the repository's layer unless it already has one of that digest.
     */
    static String complete(EcrState state, Repository repo, Upload upload, List<String> givenDigests) {
        String actual;
        try {
            actual = Digests.sha256(upload.file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (String given : givenDigests) {
            if (!given.equals(actual)) {
                throw EcrErrors.invalidLayer(given, actual);
            }
        }
        repo.uploads.remove(upload.id);
        if (repo.layers.containsKey(actual)) {
            state.layerStore.discard(upload.file);
            throw EcrErrors.layerExists(actual, repo.name, repo.registryId);
        }
        try {
            repo.layers.put(actual, state.layerStore.commit(upload.file, actual));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return actual;
    }

    public BatchCheckLayerAvailabilityResponse batchCheckLayerAvailability(BatchCheckLayerAvailabilityRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        List<software.amazon.awssdk.services.ecr.model.Layer> layers = new ArrayList<>();
        List<LayerFailure> failures = new ArrayList<>();
        for (String digest : r.layerDigests()) {
            Layer layer = repo.layers.get(digest);
            if (layer == null) {
                failures.add(LayerFailure.builder().layerDigest(digest).failureCode(LayerFailureCode.MISSING_LAYER_DIGEST)
                        .failureReason("Could not find layer").build());
            } else {
                layers.add(software.amazon.awssdk.services.ecr.model.Layer.builder().layerDigest(digest)
                        .layerAvailability(LayerAvailability.AVAILABLE).layerSize(layer.size()).build());
            }
        }
        return BatchCheckLayerAvailabilityResponse.builder().layers(layers).failures(failures).build();
    }

    public GetDownloadUrlForLayerResponse getDownloadUrlForLayer(GetDownloadUrlForLayerRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        if (!repo.layers.containsKey(r.layerDigest())) {
            throw EcrErrors.layerNotFound(r.layerDigest(), repo.name, repo.registryId);
        }
        return GetDownloadUrlForLayerResponse.builder().layerDigest(r.layerDigest())
                .downloadUrl(LayerDownloads.url(state, repo, r.layerDigest())).build();
    }

    private static Upload upload(Repository repo, String id) {
        Upload upload = repo.uploads.get(id);
        if (upload == null) {
            throw EcrErrors.uploadNotFound(id, repo.name, repo.registryId);
        }
        return upload;
    }
}
