package io.gureum.core.http;

import java.io.ByteArrayInputStream;

/**
 * A response body that is a range of an array already in memory and never changed (a small S3 object): readable
 * as a stream, and sent by the server as one full response from the array itself, without a copy.
 */
public final class ByteSlice extends ByteArrayInputStream {
    public ByteSlice(byte[] bytes, int offset, int length) {
        super(bytes, offset, length);
    }

    /** The array; the unread rest starts at {@link #position()}. */
    public byte[] array() {
        return buf;
    }

    /** Where the unread rest begins in the array. */
    public synchronized int position() {
        return pos;
    }
}
