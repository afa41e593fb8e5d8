package io.gureum.sns;

import io.gureum.core.events.EventBus;
import io.gureum.core.events.ServiceMetric;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.time.GureumClock;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The metrics SNS publishes in {@code AWS/SNS} with the dimension {@code TopicName}
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-monitoring-using-cloudwatch.html): each publish and each
 * delivery to a subscription. Nothing is built when nobody listens.
 */
final class SnsMetrics {
    static final String NAMESPACE = "AWS/SNS";

    private final EventBus events;
    private final GureumClock clock;

    SnsMetrics(ServiceContext context) {
        this.events = context.events();
        this.clock = context.clock();
    }

    /** {@code NumberOfMessagesPublished} and {@code PublishSize} (the message and its attributes, in bytes). */
    void published(Topic topic, SnsMessage m) {
        if (listening()) {
            long size = m.message().getBytes(StandardCharsets.UTF_8).length;
            for (var e : m.attributes().entrySet()) {
                size += e.getKey().length() + e.getValue().dataType().length()
                        + (e.getValue().binary() != null ? e.getValue().binary().length
                                : e.getValue().value() == null ? 0 : e.getValue().value().length());
            }
            count(topic, "NumberOfMessagesPublished", 1, "Count");
            count(topic, "PublishSize", size, "Bytes");
        }
    }

    /** {@code NumberOfNotificationsDelivered} or {@code NumberOfNotificationsFailed} of one delivery. */
    void delivered(Topic topic, boolean ok) {
        if (listening()) {
            count(topic, ok ? "NumberOfNotificationsDelivered" : "NumberOfNotificationsFailed", 1, "Count");
        }
    }

    private boolean listening() {
        return events.hasSubscribers(ServiceMetric.class);
    }

    private void count(Topic topic, String name, double value, String unit) {
        events.publish(new ServiceMetric(topic.account, topic.region, NAMESPACE, name,
                Map.of("TopicName", topic.name), value, unit, clock.now()));
    }
}
