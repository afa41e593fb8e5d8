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

    /** A space-delimited pattern's named fields are what {@code $name} reads (FilterAndPatternSyntax.html). */
    @Test
    void spaceDelimitedFieldsGiveValuesAndDimensions() {
        String group = unique("g");
        String ns = unique("Web");
        logs.createLogGroup(b -> b.logGroupName(group));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
        logs.putMetricFilter(b -> b.logGroupName(group).filterName("bytes")
                .filterPattern("[ip, user, username, timestamp, request, status_code = 4*, bytes]")
                .metricTransformations(t -> t.metricName("Bytes").metricNamespace(ns).metricValue("$bytes")
                        .dimensions(Map.of("Status", "$status_code"))));
        long t0 = now();
        try (MetricRecorder metrics = new MetricRecorder(gureum)) {
            logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(
                    event(t0, "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /a.gif HTTP/1.0\" 404 1534"),
                    event(t0 + 1, "127.0.0.1 - frank [10/Oct/2000:13:25:16 -0700] \"GET /b.gif HTTP/1.0\" 200 99"),
                    event(t0 + 2, "127.0.0.1 - bob [10/Oct/2000:13:25:17 -0700] \"GET /c.gif HTTP/1.0\" 404 6")));
            assertEquals(1540, metrics.sum(ns, "Bytes", Map.of("Status", "404")));
            assertEquals(0, metrics.of(ns, "Bytes", Map.of("Status", "200")).size());
        }
    }

    /** applyOnTransformedLogs: the filter reads the transformed event; without it, the original (API_PutMetricFilter.html). */
    @Test
    void aFilterOnTransformedLogsReadsTheTransformedEvent() {
        String group = unique("g");
        String ns = unique("App");
        logs.createLogGroup(b -> b.logGroupName(group));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
        logs.putTransformer(b -> b.logGroupIdentifier(group).transformerConfig(
                software.amazon.awssdk.services.cloudwatchlogs.model.Processor.builder().parseKeyValue(p -> p
                        .fieldDelimiter(" ")).build(),
                software.amazon.awssdk.services.cloudwatchlogs.model.Processor.builder().typeConverter(c -> c
                        .entries(e -> e.key("ms").type("integer"))).build()));
        logs.putMetricFilter(b -> b.logGroupName(group).filterName("transformed").filterPattern("{ $.ms > 10 }")
                .applyOnTransformedLogs(true)
                .metricTransformations(t -> t.metricName("Slow").metricNamespace(ns).metricValue("$.ms")));
        logs.putMetricFilter(b -> b.logGroupName(group).filterName("original").filterPattern("{ $.ms > 10 }")
                .metricTransformations(t -> t.metricName("SlowOriginal").metricNamespace(ns).metricValue("1")));
        try (MetricRecorder metrics = new MetricRecorder(gureum)) {
            logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(event(now(), "ms=42 path=/a")));
            assertEquals(42, metrics.sum(ns, "Slow", Map.of()));
            assertEquals(List.of(), metrics.of(ns, "SlowOriginal", Map.of()), "the original is not JSON");
        }
    }
}
