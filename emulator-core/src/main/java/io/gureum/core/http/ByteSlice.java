package io.gureum.core.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * A response body that is a range of an array already in memory and never changed (a small S3 object): readable
 * as a stream (which, like a file's, fails once closed), and sent by the server as one full response from the
 * array itself, without a copy.
 */
public final class ByteSlice extends InputStream {
    private final byte[] bytes;
    private final int end;
    private int position;
    private volatile boolean closed;

    public ByteSlice(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    /** The array; the unread rest starts at {@link #position()}. */
    public byte[] array() {
        return bytes;
    }

    /** Where the unread rest begins in the array. */
    public int position() {
        return position;
    }

    /** How many bytes are left to read. */
    public int remaining() {
        return end - position;
    }

    @Override
    public int read() throws IOException {
        open();
        return position < end ? bytes[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        open();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int n = Math.min(len, end - position);
        System.arraycopy(bytes, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        open();
        long k = Math.max(0, Math.min(n, end - position));
        position += (int) k;
        return k;
    }

    @Override
    public int available() throws IOException {
        open();
        return end - position;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void open() throws IOException {
        if (closed) {
            throw new IOException("Stream closed");
        }
    }
}
