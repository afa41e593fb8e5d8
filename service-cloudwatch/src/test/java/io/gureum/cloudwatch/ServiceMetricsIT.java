package io.gureum.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.events.ServiceMetric;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** Metrics services publish on the server's event bus arrive as their owner's AWS/… data points. */
class ServiceMetricsIT extends CloudWatchTestSupport {

    @Test
    void publishedMetricsAreStoredForTheirAccountAndRegion() {
        String queue = unique("q");
        String account = gureum.context().accounts().defaultAccount();
        var now = now();
        for (int i = 0; i < 3; i++) {
            gureum.context().events().publish(new ServiceMetric(account, "us-east-1", "AWS/SQS",
                    "NumberOfMessagesSent", Map.of("QueueName", queue), 1, "Count", now));
        }
        gureum.context().events().publish(new ServiceMetric(account, "eu-west-1", "AWS/SQS",
                "NumberOfMessagesSent", Map.of("QueueName", queue), 1, "Count", now));
        assertEquals(1, cw.listMetrics(b -> b.namespace("AWS/SQS").dimensions(d -> d.name("QueueName").value(queue)))
                .metrics().size());
        var stats = cw.getMetricStatistics(b -> b.namespace("AWS/SQS").metricName("NumberOfMessagesSent")
                .dimensions(d -> d.name("QueueName").value(queue)).startTime(now.minusSeconds(120))
                .endTime(now.plusSeconds(60)).period(60).statistics(Statistic.SUM));
        assertEquals(3.0, stats.datapoints().stream().mapToDouble(p -> p.sum()).sum());
        assertEquals("Count", stats.datapoints().get(0).unitAsString());
    }
}
