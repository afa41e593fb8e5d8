package io.gureum.core.spi;

import java.util.List;

/**
 * A service module's registration, found with {@link java.util.ServiceLoader}. It names the SDK client
 * interface whose operations it serves and creates the handler: an object that implements that
 * interface, one method per AWS operation. Operations the handler does not override fall to the
 * interface's default methods, which throw {@code UnsupportedOperationException}: Gureum answers them
 * with a 501 naming the operation.
 *
 * <p>Implementations must be cheap to load: referring to SDK model classes only inside
 * {@link #createHandler} keeps start-up free of them.
 */
public interface AwsService {

    /** The name users pass to {@code --services} and see in the health report, e.g. {@code sts}. */
    String name();

    /** The SigV4 signing names routed here (the credential scope's service part). */
    default List<String> signingNames() {
        return List.of(name());
    }

    /** The fully qualified SDK v2 client interface, e.g. {@code software.amazon.awssdk.services.sts.StsClient}. */
    String clientInterface();

    /** The XML namespace of query/EC2/restXml responses, or null (JSON services). */
    default String xmlNamespace() {
        return null;
    }

    /**
     * The operations whose success answer is not 200, by operation name (the REST protocols' Smithy
     * {@code @http(code: …)}, e.g. S3's {@code DeleteObject} → 204, Lambda's {@code CreateFunction} → 201).
     * The SDK's metadata does not carry these codes, so each REST service lists them.
     */
    default java.util.Map<String, Integer> successStatuses() {
        return java.util.Map.of();
    }

    /**
     * The query-protocol operations whose output has a result wrapper but no members: AWS answers them
     * with an empty {@code <ActionResult/>}, and botocore's parser requires it (boto3's SNS
     * {@code tag_resource} fails without it). The SDK's metadata cannot tell such an output from no
     * output at all, so each query service lists them (from its API model).
     */
    default java.util.Set<String> emptyResultOperations() {
        return java.util.Set.of();
    }

    /**
     * Whether the handler is created when the server starts and again right after every reset, rather
     * than on the service's first request: for a service that must hear events other services publish
     * before anyone calls it (CloudWatch Logs receives Lambda's output).
     */
    default boolean eager() {
        return false;
    }

    /** Creates a handler with empty state. Called at start and again on reset. */
    Object createHandler(ServiceContext context);

    /**
     * Serves the service's own endpoints under {@code /_gureum/<name>/} (e.g. a peek at SQS messages
     * for tests), or returns null when the path is not one of them (the caller answers 404).
     *
     * @param handler the service's current handler, as {@link #createHandler} made it
     */
    default io.gureum.core.http.AwsHttpResponse adminRequest(Object handler, io.gureum.core.http.AwsHttpRequest request) {
        return null;
    }

    /**
     * Answers a request before the protocol codec sees it, for HTTP-level behaviour that is no
     * operation (S3's CORS preflight {@code OPTIONS}); null to go on as usual. Runs with the request's
     * {@link io.gureum.core.protocol.RequestContext} set.
     */
    default io.gureum.core.http.AwsHttpResponse preOperation(Object handler, io.gureum.core.http.AwsHttpRequest request) {
        return null;
    }

    /**
     * Adds to every response of the service, errors included, what depends on HTTP rather than on the
     * operation (S3's {@code Access-Control-*} headers for requests with an {@code Origin}).
     */
    default void decorateResponse(Object handler, io.gureum.core.http.AwsHttpRequest request,
            io.gureum.core.http.AwsHttpResponse response) {
    }
}
