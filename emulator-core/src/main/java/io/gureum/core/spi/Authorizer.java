package io.gureum.core.spi;

/**
 * Decides whether a request may run, between the model's validation and the provider's method: for every
 * request that comes over HTTP and every in-process call. IAM registers the server's one authorizer in
 * {@link SharedState} under this interface ({@code shared().replace(Authorizer.class, …)}); until then (or in a
 * server without IAM) {@link #NONE} lets everything through.
 *
 * <p>Runs with the request's {@link io.gureum.core.protocol.RequestContext} set. Allows by returning, denies by
 * throwing the denial in the API's own words (an {@link io.gureum.core.error.AwsException}).
 */
@FunctionalInterface
public interface Authorizer {

    /** The authorizer of a server that has none: every request runs. */
    Authorizer NONE = call -> {
    };

    void authorize(AuthorizationCall call);

    /** The server's current authorizer. */
    static Authorizer of(SharedState shared) {
        return shared.get(Authorizer.class, () -> NONE);
    }
}
