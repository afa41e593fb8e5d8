package io.gureum.core.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * A request body on its way from the socket to a handler thread: the event loop offers chunks, the
 * handler reads them as an {@link InputStream}. Back-pressure: when more than {@link #HIGH_WATER} bytes
 * wait, the channel stops reading until the reader has caught up, so a multi-GB upload holds at most a
 * few MB in memory and never blocks the event loop.
 */
final class BodyPipe extends InputStream {
    static final int HIGH_WATER = 4 * 1024 * 1024;
    static final int LOW_WATER = 1024 * 1024;
    /**
     * The most of a body's unread rest that is read and thrown away after an early answer so that the
     * connection stays usable. Closing a socket with unread bytes makes the kernel send a reset, which can
     * destroy the answer before the client reads it (the SDK then reports a connection error, not the
     * error the answer carried); a larger rest is not worth the wait and the connection closes.
     */
    static final long SWALLOW_LIMIT = 8L * 1024 * 1024;

    private final Channel channel;
    private final long declaredLength;
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private long queued;
    private boolean ended;
    private boolean discarding;
    private IOException failure;
    private boolean paused;
    private long received;

    /** {@code declaredLength} is the request's Content-Length, or -1 for a chunked body. */
    BodyPipe(Channel channel, long declaredLength) {
        this.channel = channel;
        this.declaredLength = declaredLength;
    }

    /** Event loop: a chunk arrived (the pipe takes ownership of {@code chunk}). */
    void offer(ByteBuf chunk) {
        boolean pause;
        synchronized (this) {
            received += chunk.readableBytes();
            if (discarding) {
                chunk.release();
                return;
            }
            chunks.add(chunk);
            queued += chunk.readableBytes();
            pause = queued > HIGH_WATER && !paused;
            if (pause) {
                paused = true;
            }
            notifyAll();
        }
        if (pause) {
            ReadSwitch.of(channel).pause(ReadSwitch.Reason.BODY_BACKLOG);
        }
    }

    /** Event loop: the body is complete. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /**
     * Event loop: the connection broke before the body was complete. What arrived is released at once:
     * the body can only fail now, and nobody may come to read it.
     */
    synchronized void fail(IOException cause) {
        if (!ended) {
            failure = cause;
            releaseAll();
            notifyAll();
        }
    }

    synchronized boolean complete() {
        return ended;
    }

    /**
     * Throws away what is left of the body (the handler answered without reading it all), now and as it
     * arrives; returns whether the connection can carry another request: the whole body has arrived, or
     * its rest is of known length and at most {@link #SWALLOW_LIMIT}.
     */
    boolean discardRest() {
        boolean resume;
        synchronized (this) {
            discarding = true;
            releaseAll();
            resume = paused;
            paused = false;
        }
        if (resume) {
            channel.eventLoop().execute(() -> ReadSwitch.of(channel).resume(ReadSwitch.Reason.BODY_BACKLOG));
        }
        synchronized (this) {
            return ended || declaredLength >= 0 && declaredLength - received <= SWALLOW_LIMIT;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        boolean resume = false;
        int n;
        synchronized (this) {
            while (chunks.isEmpty() && !ended && failure == null && !discarding) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while reading the request body", e);
                }
            }
            if (chunks.isEmpty()) {
                if (failure != null) {
                    throw failure;
                }
                if (discarding && !ended) {
                    throw new IOException("The request was answered or abandoned before its body was read");
                }
                return -1;
            }
            ByteBuf head = chunks.peek();
            n = Math.min(len, head.readableBytes());
            head.readBytes(b, off, n);
            queued -= n;
            if (!head.isReadable()) {
                chunks.poll().release();
            }
            if (paused && queued < LOW_WATER) {
                paused = false;
                resume = true;
            }
        }
        if (resume) {
            channel.eventLoop().execute(() -> ReadSwitch.of(channel).resume(ReadSwitch.Reason.BODY_BACKLOG));
        }
        return n;
    }

    @Override
    public synchronized int available() {
        return (int) Math.min(Integer.MAX_VALUE, queued);
    }

    @Override
    public void close() {
        discardRest();
    }

    private void releaseAll() {
        ByteBuf chunk;
        while ((chunk = chunks.poll()) != null) {
            chunk.release();
        }
        queued = 0;
    }
}
