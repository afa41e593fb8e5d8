package io.gureum.core.spi;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import java.util.List;

/**
 * What one {@link AwsService} registration made for a running server: its providers (objects whose
 * methods have the SDK's operation signatures), the interceptors that wrap every call of those
 * providers' operations, and HTTP-level hooks. Closed on reset and when the server stops.
 */
public interface ServiceInstance extends AutoCloseable {

    /** The providers, one object per class of {@link AwsService#providerClasses()}. */
    List<Object> providers();

    /**
     * Wrapping for every operation this instance's providers bind, outermost first: a store lock, state
     * that settles on the clock before each call. Not a forwarding method per operation.
     */
    default List<OperationInterceptor> interceptors() {
        return List.of();
    }

    /**
     * Serves the API's own endpoints under {@code /_gureum/<name>/} (e.g. a peek at SQS messages for
     * tests), or returns null when the path is not one of this instance's (the caller answers 404).
     */
    default AwsHttpResponse adminRequest(AwsHttpRequest request) {
        return null;
    }

    /**
     * Answers a request before the protocol codec sees it, for HTTP-level behaviour that is no operation
     * (S3's CORS preflight {@code OPTIONS}); null to go on as usual. Runs with the request's
     * {@link io.gureum.core.protocol.RequestContext} set. To answer later without holding the thread, throw
     * {@code AsyncResponse.later(future)} with a future of the {@link AwsHttpResponse} (an exceptional
     * completion is answered as that error).
     */
    default AwsHttpResponse preOperation(AwsHttpRequest request) {
        return null;
    }

    /**
     * Whether this request, resolved to {@code operation}, may be answered on the server's event loop rather than
     * handed to the handler pool (ADR 0018): true only when nothing on its whole path in this instance can wait,
     * not for a moment longer than a computation: {@link #preOperation}, the interceptors, the provider method if
     * this instance binds the operation, the events it publishes. No file or network I/O, no lock that another
     * thread may hold while it does I/O, no sleep, no in-process call that answers later. Every module of the API
     * must agree; core asks only when no {@code --data-dir} journal and no IAM enforcement are involved.
     */
    default boolean answersInline(AwsHttpRequest request, String operation) {
        return false;
    }

    /**
     * Adds to every response of the API, errors included, what depends on HTTP rather than on the
     * operation (S3's {@code Access-Control-*} headers for requests with an {@code Origin}).
     */
    default void decorateResponse(AwsHttpRequest request, AwsHttpResponse response) {
    }

    /**
     * The owner and resource-based policy of a resource this instance serves, by ARN (as the IAM action
     * table names it for the operation), for authorization and AWS's cross-account rule; null when no
     * resource with that ARN exists here (the authorizer then treats it as the caller's account's own).
     */
    default ResourceAccess resourceAccess(String resourceArn) {
        return null;
    }

    /**
     * Rebuilds this instance's state from the records its API wrote before a restart ({@code --data-dir});
     * called once, right after {@link AwsService#create}, before the server accepts requests. Records of a
     * kind this instance does not own (another module of the same API) are ignored.
     */
    default void restore(java.util.List<io.gureum.core.persist.StateRecord> records) {
    }

    /**
     * Passes every live record of this instance to {@code sink}, as {@code context.state().put} wrote them,
     * for a snapshot. May run while requests change the state: each record must be a value the resource
     * had at some moment during the call (take the lock a change takes, per resource, not a global one).
     */
    default void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
    }

    /**
     * Whether this instance keeps state a snapshot can carry (it implements {@link #capture}); a shared
     * snapshot has a section only for such APIs, so an import never resets an API it cannot refill.
     */
    default boolean holdsState() {
        try {
            return getClass().getMethod("capture", java.util.function.Consumer.class)
                    .getDeclaringClass() != ServiceInstance.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * Writes this instance's state for a shared snapshot: its records and the bytes of the files they name.
     * Services whose records name no files keep this default, their {@link #capture}.
     */
    default void export(io.gureum.core.persist.StateSink sink) throws java.io.IOException {
        capture(sink::record);
    }

    /**
     * Takes the bytes of a file an imported snapshot carries, before {@link #restore} gets the records that
     * name it; false when the file is not this instance's (another module of the same API). Called only on a
     * fresh instance, before it serves requests.
     */
    default boolean importFile(String name, long size, java.io.InputStream bytes) throws java.io.IOException {
        return false;
    }

    /** Releases timers, threads and files; the instance's state is gone afterwards. */
    @Override
    default void close() {
    }

    /** An instance with these providers and nothing else. */
    static ServiceInstance of(Object... providers) {
        List<Object> list = List.of(providers);
        return () -> list;
    }
}
