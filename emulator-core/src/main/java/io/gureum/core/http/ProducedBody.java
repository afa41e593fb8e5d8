package io.gureum.core.http;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A response body a producer thread writes while the server sends it (S3 Select's event stream): the
 * producer {@link #push}es byte blocks and waits while {@code limit} bytes are queued and unsent, so a slow
 * client holds the producer back rather than filling the heap; the server takes blocks without waiting
 * ({@link #poll}) and is told through {@link #onAvailable} when more arrive, so no event loop waits; as a
 * {@link java.util.concurrent.Flow.Publisher} it hands blocks over as the subscriber asks. Closing it (the
 * connection went away) makes {@link #push} answer false.
 */
public final class ProducedBody implements java.util.concurrent.Flow.Publisher<java.nio.ByteBuffer> {
    private final ArrayDeque<byte[]> blocks = new ArrayDeque<>();
    private final long limit;
    private final long stallNanos;
    private long queued;
    private boolean finished;
    private boolean closed;
    private volatile Runnable onAvailable = () -> {
    };

    /**
     * @param limit bytes queued before {@link #push} waits
     * @param stall how long a push waits for the reader before it gives the body up (a reader that never
     *            comes back, such as a connection whose answer was dropped)
     */
    public ProducedBody(long limit, java.time.Duration stall) {
        this.limit = limit;
        this.stallNanos = stall.toNanos();
    }

    /** Queues {@code bytes}; false when the reader is gone (or stalled past the limit), so the producer stops. */
    public boolean push(byte[] bytes) throws InterruptedException {
        synchronized (this) {
            long deadline = System.nanoTime() + stallNanos;
            while (!closed && queued >= limit) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    closed = true;
                    blocks.clear();
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            if (closed || finished) {
                return false;
            }
            blocks.add(bytes);
            queued += bytes.length;
            notifyAll();
        }
        onAvailable.run();
        return true;
    }

    /** The body is complete once what is queued is read. */
    public void finish() {
        synchronized (this) {
            finished = true;
            notifyAll();
        }
        onAvailable.run();
    }

    /** The next block, or null when none is queued yet (see {@link #ended}). Never waits. */
    public synchronized byte[] poll() {
        byte[] b = blocks.poll();
        if (b != null) {
            queued -= b.length;
            notifyAll();
        }
        return b;
    }

    /** True once the producer finished (or the body was closed) and every block was taken. */
    public synchronized boolean ended() {
        return (finished || closed) && blocks.isEmpty();
    }

    /** Runs (on the producer's thread) after each push and at the end; the server resumes its transfer. */
    public void onAvailable(Runnable action) {
        this.onAvailable = action;
        action.run();
    }

    /** True while the reader still wants the body. */
    public synchronized boolean open() {
        return !closed;
    }

    /** The reader is gone: what is queued is dropped, and pushes answer false. */
    public synchronized void close() {
        closed = true;
        blocks.clear();
        queued = 0;
        notifyAll();
    }

    /**
     * The server's side: blocks are handed over as the subscriber asks for them (one at a time, as the client
     * takes them) and as the producer queues them; a cancelled subscription closes the body.
     */
    @Override
    public void subscribe(java.util.concurrent.Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
        Delivery delivery = new Delivery(subscriber);
        subscriber.onSubscribe(delivery);
        onAvailable(delivery::drain);
    }

    private final class Delivery implements java.util.concurrent.Flow.Subscription {
        private final java.util.concurrent.Flow.Subscriber<? super java.nio.ByteBuffer> subscriber;
        private long demand;
        private boolean done;

        Delivery(java.util.concurrent.Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                demand += n;
            }
            drain();
        }

        @Override
        public void cancel() {
            synchronized (this) {
                done = true;
            }
            close();
        }

        synchronized void drain() {
            while (!done && demand > 0) {
                byte[] block = poll();
                if (block == null) {
                    break;
                }
                demand--;
                subscriber.onNext(java.nio.ByteBuffer.wrap(block));
            }
            if (!done && ended()) {
                done = true;
                subscriber.onComplete();
            }
        }
    }
}
