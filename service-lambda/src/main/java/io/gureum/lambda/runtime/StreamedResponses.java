package io.gureum.lambda.runtime;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * The Runtime API's streaming response mode
 * (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html#runtimes-custom-response-streaming): a
 * {@code POST /runtime/invocation/<id>/response} with {@code Lambda-Runtime-Function-Response-Mode: streaming} is
 * not aggregated; each piece of its chunked body goes to the invocation's {@link ResponseSink} as it arrives, and
 * the trailers {@code Lambda-Runtime-Function-Error-Type} and {@code Lambda-Runtime-Function-Error-Body} (base64 of
 * the error document) report an error raised mid-stream. While the sink is full the connection is not read, so the
 * runtime's writes wait (backpressure). Sits between the HTTP codec and the aggregator; event loop only.
 */
final class StreamedResponses extends ChannelInboundHandlerAdapter {
    /** "Response streaming functions can return payloads up to 200 MB" (configuration-response-streaming.html). */
    static final long MAX_STREAMED_BYTES = 200L * 1024 * 1024;
    static final String MODE = "Lambda-Runtime-Function-Response-Mode";

    private final RuntimeApi api;
    // the streamed request being read, if any
    private boolean active;
    private String requestId;
    private boolean keepAlive;
    private ResponseSink sink;
    private long received;
    private RuntimeApi.Answer early;

    StreamedResponses(RuntimeApi api) {
        this.api = api;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && !active && isStreamed(request)) {
            active = true;
            requestId = RuntimeApiHandler.requestIdOf(request.uri());
            keepAlive = HttpUtil.isKeepAlive(request);
            received = 0;
            sink = api.streamStarted(requestId, request.headers().get(HttpHeaderNames.CONTENT_TYPE));
            early = sink == null ? RuntimeApi.Answer.invalidRequestId() : null;
            if (!(msg instanceof HttpContent)) {
                return;
            }
        }
        if (active && msg instanceof HttpContent content) {
            try {
                read(ctx, content);
            } finally {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private void read(ChannelHandlerContext ctx, HttpContent content) {
        int n = content.content().readableBytes();
        if (early == null && n > 0) {
            received += n;
            if (received > MAX_STREAMED_BYTES) {
                api.streamEnded(requestId, "Function.ResponseSizeTooLarge", ErrorDocuments.streamTooLarge());
                early = RuntimeApi.Answer.tooLarge();
            } else if (!sink.chunk(ByteBuffer.wrap(ByteBufUtil.getBytes(content.content())))) {
                ctx.channel().config().setAutoRead(false);
                sink.whenDrained(() -> ctx.executor().execute(() -> {
                    ctx.channel().config().setAutoRead(true);
                    ctx.read();
                }));
            }
        }
        if (content instanceof LastHttpContent last) {
            RuntimeApi.Answer answer = early;
            if (answer == null) {
                String errorType = last.trailingHeaders().get("Lambda-Runtime-Function-Error-Type");
                answer = api.streamEnded(requestId, errorType,
                        decode(last.trailingHeaders().get("Lambda-Runtime-Function-Error-Body")));
            }
            active = false;
            sink = null;
            early = null;
            RuntimeApiHandler.answer(ctx, keepAlive, answer);
        }
    }

    private static boolean isStreamed(HttpRequest request) {
        return request.method().equals(HttpMethod.POST) && "streaming".equalsIgnoreCase(request.headers().get(MODE))
                && request.uri().endsWith("/response") && RuntimeApiHandler.requestIdOf(request.uri()) != null;
    }

    private static byte[] decode(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
