package io.gureum.lambda;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * The body of a streamed response between the function and the HTTP client: buffers the function's chunks up to
 * {@link #HIGH_WATER} bytes and hands them, in order, to the one subscriber (core's writer) as it asks for them.
 * Past the high-water mark {@link #offer} says "stop" and the Runtime API stops reading the runtime until
 * {@link #whenDrained}'s callback runs, once the queue is below half of it. Nothing here blocks; callbacks and
 * subscriber signals run on the given executor, never under this object's lock.
 */
final class ChunkQueue implements Flow.Publisher<ByteBuffer> {
    static final int HIGH_WATER = 1024 * 1024;

    private final Executor executor;
    // guarded by this
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private long queued;
    private long demand;
    private boolean completed;
    private boolean cancelled;
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private Runnable drained;
    private boolean draining;

    ChunkQueue(Executor executor) {
        this.executor = executor;
    }

    /** Appends a chunk (ignored once completed or cancelled); false when the producer should pause. */
    boolean offer(ByteBuffer chunk) {
        synchronized (this) {
            if (completed || cancelled) {
                return true;
            }
            queue.addLast(chunk);
            queued += chunk.remaining();
        }
        drain();
        synchronized (this) {
            return queued < HIGH_WATER || cancelled;
        }
    }

    /** Runs {@code resume} once the queue is below half its high-water mark (at once if it already is). */
    void whenDrained(Runnable resume) {
        boolean now;
        synchronized (this) {
            now = queued < HIGH_WATER / 2 || cancelled;
            if (!now) {
                drained = resume;
            }
        }
        if (now) {
            executor.execute(resume);
        }
    }

    /** No more chunks: the subscriber completes once it has taken those queued. */
    void complete() {
        synchronized (this) {
            completed = true;
        }
        drain();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        synchronized (this) {
            if (subscriber != null) {
                executor.execute(() -> s.onError(new IllegalStateException("A streamed body is read once")));
                return;
            }
            subscriber = s;
        }
        executor.execute(() -> s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                synchronized (ChunkQueue.this) {
                    demand += n;
                }
                drain();
            }

            @Override
            public void cancel() {
                Runnable resume;
                synchronized (ChunkQueue.this) {
                    cancelled = true;
                    queue.clear();
                    queued = 0;
                    resume = drained;
                    drained = null;
                }
                if (resume != null) {
                    executor.execute(resume);
                }
            }
        }));
    }

    /** Hands queued chunks to the subscriber while it asks for them, one drainer at a time. */
    private void drain() {
        synchronized (this) {
            if (draining || subscriber == null) {
                return;
            }
            draining = true;
        }
        executor.execute(this::deliver);
    }

    private void deliver() {
        while (true) {
            ByteBuffer next = null;
            boolean finish = false;
            Runnable resume = null;
            Flow.Subscriber<? super ByteBuffer> s;
            synchronized (this) {
                s = subscriber;
                if (cancelled) {
                    draining = false;
                    return;
                }
                if (demand > 0 && !queue.isEmpty()) {
                    next = queue.pollFirst();
                    queued -= next.remaining();
                    demand--;
                    if (drained != null && queued < HIGH_WATER / 2) {
                        resume = drained;
                        drained = null;
                    }
                } else if (queue.isEmpty() && completed) {
                    finish = true;
                    cancelled = true; // signalled once
                } else {
                    draining = false;
                    return;
                }
            }
            if (resume != null) {
                resume.run();
            }
            if (finish) {
                s.onComplete();
                return;
            }
            s.onNext(next);
        }
    }
}
