package io.gureum.core.server;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Bounds how many streamed-body requests hold a handler thread at once. Such a handler blocks reading
 * a body that arrives at the client's pace; without a bound, a few clients that send the headers of a
 * large upload and then stall would occupy every handler thread, and every other request (health
 * included) would wait behind them. Requests beyond the bound wait here, holding no thread, until a
 * streamed request finishes. Shared by all connections of a server.
 */
final class StreamGate {
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private int free;

    private record Waiter(Executor executor, Runnable granted) {
    }

    /** @param permits how many streamed requests may be in handlers at once (at least 1) */
    StreamGate(int permits) {
        this.free = Math.max(1, permits);
    }

    /** Runs {@code granted} on {@code executor} once a slot is free; it must {@link #release()} it later. */
    void acquire(Executor executor, Runnable granted) {
        synchronized (this) {
            if (free == 0) {
                waiting.add(new Waiter(executor, granted));
                return;
            }
            free--;
        }
        executor.execute(granted);
    }

    void release() {
        Waiter next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                free++;
                return;
            }
        }
        try {
            next.executor().execute(next.granted());
        } catch (RuntimeException shuttingDown) {
            release();
        }
    }
}
