package io.gureum.ecr;

import static io.gureum.ecr.RegistryApi.error;
import static io.gureum.ecr.RegistryApi.repository;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blob half of the registry API ({@link RegistryApi}): blobs read from the repository's layers, uploads
 * (monolithic, or chunked with {@code PATCH}) streamed to a temporary file ({@link BlobUpload}) and checked against
 * the digest the client names, and cross-repository mounts under ECR's blob mounting rules. A completed blob is a
 * layer of the repository, as CompleteLayerUpload makes it.
 */
final class RegistryBlobs implements AutoCloseable {
    private static final Pattern DIGEST = Pattern.compile("^sha256:[a-f0-9]{64}$");
    private static final Pattern CONTENT_RANGE = Pattern.compile("^(?:bytes[ =])?(\\d+)-(\\d+)(?:/.*)?$");

    private final EcrState state;
    private final RegistryApi api;
    private final Runnable record;
    private final Map<String, BlobUpload> uploads = new ConcurrentHashMap<>();

    RegistryBlobs(EcrState state, RegistryApi api, Runnable record) {
        this.state = state;
        this.api = api;
        this.record = record;
    }

    AwsHttpResponse getBlob(Registry registry, String name, String digest) {
        Layer layer = api.locked(() -> repository(registry, name).layers.get(digest));
        if (layer == null) {
            throw error(404, "BLOB_UNKNOWN", "blob unknown to registry");
        }
        // Content-Length also for HEAD, which sends no body.
        return new AwsHttpResponse(200).bodyStream(state.layerStore.open(layer), layer.size())
                .header("Content-Length", Long.toString(layer.size()))
                .header("Content-Type", "application/octet-stream").header("Docker-Content-Digest", layer.digest());
    }

    AwsHttpResponse startUpload(Registry registry, String name, AwsHttpRequest request) {
        String mount = request.queryParameter("mount");
        String from = request.queryParameter("from");
        AwsHttpResponse mounted = api.locked(() -> {
            Repository repo = repository(registry, name);
            return mount == null ? null : mount(registry, repo, mount, from);
        });
        if (mounted != null) {
            return mounted;
        }
        BlobUpload upload = newUpload(registry, name);
        String digest = request.queryParameter("digest");
        if (digest != null) { // a monolithic upload: the blob is the body
            return finish(registry, name, upload, digest, request);
        }
        return uploadStatus(registry, name, upload.id, 202);
    }

    /**
     * Mounts {@code digest} from {@code from} (or, without it, any repository of the registry) when ECR would:
     * blob mounting enabled for the registry, same encryption; null to fall back to an upload, as the
     * specification has it.
     */
    private AwsHttpResponse mount(Registry registry, Repository repo, String digest, String from) {
        if (!"ENABLED".equals(registry.accountSettings.get("BLOB_MOUNTING"))) {
            return null;
        }
        List<Repository> sources = new ArrayList<>();
        if (from != null) {
            Repository source = registry.repositories.get(from);
            if (source != null) {
                sources.add(source);
            }
        } else {
            sources.addAll(registry.repositories.values());
        }
        for (Repository source : sources) {
            Layer layer = source.layers.get(digest);
            if (layer != null && source.encryptionType.equals(repo.encryptionType)
                    && java.util.Objects.equals(source.kmsKey, repo.kmsKey)) {
                repo.layers.putIfAbsent(digest, layer);
                record.run();
                return created(repo.name, digest);
            }
        }
        return null;
    }

    private static AwsHttpResponse created(String name, String digest) {
        return new AwsHttpResponse(201).header("Location", "/v2/" + name + "/blobs/" + digest)
                .header("Docker-Content-Digest", digest);
    }

    private BlobUpload newUpload(Registry registry, String name) {
        String hex = state.context.ids().hex(32);
        String id = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
        try {
            BlobUpload upload = new BlobUpload(id, registry.account, registry.region, name, state.layerStore);
            uploads.put(id, upload);
            return upload;
        } catch (java.io.UncheckedIOException e) {
            throw error(500, "UNKNOWN", "The upload could not be started: " + e.getMessage());
        }
    }

    private BlobUpload upload(Registry registry, String name, String id) {
        BlobUpload upload = uploads.get(id);
        if (upload == null || !upload.account.equals(registry.account) || !upload.region.equals(registry.region)
                || !upload.repository.equals(name)) {
            throw error(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
        }
        return upload;
    }

    AwsHttpResponse uploadStatus(Registry registry, String name, String id, int status) {
        BlobUpload upload = upload(registry, name, id);
        long size = upload.size();
        return new AwsHttpResponse(status).header("Location", "/v2/" + name + "/blobs/uploads/" + id)
                .header("Range", "0-" + Math.max(0, size - 1)).header("Docker-Upload-UUID", id);
    }

    AwsHttpResponse patchUpload(Registry registry, String name, String id, AwsHttpRequest request) {
        BlobUpload upload = upload(registry, name, id);
        String range = request.header("Content-Range");
        if (range != null) {
            Matcher r = CONTENT_RANGE.matcher(range.trim());
            if (!r.matches() || Long.parseLong(r.group(1)) != upload.size()) {
                AwsHttpResponse refused = uploadStatus(registry, name, id, 416);
                throw new RegistryApi.RegistryError(RegistryApi.json(refused, RegistryApi.errorBody("BLOB_UPLOAD_INVALID",
                        "The chunk does not start where the upload stands (" + upload.size() + " bytes received).")));
            }
        }
        append(upload, request);
        return uploadStatus(registry, name, id, 202);
    }

    private void append(BlobUpload upload, AwsHttpRequest request) {
        try {
            upload.append(request.bodyStream());
        } catch (IOException e) {
            uploads.remove(upload.id);
            upload.discard();
            throw error(400, "BLOB_UPLOAD_INVALID", "The upload's body could not be read: " + e.getMessage());
        }
    }

    AwsHttpResponse completeUpload(Registry registry, String name, String id, AwsHttpRequest request) {
        return finish(registry, name, upload(registry, name, id), request.queryParameter("digest"), request);
    }

    /** Appends the request's body, checks the digest and makes the blob a layer of the repository. */
    private AwsHttpResponse finish(Registry registry, String name, BlobUpload upload, String digest,
            AwsHttpRequest request) {
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw error(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
        }
        append(upload, request);
        uploads.remove(upload.id);
        try {
            if (upload.size() == 0) {
                throw error(400, "BLOB_UPLOAD_INVALID", "The layer upload with upload ID '" + upload.id
                        + "' is empty.");
            }
            if (!digest.equals(upload.digest())) {
                throw error(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
            }
            return api.locked(() -> {
                Repository repo = repository(registry, name);
                if (!repo.layers.containsKey(digest)) {
                    try {
                        repo.layers.put(digest, state.layerStore.commit(upload.file, digest));
                    } catch (IOException e) {
                        throw error(500, "UNKNOWN", "The upload could not be stored: " + e.getMessage());
                    }
                    record.run();
                }
                return created(name, digest);
            });
        } finally {
            upload.discard();
        }
    }

    AwsHttpResponse cancelUpload(Registry registry, String name, String id) {
        BlobUpload upload = upload(registry, name, id);
        uploads.remove(id);
        upload.discard();
        return new AwsHttpResponse(204);
    }

    /** Drops the uploads in progress and their files. */
    @Override
    public void close() {
        uploads.values().forEach(BlobUpload::discard);
        uploads.clear();
    }
}
