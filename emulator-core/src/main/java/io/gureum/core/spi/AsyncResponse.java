package io.gureum.core.spi;

import java.util.concurrent.CompletableFuture;

/**
 * Lets a handler method answer later without holding a thread: SQS long polls and Lambda's runtime
 * API wait for an event, not on a thread. The handler returns {@code AsyncResponse.later(future)};
 * the dispatcher writes the response when the future completes (with the response object or with the
 * exception the operation would have thrown).
 *
 * <pre>{@code
 * public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
 *     CompletableFuture<ReceiveMessageResponse> answer = waiter.await(queue, request.waitTimeSeconds());
 *     return AsyncResponse.later(answer);
 * }
 * }</pre>
 *
 * <p>When the client goes away before the answer, the dispatcher cancels the future: a handler that
 * waits should stop waiting then (an SQS long poll must not take a message for a client that left).
 * {@link #propagateCancellation} carries the cancellation through derived futures.
 */
public final class AsyncResponse extends RuntimeException {
    private final transient CompletableFuture<?> future;

    private AsyncResponse(CompletableFuture<?> future) {
        super(null, null, false, false);
        this.future = future;
    }

    /** Never returns: hands {@code future} to the dispatcher. The return type fits any handler method. */
    public static <T> T later(CompletableFuture<? extends T> future) {
        throw new AsyncResponse(future);
    }

    /**
     * Cancels {@code source} when {@code derived} (made from it with {@code thenApply} and the like,
     * which do not propagate cancellation) is cancelled.
     *
     * @return {@code derived}
     */
    public static <T> CompletableFuture<T> propagateCancellation(CompletableFuture<T> derived,
            CompletableFuture<?> source) {
        derived.whenComplete((r, t) -> {
            if (derived.isCancelled()) {
                source.cancel(false);
            }
        });
        return derived;
    }

    public CompletableFuture<?> future() {
        return future;
    }

    /**
     * Calls a handler method in-process (a handler used as an SDK client, in tests) and waits for an
     * answer it gives later; the operation's exceptions are thrown as they would be by the call.
     */
    @SuppressWarnings("unchecked")
    public static <T> T await(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (AsyncResponse later) {
            try {
                return (T) later.future().join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
    }
}
