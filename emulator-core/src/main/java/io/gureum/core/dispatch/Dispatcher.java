package io.gureum.core.dispatch;

import io.gureum.core.auth.Accounts;
import io.gureum.core.auth.AwsChunked;
import io.gureum.core.auth.SessionTokens;
import io.gureum.core.auth.SigV4Parser;
import io.gureum.core.auth.SignatureInfo;
import io.gureum.core.auth.SignatureVerifier;
import io.gureum.core.error.AwsException;
import io.gureum.core.error.CommonErrors;
import io.gureum.core.faults.FaultRules;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.protocol.AwsError;
import io.gureum.core.protocol.OperationModel;
import io.gureum.core.protocol.ProtocolCodec;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.protocol.ResolvedOperation;
import io.gureum.core.protocol.RestXmlCodec;
import io.gureum.core.protocol.ServiceModel;
import io.gureum.core.protocol.Timestamps;
import io.gureum.core.protocol.index.ErrorEntry;
import io.gureum.core.spi.AsyncResponse;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.validation.RequestValidator;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One request, end to end: admin endpoints, identity, routing, decoding, the handler call (on the handler
 * pool, or on the event loop for an operation that cannot wait: {@link InlineRequests}) and encoding, with every
 * failure turned into an AWS-shaped error.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final RestXmlCodec FALLBACK_CODEC = new RestXmlCodec();

    private final ServiceContext context;
    private final ServiceRegistry registry;
    private final ServiceRouter router;
    private final AdminEndpoints admin;
    private final OperationInvoker invoker = new OperationInvoker();
    private final SignatureVerifier verifier;
    private final Executor executor;
    private final FaultRules faults;
    private final io.gureum.core.persist.StateStore state;
    private final InlineRequests inline;
    private volatile DateHeader lastDate;

    public Dispatcher(ServiceContext context, ServiceRegistry registry, SignatureVerifier verifier, Executor executor) {
        this.context = context;
        this.registry = registry;
        this.router = new ServiceRouter(registry);
        this.faults = new FaultRules(name -> registry.byName(name) == null ? null : registry.byName(name).model());
        this.admin = new AdminEndpoints(registry, context, faults);
        this.verifier = verifier;
        this.executor = executor;
        this.state = context.state();
        this.inline = new InlineRequests(router, state, context.config().enforceIam());
    }

    public ServiceRegistry registry() {
        return registry;
    }

    /** The requests answered on an event loop rather than the handler pool (ADR 0018). */
    public InlineRequests.Counts inlineCounts() {
        return inline.counts();
    }

    /**
     * Handles a request on the handler executor, or at once on the calling event loop when it cannot wait
     * ({@link InlineRequests}); the future always completes with a response.
     */
    public CompletableFuture<AwsHttpResponse> dispatch(AwsHttpRequest request) {
        return submit(request, null);
    }

    /**
     * Answers a request the server refuses before decoding it (body over the limit, unparseable HTTP)
     * with {@code error}, in the protocol of the service its headers and URI name, on the handler
     * executor; the future always completes with a response.
     */
    public CompletableFuture<AwsHttpResponse> reject(AwsHttpRequest partialRequest, AwsException error) {
        return submit(partialRequest, error);
    }

    private CompletableFuture<AwsHttpResponse> submit(AwsHttpRequest request, AwsException rejection) {
        String requestId = context.ids().requestId();
        CompletableFuture<AwsHttpResponse> result = new CompletableFuture<>();
        InlineRequests.Routed routed = rejection == null ? inline.route(request) : null;
        Runnable task = () -> {
            CompletableFuture<AwsHttpResponse> response;
            try {
                state.beginRequest();
                response = afterDurable(handle(request, requestId, rejection, routed));
            } catch (Throwable t) {
                response = CompletableFuture.failedFuture(t);
            }
            if (response.isDone() && !response.isCompletedExceptionally()) {
                // Answered at once (most calls): no callbacks to chain, and nothing left to cancel.
                complete(result, response.getNow(null), null, request, requestId);
                return;
            }
            AsyncResponse.propagateCancellation(result, response);
            response.whenComplete((r, t) -> complete(result, r, t, request, requestId));
        };
        try {
            if (routed != null && routed.inline()) {
                inline.run(task, requestId, routed.resolved().operation().name());
            } else {
                executor.execute(task);
            }
        } catch (RuntimeException rejected) {
            LOG.error("Request {} could not be scheduled", requestId, rejected);
            result.complete(withRequestId(fallbackError(CommonErrors.internalFailure(requestId), requestId), requestId));
        }
        return result;
    }

    /** Completes {@code result} with the handler's answer {@code r}, or an internal error for {@code t}. */
    private void complete(CompletableFuture<AwsHttpResponse> result, AwsHttpResponse r, Throwable t,
            AwsHttpRequest request, String requestId) {
        if (result.isDone()) {
            closeQuietly(r); // cancelled: the client went away, and nobody reads the body
            return;
        }
        if (t != null) {
            LOG.error("Request {} ({}) failed unexpectedly", requestId, request, t);
            r = fallbackError(CommonErrors.internalFailure(requestId), requestId);
        }
        result.complete(withRequestId(r, requestId));
    }

    /**
     * The response once the state changes the request made are on the disk ({@code --data-dir}): those
     * this thread journaled when the handler answered at once, or everything journaled until the answer
     * when it answers later from another thread. No thread waits: the answer is composed on the journal's
     * future. A journal that cannot be written fails the request rather than acknowledge a lost change.
     */
    private CompletableFuture<AwsHttpResponse> afterDurable(CompletableFuture<AwsHttpResponse> response) {
        if (!state.enabled()) {
            return response;
        }
        if (response.isDone()) {
            CompletableFuture<Void> durable = state.durableForThread();
            return durable.isDone() && !durable.isCompletedExceptionally() ? response
                    : AsyncResponse.propagateCancellation(response.thenCompose(r -> durable.thenApply(v -> r)), response);
        }
        return AsyncResponse.propagateCancellation(
                response.thenCompose(r -> state.durableNow().thenApply(v -> r)), response);
    }

    private static void closeQuietly(AwsHttpResponse r) {
        if (r != null) {
            r.discard();
        }
    }

    /**
     * Handles a request on the calling thread; with a {@code rejection}, answers that error in its
     * protocol. The future is complete on return unless the handler answers later ({@link AsyncResponse}).
     */
    private CompletableFuture<AwsHttpResponse> handle(AwsHttpRequest httpRequest, String requestId,
            AwsException rejection, InlineRequests.Routed routed) {
        AwsHttpRequest request = httpRequest;
        if (rejection == null && AdminEndpoints.isAdminPath(request.rawPath())) {
            return CompletableFuture.completedFuture(admin.handle(request));
        }
        LoadedService service = null;
        ServiceModel model = null;
        ProtocolCodec codec = FALLBACK_CODEC;
        OperationModel operation = null;
        long latencyMillis = 0; // a fault rule's added latency
        RequestContext ctx = new RequestContext(requestId, context.config().defaultAccount(),
                context.config().defaultRegion(), null, null, request);
        try {
            // Parsed, routed and resolved already (InlineRequests.route) to decide where the request runs.
            SignatureInfo signature = routed != null ? routed.signature() : SigV4Parser.parse(request);
            service = routed != null ? routed.service() : router.route(request, signature);
            if (service == null) {
                var unserved = router.unserved(request, signature);
                if (unserved != null) { // answered in the unserved API's own protocol
                    model = unserved.errorModel();
                    codec = Codecs.forUnserved(unserved, model, request);
                }
                throw rejection != null ? rejection : router.notServed(unserved);
            }
            service.markUsed();
            model = service.model();
            codec = routed != null ? routed.codec() : service.codec(Codecs.forRequest(model, request));
            String accessKey = signature == null ? null : signature.accessKeyId();
            String region = signature != null && signature.region() != null && !signature.region().isEmpty()
                    ? signature.region() : context.config().defaultRegion();
            Optional<Accounts.AccessKey> signingKey = context.accounts().lookup(accessKey); // once per request
            ctx = new RequestContext(requestId, context.accounts().accountOf(accessKey, signingKey), region, accessKey,
                    service.name(), request);
            if (rejection != null) {
                throw rejection;
            }
            RequestChecks.check(request, model);
            LoadedService signedFor = service;
            if (signingKey.isPresent()) {
                SessionTokens.check(request, signature, signingKey.get(), context.config().verifySignatures(),
                        context.clock().now(), () -> invalidKey(signedFor));
            }
            String secret = null;
            // Asked last: only a signed request under --verify-signatures needs the API's answer.
            if (context.config().verifySignatures() && signature != null
                    && !service.quirks().authenticatesItself(request)) {
                // A signature without an access key is malformed; the verifier says so in the service's words.
                secret = accessKey == null ? null
                        : signingKey.map(Accounts.AccessKey::secretAccessKey).orElseThrow(() -> invalidKey(signedFor));
                if (!("AWS".equals(signature.algorithm()) && service.quirks().verifiesSignatureVersion2())) {
                    verifier.verify(request, signature, secret, context.clock().now());
                    request = verifier.checkedBody(request, signature);
                }
            }
            request = AwsChunked.decode(request, signature, secret);
            AwsHttpResponse early;
            try {
                early = preOperation(service, request, ctx);
            } catch (AsyncResponse later) {
                return answerEarlyLater(later, model, codec, service, ctx);
            }
            if (early != null) {
                return CompletableFuture.completedFuture(early);
            }
            // A verified or de-chunked body (aws-chunked uploads) keeps the method, URI and headers the operation is
            // resolved from; only a form post names its operation in the body.
            ResolvedOperation resolved = routed != null && (request == httpRequest
                    || !Codecs.isFormPost(httpRequest)) ? routed.resolved()
                    : codec.resolve(model, request);
            operation = resolved.operation();
            if (context.config().verifySignatures() && signature == null && !model.unsigned(operation.name())) {
                throw missingAuthentication(service, model);
            }
            FaultRules.Fault fault = faults.decide(model, service.name(), operation.name(), ctx.accountId(),
                    ctx.region());
            if (fault != null) {
                if (fault.error() != null) {
                    return later(fault.latencyMillis(), decorate(service, request,
                            errorResponse(fault.error(), model, codec, operation, service, ctx)));
                }
                latencyMillis = fault.latencyMillis();
            }
            SdkPojo requestBuilder = codec.decode(resolved, request);
            if (!service.binds(operation.entry().clientMethod())) {
                throw CommonErrors.notImplemented(service.name(), operation.name());
            }
            Object built = io.gureum.core.protocol.Pojos.build(requestBuilder); // once, for validation and the call
            RequestValidator.check(model, operation, built); // the model's constraints, in the API's words
            authorize(service, model, operation, built, ctx);
            OperationInvoker.Result result;
            try {
                result = invoker.invoke(service, operation, built, request, ctx);
            } catch (AsyncResponse later) {
                LoadedService answering = service;
                AwsHttpRequest decoded = request;
                long delay = latencyMillis;
                return AsyncResponse.propagateCancellation(answerLater(later, model, codec, operation, service, ctx)
                        .thenCompose(r -> later(delay, decorate(answering, decoded, r))), later.future());
            }
            return later(latencyMillis, decorate(service, request, encode(result, model, codec, operation, service,
                    ctx)));
        } catch (Throwable t) {
            return later(latencyMillis, decorate(service, request,
                    errorResponse(rejection != null ? rejection : t, model, codec, operation, service, ctx)));
        }
    }

    /** IAM's decision on the call (ADR 0015); a denial is thrown in the API's words. */
    private void authorize(LoadedService service, ServiceModel model, OperationModel operation, Object request,
            RequestContext ctx) throws Exception {
        io.gureum.core.spi.Authorizer authorizer = registry.authorizer();
        if (authorizer != io.gureum.core.spi.Authorizer.NONE) {
            var call = new io.gureum.core.spi.AuthorizationCall(service.name(), model.protocol(), operation.name(),
                    request, registry::resourceAccess);
            ctx.call(() -> {
                authorizer.authorize(call);
                return null;
            });
        }
    }

    /** The response, at once or {@code millis} later (a fault rule's latency: no thread waits for it). */
    private static CompletableFuture<AwsHttpResponse> later(long millis, AwsHttpResponse response) {
        if (millis <= 0) {
            return CompletableFuture.completedFuture(response);
        }
        return CompletableFuture.supplyAsync(() -> response,
                CompletableFuture.delayedExecutor(millis, java.util.concurrent.TimeUnit.MILLISECONDS, Runnable::run));
    }

    private static AwsHttpResponse encode(OperationInvoker.Result result, ServiceModel model, ProtocolCodec codec,
            OperationModel operation, LoadedService service, RequestContext ctx) {
        AwsHttpResponse response = codec.encode(model, operation, result.response(), ctx);
        Integer success = service.successStatus(operation.name());
        if (success != null && response.status() == 200) {
            response.status(success); // a status the response itself carries (Invoke's StatusCode) wins
        }
        if (result.stream() != null) {
            String length = response.header("Content-Length");
            response.bodyStream(result.stream(), length == null ? -1 : Long.parseLong(length));
        }
        return response;
    }

    /**
     * A {@code preOperation} answer given later ({@link AsyncResponse} with a future of the
     * {@link AwsHttpResponse}): Lambda's streamed invocations answer once the function starts streaming,
     * without holding a handler thread. A failure is encoded as the API's error.
     */
    private CompletableFuture<AwsHttpResponse> answerEarlyLater(AsyncResponse later, ServiceModel model,
            ProtocolCodec codec, LoadedService service, RequestContext ctx) {
        return AsyncResponse.propagateCancellation(later.future().handle((answer, failure) -> {
            if (later.future().isCancelled()) {
                return null;
            }
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause == null && answer instanceof AwsHttpResponse r) {
                return r;
            }
            return errorResponse(cause != null ? cause
                    : new IllegalStateException("preOperation answered " + answer), model, codec, null, service, ctx);
        }), later.future());
    }

    /** Encodes the handler's answer when its future completes, on the thread that completes it. */
    private CompletableFuture<AwsHttpResponse> answerLater(AsyncResponse later, ServiceModel model,
            ProtocolCodec codec, OperationModel operation, LoadedService service, RequestContext ctx) {
        return later.future().handle((answer, failure) -> {
            if (later.future().isCancelled()) {
                return null; // the client went away; nobody reads this answer
            }
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause == null && answer instanceof SdkPojo pojo) {
                try {
                    return encode(new OperationInvoker.Result(pojo, null), model, codec, operation, service, ctx);
                } catch (RuntimeException e) {
                    cause = e;
                }
            } else if (cause == null) {
                cause = new IllegalStateException("Handler of " + operation.name() + " answered " + answer);
            }
            return errorResponse(cause, model, codec, operation, service, ctx);
        });
    }

    private AwsHttpResponse errorResponse(Throwable t, ServiceModel model, ProtocolCodec codec,
            OperationModel operation, LoadedService service, RequestContext ctx) {
        AwsError error = toError(t, model, service, operation, ctx.requestId());
        try {
            return withErrorHeaders(t, codec.encodeError(model, operation, error, ctx));
        } catch (RuntimeException encodingFailure) {
            LOG.error("Request {}: encoding the error {} failed", ctx.requestId(), error.code(), encodingFailure);
            return fallbackError(CommonErrors.internalFailure(ctx.requestId()), ctx.requestId());
        }
    }

    /**
     * Headers an error carries besides its body: set on an {@link AwsException}, or in a modeled
     * exception's {@code AwsErrorDetails.sdkHttpResponse()} (S3's {@code x-amz-delete-marker} on 404).
     */
    private static AwsHttpResponse withErrorHeaders(Throwable t, AwsHttpResponse response) {
        if (t instanceof AwsException e) {
            e.headers().forEach(response::header);
        } else if (t instanceof AwsServiceException e && e.awsErrorDetails() != null
                && e.awsErrorDetails().sdkHttpResponse() != null) {
            e.awsErrorDetails().sdkHttpResponse().headers().forEach((name, values) -> values.forEach(
                    v -> response.addHeader(name, v)));
        }
        return response;
    }

    /** The service's own additions to a response (never fatal: a failure is logged). */
    private static AwsHttpResponse decorate(LoadedService service, AwsHttpRequest request, AwsHttpResponse response) {
        if (service != null) {
            service.decorate(request, response);
        }
        return response;
    }

    private static AwsHttpResponse preOperation(LoadedService service, AwsHttpRequest request, RequestContext ctx)
            throws Exception {
        return ctx.call(() -> service.preOperation(request));
    }

    /** The secret of a signing key; unsigned requests are anonymous and IAM enforcement decides for them. */
    /**
     * An unsigned request while signatures are verified: AWS's {@code MissingAuthenticationToken} 403
     * ({@code MissingAuthenticationTokenException} in the JSON protocols), or the API's own answer.
     */
    private static AwsException missingAuthentication(LoadedService service, ServiceModel model) {
        AwsException own = service.quirks().missingAuthentication();
        if (own != null) {
            return own;
        }
        String protocol = model.protocol();
        boolean json = protocol.equals("json") || protocol.equals("rest-json") || protocol.contains("cbor");
        return new AwsException(json ? "MissingAuthenticationTokenException" : "MissingAuthenticationToken",
                "Request is missing Authentication Token", 403);
    }

    private static AwsException invalidKey(LoadedService service) {
        AwsException own = service.quirks().unknownAccessKey();
        if (own != null) {
            return own;
        }
        return new AwsException("InvalidClientTokenId", "The security token included in the request is invalid.", 403);
    }

    private AwsError toError(Throwable t, ServiceModel model, LoadedService service, OperationModel op,
            String requestId) {
        if (t instanceof AwsException e) {
            return new AwsError(e.code(), e.getMessage(), e.status(), e.senderFault(), null,
                    queryCompatible(model) ? e.code() : null);
        }
        if (t instanceof AwsServiceException e) {
            ErrorEntry entry = model == null ? null : model.errorFor(e.getClass());
            String code = entry != null ? entry.code()
                    : e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                            ? e.awsErrorDetails().errorCode()
                            : e.getClass().getSimpleName().replaceFirst("Exception$", "");
            int status = e.statusCode() > 0 ? e.statusCode() : entry != null ? entry.status() : 400;
            String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                    ? e.awsErrorDetails().errorMessage() : e.getMessage();
            String queryCode = entry != null && entry.queryCode() != null ? entry.queryCode()
                    : queryCompatible(model) ? code : null;
            return new AwsError(code, message, status, status < 500, e, queryCode);
        }
        LOG.error("Request {} ({} {}) failed unexpectedly", requestId, service == null ? "?" : service.name(),
                op == null ? "?" : op.name(), t);
        AwsException internal = CommonErrors.internalFailure(requestId);
        return new AwsError(internal.code(), internal.getMessage(), 500, false, null, null);
    }

    /**
     * A query-compatible JSON API (SQS, CloudWatch) names every error's query code in
     * {@code x-amzn-query-error}; an error without an {@code awsQueryError} trait keeps its own code there.
     */
    private static boolean queryCompatible(ServiceModel model) {
        return model != null && model.index().awsQueryCompatible();
    }

    private AwsHttpResponse fallbackError(AwsException e, String requestId) {
        RequestContext ctx = new RequestContext(requestId, context.config().defaultAccount(),
                context.config().defaultRegion(), null, null, null);
        return FALLBACK_CODEC.encodeError(null, null, AwsError.of(e.code(), e.getMessage(), e.status()), ctx);
    }

    /** The Date header of {@code now}, formatted once per second rather than once per response. */
    private String dateHeader(Instant now) {
        DateHeader last = lastDate;
        long second = now.getEpochSecond();
        if (last == null || last.second() != second) {
            last = new DateHeader(second, Timestamps.rfc822(now));
            lastDate = last;
        }
        return last.value();
    }

    private record DateHeader(long second, String value) {
    }

    private AwsHttpResponse withRequestId(AwsHttpResponse response, String requestId) {
        // The emulated clock's time: SDKs correct their signing clock from Date after a skew error, so
        // signatures keep verifying after the clock was moved forward.
        response.header("Date", dateHeader(context.clock().now()));
        response.header("x-amzn-RequestId", requestId);
        response.header("x-amz-request-id", requestId);
        if (response.header("x-amz-id-2") == null) {
            response.header("x-amz-id-2", requestId);
        }
        return response;
    }
}
