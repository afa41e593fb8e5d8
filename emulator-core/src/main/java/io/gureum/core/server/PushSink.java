package io.gureum.core.server;

import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.http.PushedBody;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a {@link PushedBody}: the head at once, then each pushed chunk as the producer sends it (Netty queues writes
 * from other threads on the event loop, in order), the last chunk when it ends. The response counts as written
 * (the connection's next one may go) when the body ended or the connection closed.
 */
final class PushSink implements PushedBody.Sink {
    private final ChannelHandlerContext ctx;
    private final PushedBody body;
    private final ChannelPromise done;
    private final boolean keepAlive;
    private final AtomicBoolean ended = new AtomicBoolean();

    private PushSink(ChannelHandlerContext ctx, PushedBody body, ChannelPromise done, boolean keepAlive) {
        this.ctx = ctx;
        this.body = body;
        this.done = done;
        this.keepAlive = keepAlive;
    }

    /** Event loop: writes the head and opens the body; the future completes when the response is over. */
    static ChannelFuture start(ChannelHandlerContext ctx, HttpResponseStatus status, AwsHttpResponse response,
            boolean keepAlive) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        RequestHandler.copyHeaders(response, head);
        head.headers().remove(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH);
        HttpUtil.setTransferEncodingChunked(head, true);
        HttpUtil.setKeepAlive(head, keepAlive);
        PushSink sink = new PushSink(ctx, response.pushedBody(), ctx.newPromise(), keepAlive);
        ctx.writeAndFlush(head);
        ctx.channel().closeFuture().addListener(f -> sink.connectionClosed());
        if (ctx.channel().isActive()) {
            sink.body.open(sink);
        }
        return sink.done;
    }

    @Override
    public boolean send(byte[] bytes) {
        if (ended.get() || !ctx.channel().isActive()) {
            return false;
        }
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
        return true;
    }

    @Override
    public boolean writable() {
        return ctx.channel().isWritable();
    }

    @Override
    public void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> {
            if (!keepAlive) {
                ctx.close();
            }
            done.trySuccess();
        });
    }

    private void connectionClosed() {
        if (ended.compareAndSet(false, true)) {
            body.closed();
        }
        done.trySuccess();
    }

}
