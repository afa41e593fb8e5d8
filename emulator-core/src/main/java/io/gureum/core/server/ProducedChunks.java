package io.gureum.core.server;

import io.gureum.core.http.ProducedBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;

/**
 * A {@link ProducedBody} as chunks: each block the producer queued, or null while none is (the chunked writer
 * then waits for {@code resumeTransfer}, which the body's producer triggers), never waiting on the event loop.
 * The writer asks for chunks only while the channel is writable, so a slow client holds the producer back.
 */
final class ProducedChunks implements ChunkedInput<ByteBuf> {
    private final ProducedBody body;
    private long progress;
    private boolean ended;

    ProducedChunks(ProducedBody body) {
        this.body = body;
    }

    @Override
    public boolean isEndOfInput() {
        if (!ended && body.ended()) {
            ended = true;
        }
        return ended;
    }

    @Override
    public void close() {
        ended = true;
        body.close();
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) {
        byte[] block = body.poll();
        if (block == null) {
            // As in StreamChunks: at the very end an empty chunk, since null means "nothing yet".
            return isEndOfInput() ? Unpooled.EMPTY_BUFFER : null;
        }
        progress += block.length;
        return Unpooled.wrappedBuffer(block);
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
