package io.gureum.sqs;

import io.gureum.core.time.GureumClock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * ReceiveMessage with a wait time: try, and while nothing came and the wait time has not passed,
 * wait for a {@link MessageWaiter} hint and try again. The result is a future completed off the
 * caller's thread, so a server with an asynchronous handler hook holds no thread while a poll waits.
 * See https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html
 */
final class LongPoll {
    private final MessageWaiter waiter;
    private final GureumClock clock;
    private final Executor retries;

    LongPoll(MessageWaiter waiter, GureumClock clock, Executor retries) {
        this.waiter = waiter;
        this.clock = clock;
        this.retries = retries;
    }

    CompletableFuture<List<Queue.Delivery>> receive(Queue queue, int max, int visibilityTimeout, String attemptId,
            int waitSeconds, Function<String, Queue> queuesByArn) {
        long deadline = clock.now().toEpochMilli() + waitSeconds * 1000L;
        return attempt(queue, max, visibilityTimeout, attemptId, deadline, queuesByArn);
    }

    private CompletableFuture<List<Queue.Delivery>> attempt(Queue queue, int max, int visibilityTimeout,
            String attemptId, long deadline, Function<String, Queue> queuesByArn) {
        long now = clock.now().toEpochMilli();
        List<Queue.Delivery> got = queue.receive(max, visibilityTimeout, attemptId, now, queuesByArn);
        if (!got.isEmpty() || now >= deadline || queue.deleted()) {
            return CompletableFuture.completedFuture(got);
        }
        return waiter.await(queue, deadline).thenComposeAsync(
                v -> attempt(queue, max, visibilityTimeout, attemptId, deadline, queuesByArn), retries);
    }
}
