package io.gureum.s3;

import io.gureum.core.protocol.RequestContext;
import software.amazon.awssdk.services.s3.model.Owner;

/** What an operation reads from its request context: the caller's account and region, HTTP headers. */
final class Requests {
    private Requests() {
    }

    static String account() {
        return RequestContext.current().accountId();
    }

    static String region() {
        return RequestContext.current().region();
    }

    /** An HTTP header of the request, or null (also for in-process calls, which have no HTTP request). */
    static String header(String name) {
        RequestContext ctx = RequestContext.currentOrNull();
        return ctx == null || ctx.httpRequest() == null ? null : ctx.httpRequest().header(name);
    }

    /** The HTTP method of the request ({@code GET} for in-process calls, which have none). */
    static String method() {
        RequestContext ctx = RequestContext.currentOrNull();
        return ctx == null || ctx.httpRequest() == null ? "GET" : ctx.httpRequest().method();
    }

    /** Whether the operation was called through an in-process client (another service), not over HTTP. */
    static boolean inProcess() {
        RequestContext ctx = RequestContext.currentOrNull();
        return ctx == null || ctx.httpRequest() == null;
    }

    static Owner owner(String account) {
        return Owner.builder().id(Owners.canonicalId(account)).build();
    }
}
