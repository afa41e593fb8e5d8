package io.gureum.core.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * Writes a response body published while it is sent ({@code AwsHttpResponse.bodyPublisher}) as HTTP chunks: one
 * buffer is requested at a time, the next once the last has been written to the socket, so the producer goes at
 * the client's pace and at most one buffer waits here. Every write happens on the channel's event loop; nothing
 * waits on it. A client that goes away cancels the subscription; a publisher that fails aborts the connection
 * (the chunked body ends without its last chunk, which clients report as an error).
 */
final class PublishedBody implements Flow.Subscriber<ByteBuffer> {
    private final ChannelHandlerContext ctx;
    private final ChannelPromise done;
    private Flow.Subscription subscription;

    PublishedBody(ChannelHandlerContext ctx, ChannelPromise done) {
        this.ctx = ctx;
        this.done = done;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        ctx.channel().closeFuture().addListener(f -> {
            if (!done.isDone()) {
                s.cancel();
                done.tryFailure(new java.nio.channels.ClosedChannelException());
            }
        });
        ctx.executor().execute(() -> s.request(1));
    }

    @Override
    public void onNext(ByteBuffer item) {
        ctx.executor().execute(() -> {
            if (done.isDone()) {
                return;
            }
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(item))).addListener(f -> {
                if (f.isSuccess()) {
                    subscription.request(1);
                } else {
                    subscription.cancel();
                    done.tryFailure(f.cause());
                }
            });
        });
    }

    @Override
    public void onError(Throwable failure) {
        ctx.executor().execute(() -> {
            done.tryFailure(failure);
            ctx.close();
        });
    }

    @Override
    public void onComplete() {
        ctx.executor().execute(() -> {
            if (!done.isDone()) {
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> {
                    if (f.isSuccess()) {
                        done.trySuccess();
                    } else {
                        done.tryFailure(f.cause());
                    }
                });
            }
        });
    }
}
