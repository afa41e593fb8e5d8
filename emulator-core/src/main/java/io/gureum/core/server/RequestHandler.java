package io.gureum.core.server;

import io.gureum.core.dispatch.Dispatcher;
import io.gureum.core.error.AwsException;
import io.gureum.core.error.CommonErrors;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.http.ByteSlice;
import io.gureum.core.http.FileSlice;
import io.gureum.core.spi.AsyncResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.AbortableInputStream;

/**
 * Turns a Netty request into an {@link AwsHttpRequest}, hands it to the dispatcher (which runs the
 * handler on its own executor) and writes the response back on the event loop. Responses go out in the
 * order the requests came in, even when a client pipelines them and a later one finishes first.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

    /**
     * Requests dispatched per connection whose responses have not yet left for the socket. A client that
     * pipelines and does not read gets no more than this many answers held in memory; further requests
     * wait undecoded in the socket, since reading stops.
     */
    static final int MAX_IN_FLIGHT = 8;

    private final Dispatcher dispatcher;
    private final long maxBodyBytes;
    private final StreamGate gate;
    private final FrontDoorChecks checks;
    /** Completes once the previous response of this connection has been handed to the event loop. */
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    /** Answers not yet complete; cancelled when the client disconnects, so a long poll stops waiting. */
    private final Set<CompletableFuture<AwsHttpResponse>> pending = ConcurrentHashMap.newKeySet();

    /** Requests read but not yet dispatched (event loop only). */
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    /** Requests dispatched whose responses are not yet written (event loop only). */
    private int inFlight;

    RequestHandler(Dispatcher dispatcher, long maxBodyBytes, StreamGate gate, FrontDoorChecks checks) {
        this.dispatcher = dispatcher;
        this.maxBodyBytes = maxBodyBytes;
        this.gate = gate;
        this.checks = checks;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (CompletableFuture<AwsHttpResponse> f : pending) {
            f.cancel(false);
        }
        Object msg;
        while ((msg = backlog.poll()) != null) {
            drop(msg);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Rejection) && !(msg instanceof StreamedRequest) && !(msg instanceof FullHttpRequest)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        backlog.add(msg);
        drain(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        drain(ctx);
        super.channelWritabilityChanged(ctx);
    }

    /**
     * Dispatches waiting requests while fewer than {@link #MAX_IN_FLIGHT} answers are outstanding and
     * the client is taking our bytes; stops reading the socket while any request has to wait.
     */
    private void drain(ChannelHandlerContext ctx) {
        while (!backlog.isEmpty() && inFlight < MAX_IN_FLIGHT && ctx.channel().isWritable()) {
            Object msg = backlog.poll();
            if (!ctx.channel().isActive()) {
                drop(msg);
                continue;
            }
            inFlight++;
            process(ctx, msg);
        }
        ReadSwitch reads = ReadSwitch.of(ctx.channel());
        if (backlog.isEmpty()) {
            reads.resume(ReadSwitch.Reason.RESPONSE_BACKLOG);
        } else {
            reads.pause(ReadSwitch.Reason.RESPONSE_BACKLOG);
        }
    }

    /** Event loop: a response has been written (or will never be); the next request may go. */
    private void finished(ChannelHandlerContext ctx) {
        inFlight--;
        drain(ctx);
    }

    private static void drop(Object msg) {
        if (msg instanceof StreamedRequest streamed) {
            streamed.pipe().discardRest();
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void process(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Rejection r) {
            enqueue(ctx, dispatcher.reject(r.request(), r.error()), r.keepAlive(), isHead(r.request().method()));
            return;
        }
        InetAddress local = ((InetSocketAddress) ctx.channel().localAddress()).getAddress();
        if (msg instanceof StreamedRequest streamed) {
            HttpRequest head = streamed.head();
            FrontDoorChecks.Refusal refusal = checks.check(head, local);
            if (refusal != null) {
                streamed.pipe().discardRest();
                enqueue(ctx, refuse(withoutBody(head), refusal), false, isHead(head.method().name()));
                return;
            }
            AwsHttpRequest request = AwsHttpRequest.overHeaders(head.method().name(), head.uri(), headersOf(head), null,
                    streamed.pipe(), maxBodyBytes);
            enqueue(ctx, dispatchStreamed(ctx, request), HttpUtil.isKeepAlive(head), isHead(head.method().name()),
                    streamed.pipe());
            return;
        }
        FullHttpRequest request = (FullHttpRequest) msg;
        try {
            boolean head = isHead(request.method().name());
            if (request.decoderResult().isFailure()) {
                // The stream cannot be resynchronised after a framing error: answer and close.
                enqueue(ctx, dispatcher.reject(withoutBody(request), decodeError(request.decoderResult().cause())),
                        false, head);
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            FrontDoorChecks.Refusal refusal = checks.check(request, local);
            if (refusal != null) {
                enqueue(ctx, refuse(withoutBody(request), refusal), keepAlive && !refusal.close(), head);
                return;
            }
            if (RequestHandler.unsupportedExpectation(request)) {
                enqueue(ctx, dispatcher.reject(withoutBody(request), new AwsException("ExpectationFailed",
                        "Only 'Expect: 100-continue' is supported", 417)), keepAlive, head);
                return;
            }
            enqueue(ctx, dispatcher.dispatch(toRequest(request)), keepAlive, head);
        } finally {
            request.release();
        }
    }

    /** A refused request, answered in its service's protocol, or in the JSON of Gureum's own endpoints. */
    private CompletableFuture<AwsHttpResponse> refuse(AwsHttpRequest request, FrontDoorChecks.Refusal refusal) {
        if (!refusal.admin()) {
            return dispatcher.reject(request, refusal.error());
        }
        String requestId = UUID.randomUUID().toString();
        String body = "{\"__type\":\"" + refusal.error().code() + "\",\"message\":\""
                + refusal.error().getMessage().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return CompletableFuture.completedFuture(new AwsHttpResponse(refusal.error().status())
                .body(body.getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .header("x-amzn-RequestId", requestId));
    }

    /**
     * Dispatches a request whose body is still arriving once the {@link StreamGate} lets it: its handler
     * will block reading at the client's pace, so only a bounded number may do so at once.
     */
    private CompletableFuture<AwsHttpResponse> dispatchStreamed(ChannelHandlerContext ctx, AwsHttpRequest request) {
        CompletableFuture<AwsHttpResponse> answer = new CompletableFuture<>();
        gate.acquire(ctx.executor(), () -> {
            if (answer.isDone()) {
                gate.release(); // the client went away while waiting
                return;
            }
            CompletableFuture<AwsHttpResponse> real = dispatcher.dispatch(request);
            real.whenComplete((r, t) -> {
                gate.release();
                if (t != null) {
                    answer.completeExceptionally(t);
                } else if (!answer.complete(r) && r != null) {
                    r.discard();
                }
            });
            AsyncResponse.propagateCancellation(answer, real);
        });
        return answer;
    }

    /** An {@code Expect} header other than 100-continue (which the aggregator answers). */
    static boolean unsupportedExpectation(HttpMessage msg) {
        String expect = msg.headers().get(HttpHeaderNames.EXPECT);
        return expect != null && msg.protocolVersion().compareTo(HttpVersion.HTTP_1_1) >= 0
                && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect.trim());
    }

    private static boolean isHead(String method) {
        return "HEAD".equals(method);
    }

    /** Writes the response once it and every earlier response of the connection are ready. */
    private void enqueue(ChannelHandlerContext ctx, CompletableFuture<AwsHttpResponse> response, boolean keepAlive,
            boolean head) {
        enqueue(ctx, response, keepAlive, head, null);
    }

    /**
     * As above; for a streamed body, whatever the handler left unread is thrown away, and the
     * connection closes after the response if the rest of the body is too large to wait for.
     */
    private void enqueue(ChannelHandlerContext ctx, CompletableFuture<AwsHttpResponse> response, boolean keepAlive,
            boolean head, BodyPipe pipe) {
        if (pipe == null && inFlight == 1 && response.isDone() && !response.isCompletedExceptionally()
                && ctx.executor().inEventLoop()) {
            // Answered on the event loop (ADR 0018) with no earlier answer of the connection left to write: written
            // now, rather than by a stage chained to the previous answer and a task queued behind it.
            write(ctx, response.getNow(null), keepAlive, head).addListener(f -> finished(ctx));
            return;
        }
        if (!response.isDone()) {
            pending.add(response);
            response.whenComplete((r, t) -> pending.remove(response));
            if (!ctx.channel().isActive()) {
                response.cancel(false); // closed while it was being dispatched
            }
        }
        tail = tail.thenCombine(response, (ignored, r) -> r).handle((r, failure) -> {
            try {
                // Whatever the outcome, the unread rest of a streamed body is released here.
                boolean bodyAllowsReuse = pipe == null || pipe.discardRest();
                if (response.isCancelled()) {
                    LOG.debug("Client went away before its answer");
                    ctx.executor().execute(() -> finished(ctx));
                } else if (failure != null || r == null) {
                    LOG.error("Dispatch failed", failure);
                    ctx.executor().execute(() -> writeError(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR,
                            "InternalFailure", "The request processing has failed.", false)
                            .addListener(f -> finished(ctx)));
                } else {
                    boolean reusable = keepAlive && bodyAllowsReuse;
                    ctx.executor().execute(() -> write(ctx, r, reusable, head).addListener(f -> finished(ctx)));
                }
            } catch (RuntimeException rejected) {
                // The event loop is shutting down; the connection goes with it.
                LOG.debug("Response dropped", rejected);
            }
            return null;
        });
    }

    /** The error for HTTP that Netty could not parse. */
    private static AwsException decodeError(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return new AwsException("RequestHeaderSectionTooLarge",
                    "Your request header section exceeds the maximum allowed size.", 400);
        }
        if (cause instanceof TooLongHttpLineException) {
            return new AwsException("InvalidURI", "The request line exceeds the maximum allowed size.", 400);
        }
        return new AwsException("BadRequest", "The request could not be parsed: " + CommonErrors.printable(cause.getMessage()), 400);
    }

    /** What is known of a request before its body: method, URI and headers. */
    static AwsHttpRequest withoutBody(HttpMessage msg) {
        String method = msg instanceof HttpRequest r ? r.method().name() : "GET";
        String uri = msg instanceof HttpRequest r ? r.uri() : "/";
        return AwsHttpRequest.overHeaders(method, uri, headersOf(msg), new byte[0], null, Long.MAX_VALUE);
    }

    /**
     * The headers in the case-insensitive map {@link AwsHttpRequest} keeps, built in one pass (the request
     * adopts it rather than copying it). Field names are case-insensitive and repeated fields combine in
     * order (RFC 9110 section 5.3), so {@code Foo} and {@code foo} give one header with both values, as SigV4's
     * canonical request combines them; the first spelling names it.
     *
     * <p>Read through Netty's own entries (no {@code String} view of each), names the SDKs send spelled as a
     * constant from {@link #KNOWN_NAMES} rather than a new string each, and a header sent once as an immutable
     * one-element list (the request's headers are read-only): per request, most of the map's allocation (issue #20).
     */
    static TreeMap<String, List<String>> headersOf(HttpMessage msg) {
        TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = msg.headers().iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            String name = nameOf(e.getKey());
            String value = e.getValue().toString();
            List<String> values = headers.putIfAbsent(name, List.of(value)); // one tree walk for a new name
            if (values != null) {
                List<String> more = new ArrayList<>(values.size() + 1);
                more.addAll(values);
                more.add(value);
                headers.put(name, more);
            }
        }
        return headers;
    }

    /**
     * Header names the AWS SDKs and CLI send on most requests, by exact spelling: Netty's decoder gives each name it
     * does not know a new {@link AsciiString} per request, whose {@code toString()} is a new string.
     */
    private static final Map<AsciiString, String> KNOWN_NAMES = knownNames("Authorization", "User-Agent",
            "X-Amz-Date", "x-amz-date", "X-Amz-Target", "x-amz-target", "amz-sdk-invocation-id", "amz-sdk-request",
            "x-amz-content-sha256", "X-Amz-Content-Sha256", "X-Amz-Security-Token", "x-amz-security-token",
            "Content-Encoding", "x-amz-decoded-content-length", "x-amz-sdk-checksum-algorithm", "x-amz-trailer",
            "x-amz-te", "Content-MD5", "Expect", "Accept-Encoding", "Transfer-Encoding", "X-Amz-User-Agent",
            "x-amz-user-agent", "content-type", "content-length", "host", "user-agent", "authorization",
            "accept-encoding", "accept", "connection", "content-encoding", "content-md5", "expect", "transfer-encoding");

    private static Map<AsciiString, String> knownNames(String... names) {
        Map<AsciiString, String> map = new HashMap<>();
        for (String n : names) {
            map.put(AsciiString.of(n), n);
        }
        return map;
    }

    private static String nameOf(CharSequence name) {
        if (name instanceof AsciiString ascii) {
            String known = KNOWN_NAMES.get(ascii); // AsciiString equality: the same spelling
            return known != null ? known : ascii.toString();
        }
        return name.toString();
    }

    private static AwsHttpRequest toRequest(FullHttpRequest msg) {
        byte[] body = ByteBufUtil.getBytes(msg.content());
        return AwsHttpRequest.overHeaders(msg.method().name(), msg.uri(), headersOf(msg), body, null, Long.MAX_VALUE);
    }

    /** Writes {@code response}; the future completes when its last byte has left for the socket. */
    private static ChannelFuture write(ChannelHandlerContext ctx, AwsHttpResponse response, boolean keepAlive,
            boolean head) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(response.status());
        if (response.status() == 204 || response.status() == 304) {
            // These carry no body by definition (RFC 9110 §15.3.5, §15.4.5); a body would desynchronise
            // keep-alive clients. S3's 304 for If-None-Match is raised as an error, which has one.
            response.discard();
            response.body(new byte[0]);
            response.headers().keySet().removeIf(k -> k.equalsIgnoreCase("Content-Type"));
            head = true;
        }
        if (response.bodyPublisher() != null && !head) {
            HttpResponse start = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
            copyHeaders(response, start);
            HttpUtil.setTransferEncodingChunked(start, true);
            HttpUtil.setKeepAlive(start, keepAlive);
            ctx.write(start);
            PublishedBody body = new PublishedBody(ctx);
            ChannelFuture done = ctx.writeAndFlush(body);
            response.bodyPublisher().subscribe(body);
            if (!keepAlive) {
                done.addListener(ChannelFutureListener.CLOSE);
            }
            return done;
        }
        if (response.bodyStream() != null && !head) {
            ByteBuf small = smallStream(response.bodyStream(), response.streamLength());
            if (small != null) {
                // Bytes already in memory (an S3 object of a few KiB): one full response rather than headers, a
                // 64 KiB chunk buffer and a last-content through ChunkedWriteHandler.
                response.discard();
                FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, small);
                copyHeaders(response, out);
                HttpUtil.setContentLength(out, small.readableBytes());
                HttpUtil.setKeepAlive(out, keepAlive);
                ChannelFuture f = ctx.writeAndFlush(out);
                if (!keepAlive) {
                    f.addListener(ChannelFutureListener.CLOSE);
                }
                return f;
            }
        }
        if (response.bodyStream() != null && !head) {
            HttpResponse start = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
            copyHeaders(response, start);
            if (response.streamLength() >= 0) {
                HttpUtil.setContentLength(start, response.streamLength());
            } else {
                HttpUtil.setTransferEncodingChunked(start, true);
            }
            HttpUtil.setKeepAlive(start, keepAlive);
            ctx.write(start);
            FileSlice file = fileOf(response.bodyStream());
            ChannelFuture done;
            if (file != null && response.streamLength() == file.remaining()) {
                // sendfile(2) from the object's file: no copy through the heap (the region closes the file).
                ctx.write(new DefaultFileRegion(file.channel(), file.position(), file.remaining()));
                done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            } else {
                done = ctx.writeAndFlush(new HttpChunkedInput(new StreamChunks(response.bodyStream())));
            }
            if (!keepAlive) {
                done.addListener(ChannelFutureListener.CLOSE);
            }
            return done;
        }
        response.discard(); // a HEAD answer's stream or publisher: nothing of it is sent
        ByteBuf body = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body());
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        copyHeaders(response, out);
        if (status.code() == 204 || status.code() == 304) {
            out.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        } else if (!head || !out.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            HttpUtil.setContentLength(out, head ? response.body().length : body.readableBytes());
        }
        HttpUtil.setKeepAlive(out, keepAlive);
        ChannelFuture f = ctx.writeAndFlush(out);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
        return f;
    }

    /** Streams in memory up to this size are sent as one full response. */
    private static final int SMALL_STREAM = 64 * 1024;

    /**
     * The bytes of a response stream that is an array in memory of exactly its stated length ({@link ByteSlice}s
     * wrapped as they are, small {@link java.io.ByteArrayInputStream}s copied), or null.
     */
    private static ByteBuf smallStream(java.io.InputStream in, long length) {
        java.io.InputStream s = in instanceof AbortableInputStream a ? a.delegate() : in;
        if (length < 0) {
            return null;
        }
        if (s instanceof ByteSlice slice) {
            return slice.remaining() == length ? Unpooled.wrappedBuffer(slice.array(), slice.position(), (int) length)
                    : null;
        }
        if (length > SMALL_STREAM || !(s instanceof java.io.ByteArrayInputStream b) || b.available() != length) {
            return null;
        }
        return Unpooled.wrappedBuffer(b.readAllBytes());
    }

    /** The file range under a response stream (the SDK's download transformers wrap it), or null. */
    private static FileSlice fileOf(java.io.InputStream in) {
        java.io.InputStream s = in;
        if (s instanceof AbortableInputStream a) {
            s = a.delegate();
        }
        return s instanceof FileSlice f ? f : null;
    }

    private static void copyHeaders(AwsHttpResponse from, HttpResponse to) {
        HttpHeaders headers = to.headers();
        for (Map.Entry<String, List<String>> e : from.headers().entrySet()) {
            List<String> values = e.getValue();
            for (int i = 0; i < values.size(); i++) { // by index: no iterator per header
                headers.add(e.getKey(), values.get(i));
            }
        }
    }

    /** The last resort when the dispatcher could not answer: S3's generic XML error shape. */
    static ChannelFuture writeError(ChannelHandlerContext ctx, HttpResponseStatus status, String code, String message,
            boolean keepAlive) {
        String requestId = UUID.randomUUID().toString();
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                + escape(message) + "</Message><RequestId>" + requestId + "</RequestId></Error>";
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(xml, StandardCharsets.UTF_8));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/xml");
        out.headers().set("x-amzn-RequestId", requestId);
        out.headers().set("x-amz-request-id", requestId);
        out.headers().set("x-amz-id-2", requestId);
        HttpUtil.setContentLength(out, out.content().readableBytes());
        if (!keepAlive) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ChannelFuture f = ctx.writeAndFlush(out);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
        return f;
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Connection error", cause);
        ctx.close();
    }
}
