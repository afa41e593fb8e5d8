package io.gureum.core.server;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A response body published while it is sent ({@code AwsHttpResponse.bodyPublisher}) as the chunks of one
 * {@link ChunkedInput}: the {@link ChunkedWriteHandler} reads it only while the client takes our bytes, and one
 * buffer is requested from the publisher at a time, the next once the last has been read, so the producer goes at
 * the client's pace and at most one buffer waits here. When none is ready, {@link #readChunk} answers "nothing yet"
 * and the publisher's next buffer resumes the transfer; no thread waits. Being one write, it keeps its place among
 * pipelined responses. A client that goes away cancels the subscription ({@link #close}); a publisher that fails
 * fails the write, and the connection is closed (the chunked body ends without its last chunk, which clients report
 * as an error).
 */
final class PublishedBody implements ChunkedInput<HttpContent>, Flow.Subscriber<ByteBuffer> {
    private final ChannelHandlerContext ctx;
    private volatile Flow.Subscription subscription;
    // set by the publisher's signals, read by the event loop
    private volatile ByteBuffer ready;
    private volatile boolean completed;
    private volatile Throwable failure;
    // event loop only
    private boolean sentLast;
    private boolean closed;
    private long progress;

    PublishedBody(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    // ---- Flow.Subscriber (any thread) ----

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(ByteBuffer item) {
        ready = item;
        resume();
    }

    @Override
    public void onError(Throwable t) {
        failure = t;
        resume();
    }

    @Override
    public void onComplete() {
        completed = true;
        resume();
    }

    private void resume() {
        ChunkedWriteHandler writer = ctx.pipeline().get(ChunkedWriteHandler.class);
        if (writer != null) {
            // Always as a task of its own: a publisher may answer request() at once, inside readChunk, and a
            // transfer resumed from there would send the new chunk before the one being read.
            ctx.executor().execute(writer::resumeTransfer);
        }
    }

    // ---- ChunkedInput (event loop) ----

    @Override
    public boolean isEndOfInput() {
        return sentLast;
    }

    @Deprecated
    @Override
    public HttpContent readChunk(ChannelHandlerContext context) throws Exception {
        return readChunk(context.alloc());
    }

    @Override
    public HttpContent readChunk(ByteBufAllocator allocator) throws Exception {
        if (sentLast) {
            return null;
        }
        boolean ended = completed || failure != null; // read first: every onNext happened before the end
        ByteBuffer next = ready;
        if (next != null) {
            ready = null;
            progress += next.remaining();
            subscription.request(1);
            return new DefaultHttpContent(Unpooled.wrappedBuffer(next));
        }
        if (ended && failure != null) {
            ctx.channel().eventLoop().execute(ctx::close);
            throw new java.io.IOException("The response body failed", failure);
        }
        if (ended) {
            sentLast = true;
            return LastHttpContent.EMPTY_LAST_CONTENT;
        }
        return null; // nothing yet: the next signal resumes the transfer
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Flow.Subscription s = subscription;
            if (s != null && !sentLast) {
                s.cancel();
            }
        }
    }

    @Override
    public long length() {
        return -1;
    }

    @Override
    public long progress() {
        return progress;
    }
}
