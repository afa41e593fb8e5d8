package io.gureum.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.testing.MetricRecorder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SNS publishes its AWS/SNS metrics on the server's event bus. */
class SnsMetricsIT extends SnsTestSupport {
    private static final String NS = "AWS/SNS";

    @Test
    void countsPublishesAndDeliveries() {
        String name = unique("metrics");
        Map<String, String> topic = Map.of("TopicName", name);
        try (MetricRecorder metrics = new MetricRecorder(gureum)) {
            String topicArn = sns.createTopic(b -> b.name(name)).topicArn();
            String queueUrl = sqs.createQueue(b -> b.queueName(unique("sub"))).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings().get("QueueArn");
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs")
                    .endpoint("arn:aws:sqs:us-east-1:000000000000:" + unique("missing")));
            sns.publish(b -> b.topicArn(topicArn).message("hello"));

            assertEquals(1, metrics.sum(NS, "NumberOfMessagesPublished", topic));
            assertEquals(5, metrics.sum(NS, "PublishSize", topic));
            assertEquals(1, metrics.await(NS, "NumberOfNotificationsDelivered", topic, 1).size());
            assertEquals(1, metrics.await(NS, "NumberOfNotificationsFailed", topic, 1).size());
        }
    }
}
