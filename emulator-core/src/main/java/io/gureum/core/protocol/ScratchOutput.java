package io.gureum.core.protocol;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * An unsynchronised {@link java.io.ByteArrayOutputStream} whose buffer each thread reuses from one response body
 * to the next: {@link #take()} hands out the thread's spare stream (or a new one when a body is already being
 * written on this thread), {@link #toBytesAndRelease()} copies the bytes out and gives the stream back. A body
 * then costs one array of its own size rather than a 256-byte start, its growth and the copy (issue #20).
 */
final class ScratchOutput extends OutputStream {
    /** Streams whose buffer grew past this (a large page) are dropped rather than kept for the thread. */
    private static final int KEEP_AT_MOST = 64 * 1024;
    private static final ThreadLocal<ScratchOutput> SPARE = new ThreadLocal<>();

    private byte[] buf = new byte[1024];
    private int len;

    private ScratchOutput() {
    }

    /** An empty stream of this thread's own until {@link #toBytesAndRelease()}. */
    static ScratchOutput take() {
        ScratchOutput out = SPARE.get();
        if (out == null) {
            return new ScratchOutput();
        }
        SPARE.set(null);
        out.len = 0;
        return out;
    }

    @Override
    public void write(int b) {
        if (len == buf.length) {
            grow(1);
        }
        buf[len++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int n) {
        java.util.Objects.checkFromIndexSize(off, n, b.length);
        if (buf.length - len < n) {
            grow(n);
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    private void grow(int needed) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + needed));
    }

    /** The bytes written; the stream goes back to the thread and must not be used again. */
    byte[] toBytesAndRelease() {
        byte[] out = Arrays.copyOf(buf, len);
        if (buf.length <= KEEP_AT_MOST) {
            SPARE.set(this);
        }
        return out;
    }
}
