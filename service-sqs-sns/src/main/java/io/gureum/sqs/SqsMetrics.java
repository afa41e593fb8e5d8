package io.gureum.sqs;

import io.gureum.core.events.EventBus;
import io.gureum.core.events.ServiceMetric;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.time.DueTimer;
import io.gureum.core.time.GureumClock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The metrics SQS publishes in {@code AWS/SQS} with the dimension {@code QueueName}
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html):
 * counts per request, and each minute the queue depth gauges. Nothing is built when nobody listens.
 */
final class SqsMetrics {
    static final String NAMESPACE = "AWS/SQS";

    private final EventBus events;
    private final GureumClock clock;

    SqsMetrics(ServiceContext context) {
        this.events = context.events();
        this.clock = context.clock();
    }

    /** {@code NumberOfMessagesSent} and {@code SentMessageSize} of one message added to {@code q}. */
    void sent(Queue q, Queue.SendSpec spec) {
        if (listening()) {
            count(q, "NumberOfMessagesSent", 1, "Count");
            count(q, "SentMessageSize", SqsMessage.sizeOf(spec.body(), spec.attributes()), "Bytes");
        }
    }

    /** {@code NumberOfMessagesReceived}, or {@code NumberOfEmptyReceives} for a receive that returned none. */
    void received(Queue q, int messages) {
        if (listening()) {
            if (messages == 0) {
                count(q, "NumberOfEmptyReceives", 1, "Count");
            } else {
                count(q, "NumberOfMessagesReceived", messages, "Count");
            }
        }
    }

    void deleted(Queue q) {
        if (listening()) {
            count(q, "NumberOfMessagesDeleted", 1, "Count");
        }
    }

    /**
     * Publishes every queue's gauges at each minute of the clock from now on:
     * {@code ApproximateNumberOfMessagesVisible}, {@code …NotVisible}, {@code …Delayed} and
     * {@code ApproximateAgeOfOldestMessage} (seconds).
     */
    void everyMinute(DueTimer timer, Supplier<Iterable<Queue>> queues) {
        Instant next = clock.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        timer.at(next, () -> {
            if (listening()) {
                long now = clock.now().toEpochMilli();
                for (Queue q : queues.get()) {
                    if (q.deleted()) {
                        continue;
                    }
                    Queue.Counts c = q.counts(now);
                    count(q, "ApproximateNumberOfMessagesVisible", c.visible(), "Count");
                    count(q, "ApproximateNumberOfMessagesNotVisible", c.inFlight(), "Count");
                    count(q, "ApproximateNumberOfMessagesDelayed", c.delayed(), "Count");
                    count(q, "ApproximateAgeOfOldestMessage", q.oldestAgeSeconds(now), "Seconds");
                }
            }
            everyMinute(timer, queues);
        });
    }

    private boolean listening() {
        return events.hasSubscribers(ServiceMetric.class);
    }

    private void count(Queue q, String name, double value, String unit) {
        events.publish(new ServiceMetric(q.account, q.region, NAMESPACE, name, Map.of("QueueName", q.name), value,
                unit, clock.now()));
    }
}
