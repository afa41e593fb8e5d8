package io.gureum.core.time;

import io.gureum.core.events.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs tasks when Gureum's clock reaches their time: on the real timer as time passes, and at once for
 * everything that came due when the clock is advanced ({@code POST /_gureum/clock}). One timer thread
 * for all of them; the tasks themselves run on {@code workers}.
 */
public final class DueTimer implements AutoCloseable {
    private record Entry(Instant due, long seq, Runnable task) {
    }

    private final GureumClock clock;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            (a, b) -> a.due.equals(b.due) ? Long.compare(a.seq, b.seq) : a.due.compareTo(b.due));
    private final AtomicLong seq = new AtomicLong();
    private final Subscription advance;
    private ScheduledFuture<?> wake;
    private volatile boolean closed;

    public DueTimer(GureumClock clock, ScheduledExecutorService timer, ExecutorService workers) {
        this.clock = clock;
        this.timer = timer;
        this.workers = workers;
        this.advance = clock.onAdvance(this::fire);
    }

    public void at(Instant due, Runnable task) {
        synchronized (this) {
            queue.add(new Entry(due, seq.incrementAndGet(), task));
        }
        rearm();
    }

    public void after(Duration delay, Runnable task) {
        at(clock.now().plus(delay), task);
    }

    private synchronized void rearm() {
        if (closed) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
            wake = null;
        }
        Entry next = queue.peek();
        if (next != null) {
            long delay = Math.max(0, Duration.between(clock.now(), next.due).toMillis());
            wake = timer.schedule(this::fire, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void fire() {
        if (closed) {
            return;
        }
        List<Runnable> due = new ArrayList<>();
        Instant now = clock.now();
        synchronized (this) {
            while (!queue.isEmpty() && !queue.peek().due.isAfter(now)) {
                due.add(queue.poll().task);
            }
        }
        for (Runnable r : due) {
            try {
                workers.execute(r);
            } catch (RejectedExecutionException shuttingDown) {
                return;
            }
        }
        rearm();
    }

    @Override
    public void close() {
        closed = true;
        advance.close();
        synchronized (this) {
            queue.clear();
            if (wake != null) {
                wake.cancel(false);
            }
        }
    }
}
