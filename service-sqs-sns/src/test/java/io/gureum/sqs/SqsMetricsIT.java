package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.events.ServiceMetric;
import io.gureum.core.testing.MetricRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** SQS publishes its AWS/SQS metrics on the server's event bus. */
class SqsMetricsIT extends SqsTestSupport {
    private static final String NS = "AWS/SQS";

    @Test
    void countsSendsReceivesDeletesAndEmptyReceives() {
        String name = unique("metrics");
        Map<String, String> queue = Map.of("QueueName", name);
        try (MetricRecorder metrics = new MetricRecorder(gureum)) {
            String url = createQueue(name);
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello"));
            sqs.sendMessageBatch(b -> b.queueUrl(url).entries(e -> e.id("a").messageBody("abc"),
                    e -> e.id("b").messageBody("de")));
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
            got.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
            sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(0));

            assertEquals(3, metrics.sum(NS, "NumberOfMessagesSent", queue));
            List<ServiceMetric> sizes = metrics.of(NS, "SentMessageSize", queue);
            assertEquals(List.of(5.0, 3.0, 2.0), sizes.stream().map(ServiceMetric::value).toList());
            assertEquals("Bytes", sizes.get(0).unit());
            assertEquals(got.size(), metrics.sum(NS, "NumberOfMessagesReceived", queue));
            assertEquals(got.size(), metrics.sum(NS, "NumberOfMessagesDeleted", queue));
            assertEquals(1, metrics.sum(NS, "NumberOfEmptyReceives", queue));
            ServiceMetric sent = metrics.of(NS, "NumberOfMessagesSent", queue).get(0);
            assertEquals("Count", sent.unit());
            assertEquals("000000000000", sent.account());
            assertEquals("us-east-1", sent.region());
        }
    }

    @Test
    void queueDepthGaugesEveryMinuteOnTheClock() {
        String name = unique("gauges");
        Map<String, String> queue = Map.of("QueueName", name);
        try (MetricRecorder metrics = new MetricRecorder(gureum)) {
            String url = createQueue(name);
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("one"));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("two"));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("later").delaySeconds(900));
            sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1).visibilityTimeout(43_200));
            // Real time may also cross a minute while the test runs: wait for the advance's tick, read the last.
            int before = metrics.of(NS, "ApproximateAgeOfOldestMessage", queue).size();
            gureum.context().clock().advance(Duration.ofMinutes(2));
            ServiceMetric age = last(metrics.await(NS, "ApproximateAgeOfOldestMessage", queue, before + 1));
            assertEquals(1, last(metrics.of(NS, "ApproximateNumberOfMessagesVisible", queue)).value());
            assertEquals(1, last(metrics.of(NS, "ApproximateNumberOfMessagesNotVisible", queue)).value());
            assertEquals(1, last(metrics.of(NS, "ApproximateNumberOfMessagesDelayed", queue)).value());
            assertEquals("Seconds", age.unit());
            assertEquals(true, age.value() >= 120, "at least the two minutes the clock moved: " + age.value());
        }
    }

    private static ServiceMetric last(List<ServiceMetric> points) {
        return points.get(points.size() - 1);
    }
}
