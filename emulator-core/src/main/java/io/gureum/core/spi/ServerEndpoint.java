package io.gureum.core.spi;

import java.net.URI;
import java.util.Optional;

/**
 * Where the running server answers, e.g. {@code http://127.0.0.1:4566}: known only once it is bound
 * (port 0 picks a free port). Lambda hands it to functions as {@code AWS_ENDPOINT_URL}, so the SDKs
 * inside a function call Gureum, not AWS.
 */
public final class ServerEndpoint {
    private volatile URI uri;

    /** Set by core when the server is bound. */
    public void bound(URI uri) {
        this.uri = uri;
    }

    /** The endpoint; empty before the server is bound (and in contexts with no server, such as unit tests). */
    public Optional<URI> uri() {
        return Optional.ofNullable(uri);
    }
}
