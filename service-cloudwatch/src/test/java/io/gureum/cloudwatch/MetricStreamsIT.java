package io.gureum.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStreamResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricStreamsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricStreamFilter;
import software.amazon.awssdk.services.cloudwatch.model.MetricStreamOutputFormat;
import software.amazon.awssdk.services.cloudwatch.model.MetricStreamStatisticsConfiguration;
import software.amazon.awssdk.services.cloudwatch.model.MetricStreamStatisticsMetric;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricStreamRequest;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/** Metric streams: validation, running/stopped states, updates, pages and tags (delivery is not emulated). */
class MetricStreamsIT extends CloudWatchTestSupport {
    static final String FIREHOSE = "arn:aws:firehose:us-east-1:000000000000:deliverystream/metrics";
    static final String ROLE = "arn:aws:iam::000000000000:role/metric-stream";

    private static PutMetricStreamRequest.Builder stream(String name) {
        return PutMetricStreamRequest.builder().name(name).firehoseArn(FIREHOSE).roleArn(ROLE)
                .outputFormat(MetricStreamOutputFormat.JSON);
    }

    private static MetricStreamStatisticsConfiguration stats(String... statistics) {
        return MetricStreamStatisticsConfiguration.builder().includeMetrics(MetricStreamStatisticsMetric.builder()
                .namespace("AWS/EC2").metricName("CPUUtilization").build()).additionalStatistics(statistics).build();
    }

    @Test
    void streamsAreCreatedRunningStoppedStartedUpdatedAndDeleted() {
        String name = unique("stream");
        String arn = cw.putMetricStream(stream(name).includeFilters(MetricStreamFilter.builder().namespace("AWS/EC2")
                .metricNames("CPUUtilization").build()).statisticsConfigurations(stats("p99", "tm90", "PR(:300)"))
                .tags(Tag.builder().key("team").value("a").build()).build()).arn();
        assertEquals("arn:aws:cloudwatch:us-east-1:000000000000:metric-stream/" + name, arn);
        GetMetricStreamResponse s = cw.getMetricStream(b -> b.name(name));
        assertEquals(arn, s.arn());
        assertEquals("running", s.state());
        assertEquals(FIREHOSE, s.firehoseArn());
        assertEquals(ROLE, s.roleArn());
        assertEquals(MetricStreamOutputFormat.JSON, s.outputFormat());
        assertEquals("AWS/EC2", s.includeFilters().get(0).namespace());
        assertEquals(List.of("p99", "tm90", "PR(:300)"), s.statisticsConfigurations().get(0).additionalStatistics());
        assertNotNull(s.creationDate());
        assertEquals(s.creationDate(), s.lastUpdateDate());
        assertEquals(List.of(Tag.builder().key("team").value("a").build()),
                cw.listTagsForResource(b -> b.resourceARN(arn)).tags());

        cw.stopMetricStreams(b -> b.names(name));
        assertEquals("stopped", cw.getMetricStream(b -> b.name(name)).state());
        // An update keeps the state and the creation date.
        gureum.context().clock().advance(java.time.Duration.ofMinutes(1));
        cw.putMetricStream(stream(name).outputFormat(MetricStreamOutputFormat.OPENTELEMETRY1_0)
                .excludeFilters(MetricStreamFilter.builder().namespace("AWS/S3").build()).build());
        GetMetricStreamResponse updated = cw.getMetricStream(b -> b.name(name));
        assertEquals("stopped", updated.state());
        assertEquals(s.creationDate(), updated.creationDate());
        assertTrue(updated.lastUpdateDate().isAfter(s.lastUpdateDate()));
        assertEquals(MetricStreamOutputFormat.OPENTELEMETRY1_0, updated.outputFormat());
        assertEquals(List.of(), updated.includeFilters());
        assertEquals("AWS/S3", updated.excludeFilters().get(0).namespace());
        cw.startMetricStreams(b -> b.names(name));
        assertEquals("running", cw.getMetricStream(b -> b.name(name)).state());

        cw.deleteMetricStream(b -> b.name(name));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> cw.getMetricStream(b -> b.name(name)));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> cw.listTagsForResource(b -> b.resourceARN(arn)));
        cw.deleteMetricStream(b -> b.name(name));
    }

    @Test
    void invalidStreamsAreRejected() {
        assertError(InvalidParameterCombinationException.class, "InvalidParameterCombination", 400,
                () -> cw.putMetricStream(stream("both").includeFilters(MetricStreamFilter.builder().namespace("A")
                        .build()).excludeFilters(MetricStreamFilter.builder().namespace("B").build()).build()));
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.putMetricStream(stream("bad name!").build()));
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.putMetricStream(stream("arn").firehoseArn("arn:aws:s3:::bucket").build()));
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.putMetricStream(stream("acct").roleArn("arn:aws:iam::111111111111:role/r").build()));
        // OpenTelemetry streams take percentiles only; JSON streams any CloudWatch statistic.
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.putMetricStream(stream("otel").outputFormat(MetricStreamOutputFormat.OPENTELEMETRY0_7)
                        .statisticsConfigurations(stats("tm90")).build()));
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.putMetricStream(stream("json").statisticsConfigurations(stats("Median")).build()));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> cw.getMetricStream(b -> b.name("otel")));
    }

    @Test
    void streamsAreListedInPages() {
        String prefix = unique("page");
        for (int i = 0; i < 3; i++) {
            cw.putMetricStream(stream(prefix + "-" + i).build());
        }
        ListMetricStreamsResponse first = cw.listMetricStreams(b -> b.maxResults(2));
        assertEquals(2, first.entries().size());
        assertNotNull(first.nextToken());
        int seen = 0;
        String token = null;
        do {
            String t = token;
            ListMetricStreamsResponse page = cw.listMetricStreams(b -> b.nextToken(t).maxResults(2));
            seen += (int) page.entries().stream().filter(e -> e.name().startsWith(prefix)
                    && e.state().equals("running") && e.firehoseArn().equals(FIREHOSE)).count();
            token = page.nextToken();
        } while (token != null);
        assertEquals(3, seen);
    }
}
