package io.gureum.sqs;

import io.gureum.core.time.GureumClock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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

    /**
     * The deliveries, as soon as there are some or the wait time has passed. Cancelling the result
     * (the client went away) withdraws the wait, so no message is taken for nobody.
     */
    CompletableFuture<List<Queue.Delivery>> receive(Queue queue, int max, int visibilityTimeout, String attemptId,
            int waitSeconds, Function<String, Queue> queuesByArn) {
        long deadline = clock.now().toEpochMilli() + waitSeconds * 1000L;
        Poll poll = new Poll(queue, max, visibilityTimeout, attemptId, deadline, queuesByArn);
        poll.attempt();
        return poll.result;
    }

    /** One waiting receive: the answer, and the wait in progress that cancelling the answer withdraws. */
    private final class Poll {
        final CompletableFuture<List<Queue.Delivery>> result = new CompletableFuture<>();
        private final Queue queue;
        private final int max;
        private final int visibilityTimeout;
        private final String attemptId;
        private final long deadline;
        private final Function<String, Queue> queuesByArn;
        private volatile CompletableFuture<Void> waiting;

        Poll(Queue queue, int max, int visibilityTimeout, String attemptId, long deadline,
                Function<String, Queue> queuesByArn) {
            this.queue = queue;
            this.max = max;
            this.visibilityTimeout = visibilityTimeout;
            this.attemptId = attemptId;
            this.deadline = deadline;
            this.queuesByArn = queuesByArn;
            result.whenComplete((r, t) -> {
                CompletableFuture<Void> w = waiting;
                if (result.isCancelled() && w != null) {
                    w.cancel(false);
                }
            });
        }

        void attempt() {
            if (result.isDone()) {
                return;
            }
            try {
                long now = clock.now().toEpochMilli();
                List<Queue.Delivery> got = queue.receive(max, visibilityTimeout, attemptId, now, queuesByArn);
                if (!got.isEmpty() || now >= deadline || queue.deleted()) {
                    if (!result.complete(got)) {
                        release(got, now); // cancelled meanwhile: nobody will see these
                    }
                    return;
                }
                CompletableFuture<Void> w = waiter.await(queue, deadline);
                waiting = w;
                if (result.isCancelled()) {
                    w.cancel(false);
                    return;
                }
                w.whenComplete((v, t) -> {
                    try {
                        retries.execute(this::attempt);
                    } catch (RejectedExecutionException closing) {
                        result.complete(List.of()); // SQS is being reset or stopped: answer empty
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        private void release(List<Queue.Delivery> deliveries, long now) {
            for (Queue.Delivery d : deliveries) {
                try {
                    queue.changeVisibility(d.receiptHandle(), 0, now);
                } catch (RuntimeException goneMeanwhile) {
                    // deleted or received again: nothing to give back
                }
            }
        }
    }
}
