package io.gureum.cloudformation.resource.ec2;

import io.gureum.cloudformation.resource.common.Polling;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * How the IPAM handlers wait for EC2's asynchronous states ({@code create-in-progress} → {@code create-complete}
 * …) through {@link Polling}, without holding the engine's thread.
 */
final class IpamWaits {
    static final Duration LIMIT = Duration.ofMinutes(10);

    private IpamWaits() {
    }

    /**
     * A future of {@code result} once {@code state} (null: the resource is gone) is one of {@code done}; failed when
     * it is one of {@code failed}.
     */
    static <T> CompletableFuture<T> until(String what, Supplier<String> state, Set<String> done, Set<String> failed,
            Supplier<T> result) {
        return Polling.until(() -> {
            String s = state.get();
            if (s != null && failed.contains(s)) {
                return Polling.Outcome.failed(what + " is " + s);
            }
            if (done.contains(s == null ? "gone" : s)) {
                return Polling.Outcome.done(result.get());
            }
            return null;
        }, LIMIT, what + " did not stabilize");
    }

    /** Until the resource is {@code create-complete} or {@code modify-complete}. */
    static <T> CompletableFuture<T> settled(String what, Supplier<String> state, Supplier<T> result) {
        return until(what, state, Set.of("create-complete", "modify-complete"), Set.of("create-failed",
                "modify-failed"), result);
    }

    /** Until the resource is gone (or {@code delete-complete}). */
    static CompletableFuture<Void> gone(String what, Supplier<String> state) {
        return until(what, state, Set.of("gone", "delete-complete"), Set.of("delete-failed"), () -> null);
    }
}
