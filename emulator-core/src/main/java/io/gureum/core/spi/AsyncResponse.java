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
