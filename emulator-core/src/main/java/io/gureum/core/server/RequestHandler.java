package io.gureum.core.server;

import io.gureum.core.dispatch.Dispatcher;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.stream.ChunkedStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a Netty request into an {@link AwsHttpRequest}, hands it to the dispatcher (which runs the
 * handler on its own executor) and writes the response back on the event loop.
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

    private final Dispatcher dispatcher;

    RequestHandler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        if (msg.decoderResult().isFailure()) {
            writeError(ctx, HttpResponseStatus.BAD_REQUEST, "BadRequest",
                    "The request could not be parsed: " + msg.decoderResult().cause().getMessage(), false);
            return;
        }
        boolean head = msg.method().name().equals("HEAD");
        AwsHttpRequest request = toRequest(msg);
        dispatcher.dispatch(request).whenComplete((response, failure) -> {
            if (failure != null) {
                LOG.error("Dispatch failed", failure);
                ctx.executor().execute(() -> writeError(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR,
                        "InternalFailure", "The request processing has failed.", false));
                return;
            }
            ctx.executor().execute(() -> write(ctx, response, keepAlive, head));
        });
    }

    private static AwsHttpRequest toRequest(FullHttpRequest msg) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        msg.headers().forEach(e -> headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>(1)).add(e.getValue()));
        ByteBuf content = msg.content();
        byte[] body = ByteBufUtil.getBytes(content);
        return new AwsHttpRequest(msg.method().name(), msg.uri(), headers, body);
    }

    private static void write(ChannelHandlerContext ctx, AwsHttpResponse response, boolean keepAlive, boolean head) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(response.status());
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
            ChannelFuture done = ctx.writeAndFlush(new HttpChunkedInput(new ChunkedStream(response.bodyStream(), 64 * 1024)));
            if (!keepAlive) {
                done.addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        if (response.bodyStream() != null) {
            try {
                response.bodyStream().close();
            } catch (java.io.IOException ignored) {
                // nothing was read from it
            }
        }
        ByteBuf body = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body());
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        copyHeaders(response, out);
        if (!head || !out.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            HttpUtil.setContentLength(out, head ? response.body().length : body.readableBytes());
        }
        HttpUtil.setKeepAlive(out, keepAlive);
        ChannelFuture f = ctx.writeAndFlush(out);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static void copyHeaders(AwsHttpResponse from, HttpResponse to) {
        for (Map.Entry<String, List<String>> e : from.headers().entrySet()) {
            for (String v : e.getValue()) {
                to.headers().add(e.getKey(), v);
            }
        }
    }

    static void writeTooLarge(ChannelHandlerContext ctx, int limit) {
        writeError(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "RequestEntityTooLarge",
                "Request body exceeds the limit of " + limit + " bytes", false);
    }

    /** An error written before any service is known (unparseable HTTP): S3's generic XML error shape. */
    static void writeError(ChannelHandlerContext ctx, HttpResponseStatus status, String code, String message,
            boolean keepAlive) {
        String requestId = UUID.randomUUID().toString();
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                + escape(message) + "</Message><RequestId>" + requestId + "</RequestId></Error>";
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(xml, StandardCharsets.UTF_8));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/xml");
        out.headers().set("x-amzn-RequestId", requestId);
        HttpUtil.setContentLength(out, out.content().readableBytes());
        if (!keepAlive) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ChannelFuture f = ctx.writeAndFlush(out);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
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
