package io.gureum.core.http;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;

/**
 * A {@link PushedBody} as the server's one kind of streamed body, a {@link Flow.Publisher}: what the producer
 * pushes waits here until the server asks for it (one buffer at a time, as the client takes them), and the sink
 * reports itself not writable while anything waits, so a producer that drops on a slow client drops here rather
 * than queueing. A cancelled subscription (the client went away, or the answer was never sent) closes the body.
 */
final class PushedPublisher implements Flow.Publisher<ByteBuffer> {
    /** Pushed blocks that may wait for the client before the sink reports itself not writable. */
    private static final int WAITING = 2;

    private final PushedBody body;

    PushedPublisher(PushedBody body) {
        this.body = body;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Link link = new Link(subscriber);
        subscriber.onSubscribe(link);
        if (!link.cancelled()) {
            body.open(link);
        }
    }

    /** The subscription and the producer's sink in one: both ends of the queue. */
    private final class Link implements Flow.Subscription, PushedBody.Sink {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
        private long demand;
        private boolean ended;
        private boolean done;

        Link(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        synchronized boolean cancelled() {
            return done && !ended;
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
                if (done) {
                    return;
                }
                done = true;
                waiting.clear();
            }
            body.closed();
        }

        @Override
        public boolean send(byte[] bytes) {
            synchronized (this) {
                if (done || ended) {
                    return false;
                }
                waiting.add(bytes);
            }
            drain();
            return true;
        }

        @Override
        public synchronized boolean writable() {
            return !done && waiting.size() < WAITING;
        }

        @Override
        public void end() {
            synchronized (this) {
                if (done || ended) {
                    return;
                }
                ended = true;
            }
            drain();
        }

        /** Hands waiting blocks to the subscriber as far as it asked, then completes once all went. */
        private synchronized void drain() {
            while (!done && demand > 0 && !waiting.isEmpty()) {
                demand--;
                subscriber.onNext(ByteBuffer.wrap(waiting.poll()));
            }
            if (!done && ended && waiting.isEmpty()) {
                done = true;
                subscriber.onComplete();
            }
        }
    }
}
