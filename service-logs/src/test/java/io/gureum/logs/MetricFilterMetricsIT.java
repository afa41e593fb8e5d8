package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.events.ServiceMetric;
import io.gureum.core.testing.MetricRecorder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.StandardUnit;

/** Events matching a metric filter publish its metric transformation on the server's event bus. */
class MetricFilterMetricsIT extends LogsTestSupport {

    @Test
    void matchingEventsEmitTheirTransformation() {
        String group = unique("g");
        String ns = unique("App");
        logs.createLogGroup(b -> b.logGroupName(group));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
        logs.putMetricFilter(b -> b.logGroupName(group).filterName("latency").filterPattern("{ $.status = 200 }")
                .metricTransformations(t -> t.metricName("Latency").metricNamespace(ns).metricValue("$.ms")
                        .unit(StandardUnit.MILLISECONDS).dimensions(Map.of("Path", "$.path"))));
        logs.putMetricFilter(b -> b.logGroupName(group).filterName("errors").filterPattern("ERROR")
                .metricTransformations(t -> t.metricName("Errors").metricNamespace(ns).metricValue("1")
                        .defaultValue(0.0)));
        long t0 = now();
        try (MetricRecorder metrics = new MetricRecorder(gureum)) {
            logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(
                    event(t0, "{\"status\": 200, \"ms\": 42, \"path\": \"/a\"}"),
                    event(t0 + 1, "{\"status\": 500, \"ms\": 7, \"path\": \"/a\"}"),
                    event(t0 + 2, "{\"status\": 200, \"ms\": 8, \"path\": \"/b\"}")));
            List<ServiceMetric> a = metrics.of(ns, "Latency", Map.of("Path", "/a"));
            assertEquals(1, a.size());
            assertEquals(42, a.get(0).value());
            assertEquals("Milliseconds", a.get(0).unit());
            assertEquals(Instant.ofEpochMilli(t0), a.get(0).timestamp());
            assertEquals(8, metrics.sum(ns, "Latency", Map.of("Path", "/b")));
            assertEquals(List.of(0.0), metrics.of(ns, "Errors", Map.of()).stream().map(ServiceMetric::value).toList(),
                    "no match: the default value once");

            logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(event(t0 + 3, "ERROR one"),
                    event(t0 + 4, "ok"), event(t0 + 5, "ERROR two")));
            assertEquals(2, metrics.sum(ns, "Errors", Map.of()));
            assertEquals("None", metrics.of(ns, "Errors", Map.of()).get(1).unit());
        }
    }
}
