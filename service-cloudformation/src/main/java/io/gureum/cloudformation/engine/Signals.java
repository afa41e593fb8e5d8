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
    public synchronized CompletableFuture<Map<String, Signal>> expect(String key, int count, Duration timeout,
            Function<Integer, String> timedOut, Function<Signal, String> failure) {
        Wait w = waits.computeIfAbsent(key, k -> new Wait());
        w.done = new CompletableFuture<>();
        w.count = count;
        w.failure = failure;
        CompletableFuture<Map<String, Signal>> done = w.done;
        for (Signal s : w.received.values()) {
            settle(key, w, s);
        }
        timer.after(timeout, () -> {
            synchronized (this) {
                if (!done.isDone()) {
                    done.completeExceptionally(new SignalFailure(timedOut.apply(successes(w))));
                    waits.remove(key);
                }
            }
        });
        return done;
    }

    /** Records a signal; false when {@code key} has no wait and {@code keepEarly} is false. */
    public synchronized boolean signal(String key, Signal s, boolean keepEarly) {
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
            settle(key, w, s);
        }
        return true;
    }

    /** Whether {@code key} is being waited for. */
    public synchronized boolean waiting(String key) {
        Wait w = waits.get(key);
        return w != null && w.done != null && !w.done.isDone();
    }

    private void settle(String key, Wait w, Signal s) {
        if (w.done.isDone()) {
            return;
        }
        if ("FAILURE".equals(s.status())) {
            w.done.completeExceptionally(new SignalFailure(w.failure.apply(s)));
            waits.remove(key);
        } else if (successes(w) >= w.count) {
            w.done.complete(Map.copyOf(w.received));
            waits.remove(key);
        }
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
