package io.gureum.cloudformation.resource.common;

import io.gureum.cloudformation.resource.ResourceFailure;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a service's asynchronous work (a secret's rotation, a table becoming {@code ACTIVE}, a NAT gateway
 * {@code deleted}) without holding a thread: the first check runs on the caller's thread, the next ones every
 * {@link #INTERVAL} on a delayed executor, and the future completes when one answers, so the engine's worker is
 * free in between and any number of resources can wait at once. Some work runs in real time (a Lambda function),
 * and services settle on the core clock, which real time moves and tests advance; the limit is real time.
 */
public final class Polling {
    /** How often the check runs. */
    public static final Duration INTERVAL = Duration.ofMillis(200);
    /**
     * Where the checks run: their own daemon threads, which exist only while a check runs (not the common
     * fork-join pool, which a blocking in-process call would hold from its other users).
     */
    private static final ExecutorService CHECKS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cloudformation-polling");
        t.setDaemon(true);
        return t;
    });

    /** How long {@link #settled} waits: the bound AWS's handlers give a resource to stabilise. */
    public static final Duration SETTLE_LIMIT = Duration.ofMinutes(15);

    private Polling() {
    }

    /**
     * A future completed once {@code settled} is true (a service reports the resource in a settled state), or
     * failed with a {@link ResourceFailure} "{@code <what>} did not stabilize" ({@code NotStabilized}) after
     * {@link #SETTLE_LIMIT}; an exception the check throws (a {@link ResourceFailure} for a state that will never
     * settle, a service's error) fails it as it is.
     */
    public static CompletableFuture<Void> settled(String what, BooleanSupplier settled) {
        return until(() -> settled.getAsBoolean() ? Outcome.<Void>done(null) : null, SETTLE_LIMIT,
                what + " did not stabilize");
    }

    /** What a check found: still running (null), done, or failed with a reason. */
    public record Outcome<T>(T value, String failure) {
        public static <T> Outcome<T> done(T value) {
            return new Outcome<>(value, null);
        }

        public static <T> Outcome<T> failed(String reason) {
            return new Outcome<>(null, reason);
        }
    }

    /**
     * A future of the first outcome {@code check} gives (null meaning "not yet"): completed with its value,
     * or failed with a {@link ResourceFailure} of its reason, or of {@code timeoutReason} once {@code limit}
     * has passed; an exception the check throws fails it too.
     */
    public static <T> CompletableFuture<T> until(Supplier<Outcome<T>> check, Duration limit, String timeoutReason) {
        CompletableFuture<T> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + limit.toNanos();
        Executor later = CompletableFuture.delayedExecutor(INTERVAL.toMillis(), TimeUnit.MILLISECONDS, CHECKS);
        poll(check, deadline, timeoutReason, later, result);
        return result;
    }

    private static <T> void poll(Supplier<Outcome<T>> check, long deadline, String timeoutReason, Executor later,
            CompletableFuture<T> result) {
        Outcome<T> o;
        try {
            o = check.get();
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        if (o != null) {
            if (o.failure() != null) {
                result.completeExceptionally(new ResourceFailure(o.failure(), "NotStabilized"));
            } else {
                result.complete(o.value());
            }
            return;
        }
        if (System.nanoTime() > deadline) {
            result.completeExceptionally(new ResourceFailure(timeoutReason, "NotStabilized"));
            return;
        }
        later.execute(() -> poll(check, deadline, timeoutReason, later, result));
    }
}
