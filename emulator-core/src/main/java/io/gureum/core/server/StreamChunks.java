package io.gureum.core.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body stream cut into full-size chunks. Netty's {@code ChunkedStream} sizes chunks by
 * {@code available()}, which is 0 or 1 for most streams that are not files, and so sent large
 * downloads one byte at a time.
 */
final class StreamChunks implements ChunkedInput<ByteBuf> {
    static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private long progress;
    private boolean ended;

    StreamChunks(InputStream in) {
        this.in = in;
    }

    @Override
    public boolean isEndOfInput() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        ended = true;
        in.close();
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws Exception {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws Exception {
        if (ended) {
            return null;
        }
        ByteBuf buffer = allocator.heapBuffer(CHUNK);
        boolean release = true;
        try {
            byte[] array = buffer.array();
            int offset = buffer.arrayOffset();
            int filled = 0;
            while (filled < CHUNK) {
                int n = in.read(array, offset + filled, CHUNK - filled);
                if (n < 0) {
                    ended = true;
                    break;
                }
                filled += n;
            }
            buffer.writerIndex(filled);
            progress += filled;
            release = false;
            if (filled == 0) {
                buffer.release();
                // At the end of a body whose length is a multiple of CHUNK, an empty chunk rather than
                // null: ChunkedWriteHandler reads null as "no data yet" and waits for a flush that, on a
                // quiet connection, never comes (the last chunk was never sent).
                return ended ? Unpooled.EMPTY_BUFFER : null;
            }
            return buffer;
        } finally {
            if (release) {
                buffer.release();
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
