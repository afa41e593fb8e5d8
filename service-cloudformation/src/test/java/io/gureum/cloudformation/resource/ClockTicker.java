package io.gureum.cloudformation.resource;

import io.gureum.core.Gureum;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Moves the core clock by a second every 50 ms of real time during each test of the class that registers it
 * ({@code @RegisterExtension final ClockTicker ticker = new ClockTicker(() -> gureum);}), so that handlers waiting
 * for states that settle on the clock (EC2's 2-second transitions) do not wait them out in real time. Only for
 * tests that assert settled states, never intermediate ones.
 */
public final class ClockTicker implements BeforeEachCallback, AfterEachCallback {
    private final Supplier<Gureum> gureum;
    private ScheduledExecutorService ticker;

    public ClockTicker(Supplier<Gureum> gureum) {
        this.gureum = gureum;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Gureum server = gureum.get();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "test-clock-ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> server.context().clock().advance(Duration.ofSeconds(1)), 50, 50,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ticker.shutdownNow();
    }
}
