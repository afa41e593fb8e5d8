package io.gureum.sqs;

import io.gureum.core.time.GureumClock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link MessageWaiter} on one shared {@link ScheduledExecutorService}: a waiting receive is a
 * future in the queue's waiter list plus one timer, for the deadline or the moment the next delayed
 * or in-flight message comes due, whichever is first. Moving the core clock wakes every waiter so it
 * re-reads the time. Thousands of waits cost thousands of small objects, not threads.
 */
final class TimerMessageWaiter implements MessageWaiter {
    private final ScheduledExecutorService timers;
    private final GureumClock clock;
    private final Set<CompletableFuture<Void>> active = ConcurrentHashMap.newKeySet();

    TimerMessageWaiter(ScheduledExecutorService timers, GureumClock clock) {
        this.timers = timers;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Void> await(Queue queue, long deadline) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        long now = clock.now().toEpochMilli();
        if (!queue.addWaiterIfEmpty(f, now)) {
            f.complete(null);
            return f;
        }
        long wakeAt = Math.min(deadline, queue.nextDueAt(now));
        ScheduledFuture<?> timer = timers.schedule(() -> f.complete(null), Math.max(0, wakeAt - now),
                TimeUnit.MILLISECONDS);
        active.add(f);
        f.whenComplete((v, e) -> {
            timer.cancel(false);
            active.remove(f);
            queue.removeWaiter(f);
        });
        return f;
    }

    /** Wakes every waiting receive (after the clock moved, or on shutdown). */
    void wakeAll() {
        for (CompletableFuture<Void> f : active) {
            f.complete(null);
        }
    }
}
