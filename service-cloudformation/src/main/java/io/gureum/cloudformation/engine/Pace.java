package io.gureum.cloudformation.engine;

import io.gureum.core.time.DueTimer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * How long each resource operation takes on the core clock: zero by default (a resource completes as soon
 * as its service answers); set through {@code POST /_gureum/cloudformation/pace} so tests of code that waits
 * for a stack can hold resources in progress and step them with {@code POST /_gureum/clock}.
 */
public final class Pace {
    private final DueTimer timer;
    private volatile Duration perResource = Duration.ZERO;

    public Pace(DueTimer timer) {
        this.timer = timer;
    }

    public Duration perResource() {
        return perResource;
    }

    public void perResource(Duration d) {
        perResource = d.isNegative() ? Duration.ZERO : d;
    }

    /** {@code work}'s result, once the pace's time has passed on the clock after it completed. */
    <T> CompletableFuture<T> after(CompletableFuture<T> work) {
        Duration d = perResource;
        if (d.isZero()) {
            return work;
        }
        return work.thenCompose(v -> {
            CompletableFuture<T> later = new CompletableFuture<>();
            timer.after(d, () -> later.complete(v));
            return later;
        });
    }
}
