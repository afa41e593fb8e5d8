package io.gureum.cloudformation.resource;

import io.gureum.core.Gureum;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves the core clock by a second every 50 ms of real time while a test runs, so that handlers waiting for
 * states that settle on the clock (EC2's 2-second transitions) do not wait them out in real time. Only for tests
 * that assert settled states, never intermediate ones.
 */
public final class ClockTicker implements AutoCloseable {
    private final ScheduledExecutorService ticker;

    public ClockTicker(Gureum gureum) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "test-clock-ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> gureum.context().clock().advance(Duration.ofSeconds(1)), 50, 50,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
