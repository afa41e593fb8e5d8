package io.gureum.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A response body that is a range of a file: readable as a stream (in-process callers, range reads),
 * and sent by the server straight from the file to the socket ({@code sendfile}), never through the heap.
 * Whoever ends up with it closes it, which closes the channel; the server hands the channel to Netty,
 * which closes it once the bytes are out.
 */
public final class FileSlice extends InputStream {
    private final FileChannel channel;
    private final long start;
    private final long length;
    private long read;

    public FileSlice(FileChannel channel, long start, long length) {
        this.channel = channel;
        this.start = start;
        this.length = length;
    }

    /** The file, for the server: it takes over closing it. */
    public FileChannel channel() {
        return channel;
    }

    /** Where the unread rest begins in the file. */
    public long position() {
        return start + read;
    }

    /** How many bytes are left to read. */
    public long remaining() {
        return length - read;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long left = remaining();
        if (left <= 0) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, left)), position());
        if (n < 0) {
            return -1; // the file is shorter than it was said to be
        }
        read += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long k = Math.max(0, Math.min(n, remaining()));
        read += k;
        return k;
    }

    /** Netty's ChunkedStream sizes its chunks by this; the file holds all of the rest. */
    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, remaining());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
