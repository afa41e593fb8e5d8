package io.gureum.sqs;

import java.util.concurrent.CompletableFuture;

/**
 * Waits for a queue to have something to receive, without holding a thread: the future completes
 * when a message may have arrived (a send, a delete that unlocks a FIFO group, a visibility change,
 * a delayed or in-flight message coming due, the clock being advanced) or when the deadline passes.
 * A completion is a hint to try again, never a promise that a receive will succeed.
 */
interface MessageWaiter {
    /** @param deadline epoch millis of the core clock */
    CompletableFuture<Void> await(Queue queue, long deadline);
}
