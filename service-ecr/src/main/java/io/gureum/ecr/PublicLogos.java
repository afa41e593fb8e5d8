package io.gureum.ecr;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Serves an ECR Public repository's logo at the {@code logoUrl} its catalog data answers: on AWS a URL of the
 * gallery's content host, here {@code <endpoint>/_gureum/ecr-public/logos/<registry>/<repository>} (the
 * repository name may contain slashes), as the bytes put in {@code logoImageBlob}.
 */
final class PublicLogos {
    static final String PREFIX = "/_gureum/ecr-public/logos/";

    private PublicLogos() {
    }

    static String url(EcrState state, Repository repo) {
        String base = state.context.endpoint().uri().map(u -> u.toString().replaceAll("/$", "")).orElse("");
        return base + PREFIX + repo.registryId + "/" + URLEncoder.encode(repo.name, StandardCharsets.UTF_8)
                .replace("%2F", "/");
    }

    /** The logo's bytes, 404 when the repository or its logo is unknown, null for other paths. */
    static AwsHttpResponse serve(EcrState state, AwsHttpRequest request) {
        String path = request.rawPath();
        if (!path.startsWith(PREFIX) || !"GET".equals(request.method())) {
            return null;
        }
        String rest = URLDecoder.decode(path.substring(PREFIX.length()), StandardCharsets.UTF_8);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return new AwsHttpResponse(404);
        }
        state.lock.lock();
        try {
            Repository repo = state.all.get(rest.substring(0, slash), EcrPublicService.REGION).repositories
                    .get(rest.substring(slash + 1));
            if (repo == null || repo.catalog == null || repo.catalog.logo() == null) {
                return new AwsHttpResponse(404);
            }
            return new AwsHttpResponse(200).header("Content-Type", "application/octet-stream")
                    .body(repo.catalog.logo());
        } finally {
            state.lock.unlock();
        }
    }
}
