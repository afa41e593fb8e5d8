package io.gureum.core.protocol;

import io.gureum.core.http.AwsHttpRequest;

/**
 * Who is calling, where, and which request this is: set for the duration of a handler call, so that
 * handler methods (which implement the SDK's client interfaces and take only the request object) can
 * read the account and region.
 */
public final class RequestContext {
    private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

    private final String requestId;
    private final String accountId;
    private final String region;
    private final String accessKeyId;
    private final String service;
    private final AwsHttpRequest httpRequest;
    private final String principal;
    private final String sourceArn;
    private final String inProcessHost;

    public RequestContext(String requestId, String accountId, String region, String accessKeyId, String service,
            AwsHttpRequest httpRequest) {
        this(requestId, accountId, region, accessKeyId, service, httpRequest, null, null);
    }

    /**
     * @param principal the calling principal of an in-process call (a service principal such as
     *     {@code sns.amazonaws.com}), or null for a request that came over HTTP
     * @param sourceArn the resource a service principal acts for, or null
     */
    public RequestContext(String requestId, String accountId, String region, String accessKeyId, String service,
            AwsHttpRequest httpRequest, String principal, String sourceArn) {
        this(requestId, accountId, region, accessKeyId, service, httpRequest, principal, sourceArn, null);
    }

    /**
     * @param inProcessHost the host an in-process call acts on (no HTTP request carries one): the outer
     *     request's Host or the server's endpoint, or null
     */
    public RequestContext(String requestId, String accountId, String region, String accessKeyId, String service,
            AwsHttpRequest httpRequest, String principal, String sourceArn, String inProcessHost) {
        this.inProcessHost = inProcessHost;
        this.requestId = requestId;
        this.accountId = accountId;
        this.region = region;
        this.accessKeyId = accessKeyId;
        this.service = service;
        this.httpRequest = httpRequest;
        this.principal = principal;
        this.sourceArn = sourceArn;
    }

    /** The context of the request being handled on this thread. */
    public static RequestContext current() {
        RequestContext ctx = CURRENT.get();
        if (ctx == null) {
            throw new IllegalStateException("No request is being handled on this thread");
        }
        return ctx;
    }

    public static RequestContext currentOrNull() {
        return CURRENT.get();
    }

    /** Runs {@code body} with this context as the current one. */
    public <T> T call(java.util.concurrent.Callable<T> body) throws Exception {
        RequestContext previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.call();
        } finally {
            // set(null) rather than remove(): get() answers null all the same, and remove() made every call
            // (three a request) also sweep the thread's ThreadLocal table for stale entries.
            CURRENT.set(previous);
        }
    }

    public String requestId() {
        return requestId;
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    /** The caller's access key id, or null for an unsigned request. */
    public String accessKeyId() {
        return accessKeyId;
    }

    public String service() {
        return service;
    }

    /**
     * The principal of an in-process call ({@code sns.amazonaws.com} when SNS delivers to a queue), or
     * null for a request that came over HTTP (its identity is its access key).
     */
    public String principal() {
        return principal;
    }

    /** The resource an in-process service principal acts for ({@code aws:SourceArn}), or null. */
    public String sourceArn() {
        return sourceArn;
    }

    /** Whether this call came from another service in this process rather than over HTTP. */
    public boolean inProcess() {
        return principal != null;
    }

    /** The HTTP request, or null for an in-process call. */
    public AwsHttpRequest httpRequest() {
        return httpRequest;
    }

    /** The Host header the client used, e.g. {@code localhost:4566}, for URLs the service hands back. */
    public String host() {
        String host = httpRequest == null ? inProcessHost : httpRequest.header("Host");
        return host == null ? "localhost" : host;
    }

    /** The host given to an in-process call, or null. */
    public String inProcessHost() {
        return inProcessHost;
    }
}
