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

    public RequestContext(String requestId, String accountId, String region, String accessKeyId, String service,
            AwsHttpRequest httpRequest) {
        this.requestId = requestId;
        this.accountId = accountId;
        this.region = region;
        this.accessKeyId = accessKeyId;
        this.service = service;
        this.httpRequest = httpRequest;
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
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
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

    public AwsHttpRequest httpRequest() {
        return httpRequest;
    }

    /** The Host header the client used, e.g. {@code localhost:4566}, for URLs the service hands back. */
    public String host() {
        String host = httpRequest == null ? null : httpRequest.header("Host");
        return host == null ? "localhost" : host;
    }
}
