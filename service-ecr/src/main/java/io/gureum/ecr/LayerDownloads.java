package io.gureum.ecr;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;

/**
 * Serves a layer's bytes at the URL GetDownloadUrlForLayer returns: on AWS a pre-signed S3 URL, here
 * {@code <endpoint>/_gureum/ecr/layers/<registry>/<region>/<repository>/<digest>} (the repository name may
 * contain slashes; the digest is the last segment).
 */
final class LayerDownloads {
    static final String PREFIX = "/_gureum/ecr/layers/";

    private LayerDownloads() {
    }

    static String url(EcrState state, Repository repo, String digest) {
        String base = state.context.endpoint().uri().map(u -> u.toString().replaceAll("/$", "")).orElse("");
        return base + PREFIX + repo.registryId + "/" + repo.region + "/" + repo.name + "/" + digest;
    }

    /** The layer's bytes, 404 when the registry, repository or layer is unknown, null for other paths. */
    static AwsHttpResponse serve(EcrState state, AwsHttpRequest request) {
        String path = request.rawPath();
        if (!path.startsWith(PREFIX) || !"GET".equals(request.method())) {
            return null;
        }
        String[] parts = path.substring(PREFIX.length()).split("/");
        if (parts.length < 4) {
            return new AwsHttpResponse(404);
        }
        String name = String.join("/", java.util.Arrays.copyOfRange(parts, 2, parts.length - 1));
        state.lock.lock();
        try {
            Repository repo = state.all.get(parts[0], parts[1]).repositories.get(name);
            Layer layer = repo == null ? null : repo.layers.get(parts[parts.length - 1]);
            if (layer == null) {
                return new AwsHttpResponse(404);
            }
            return new AwsHttpResponse(200).header("Content-Type", "application/octet-stream")
                    .header("Docker-Content-Digest", layer.digest())
                    .bodyStream(state.layerStore.open(layer), layer.size());
        } finally {
            state.lock.unlock();
        }
    }
}
