package io.gureum.cloudformation.engine;

import io.gureum.core.time.DueTimer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Success and failure signals for resources that wait for them: a {@code CreationPolicy}'s
 * {@code ResourceSignal} (SignalResource) and a {@code WaitCondition}'s handle (an HTTP PUT to its URL).
 * Signals that arrive before the wait starts are kept. The timeout runs on the core clock.
 */
public final class Signals {
    /** One signal as sent. */
    public record Signal(String uniqueId, String status, String data, String reason) {
    }

    private static final class Wait {
        final Map<String, Signal> received = new LinkedHashMap<>();
        CompletableFuture<Map<String, Signal>> done;
        int count;
        Function<Signal, String> failure;
    }

    private final Map<String, Wait> waits = new LinkedHashMap<>();
    private final DueTimer timer;

    public Signals(DueTimer timer) {
        this.timer = timer;
    }

    /**
     * Waits for {@code count} success signals under {@code key}; the future fails with {@code timedOut}'s
     * message after {@code timeout}, or with {@code failure}'s message for the first failure signal.
     */
    public CompletableFuture<Map<String, Signal>> expect(String key, int count, Duration timeout,
            Function<Integer, String> timedOut, Function<Signal, String> failure) {
        CompletableFuture<Map<String, Signal>> done = new CompletableFuture<>();
        Runnable outcome = null;
        synchronized (this) {
            Wait w = waits.computeIfAbsent(key, k -> new Wait());
            w.done = done;
            w.count = count;
            w.failure = failure;
            for (Signal s : w.received.values()) {
                outcome = outcome != null ? outcome : settle(key, w, s);
            }
            timer.after(timeout, () -> {
                SignalFailure late = null;
                synchronized (this) {
                    if (waits.get(key) == w && w.done == done) {
                        late = new SignalFailure(timedOut.apply(successes(w)));
                        waits.remove(key);
                    }
                }
                if (late != null) {
                    done.completeExceptionally(late);
                }
            });
        }
        // Futures complete outside this object's monitor: their continuations take the engine's lock.
        if (outcome != null) {
            outcome.run();
        }
        return done;
    }

    /** Records a signal; false when {@code key} has no wait and {@code keepEarly} is false. */
    public boolean signal(String key, Signal s, boolean keepEarly) {
        Runnable outcome = null;
        synchronized (this) {
            Wait w = waits.get(key);
            if (w == null) {
                if (!keepEarly) {
                    return false;
                }
                w = new Wait();
                waits.put(key, w);
            }
            w.received.put(s.uniqueId(), s);
            if (w.done != null) {
                outcome = settle(key, w, s);
            }
        }
        if (outcome != null) {
            outcome.run();
        }
        return true;
    }

    /** What completes the wait after {@code s} (run it outside the monitor), or null while it goes on. */
    private Runnable settle(String key, Wait w, Signal s) {
        CompletableFuture<Map<String, Signal>> done = w.done;
        if ("FAILURE".equals(s.status())) {
            waits.remove(key);
            SignalFailure failure = new SignalFailure(w.failure.apply(s));
            return () -> done.completeExceptionally(failure);
        }
        if (successes(w) >= w.count) {
            waits.remove(key);
            Map<String, Signal> received = Map.copyOf(w.received);
            return () -> done.complete(received);
        }
        return null;
    }

    private static int successes(Wait w) {
        return (int) w.received.values().stream().filter(x -> "SUCCESS".equals(x.status())).count();
    }

    /** A wait that ended without success: its message is the resource's failure reason. */
    public static final class SignalFailure extends RuntimeException {
        public SignalFailure(String message) {
            super(message);
        }
    }
}
