package io.gureum.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetInsightRuleReportResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStreamResponse;
import software.amazon.awssdk.services.cloudwatch.model.InsightRule;
import software.amazon.awssdk.services.cloudwatch.model.MetricStreamOutputFormat;
import software.amazon.awssdk.services.cloudwatch.model.Tag;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/** Contributor Insights rules and metric streams found again after a restart on the same --data-dir. */
class InsightRulesAndStreamsRestartIT {
    private static final String GROUP = "/restart/access";
    private static final String RULE_ARN = "arn:aws:cloudwatch:us-east-1:000000000000:insight-rule/ips";
    private static final String STREAM_ARN = "arn:aws:cloudwatch:us-east-1:000000000000:metric-stream/s1";

    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static GetInsightRuleReportResponse report(CloudWatchClient cw, Instant base) {
        return cw.getInsightRuleReport(b -> b.ruleName("ips").startTime(base).endTime(base.plus(Duration.ofMinutes(1)))
                .period(60));
    }

    @Test
    void rulesStreamsTheirStatesAndTagsSurviveARestart() {
        Instant base;
        try (Gureum g = start(); CloudWatchClient cw = AwsClients.client(CloudWatchClient.builder(), g);
                CloudWatchLogsClient logs = AwsClients.client(CloudWatchLogsClient.builder(), g)) {
            logs.createLogGroup(b -> b.logGroupName(GROUP));
            logs.createLogStream(b -> b.logGroupName(GROUP).logStreamName("s"));
            cw.putInsightRule(b -> b.ruleName("ips").ruleDefinition(InsightRulesIT.jsonRule("[\"/restart/*\"]",
                    "Count", null, null)).tags(Tag.builder().key("team").value("a").build()));
            cw.putInsightRule(b -> b.ruleName("gone").ruleDefinition(InsightRulesIT.jsonRule("[\"x\"]", "Count",
                    null, null)));
            cw.putInsightRule(b -> b.ruleName("off").ruleState("DISABLED").ruleDefinition(InsightRulesIT.jsonRule(
                    "[\"x\"]", "Count", null, null)));
            cw.deleteInsightRules(b -> b.ruleNames("gone"));
            base = g.context().clock().now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(2));
            logs.putLogEvents(b -> b.logGroupName(GROUP).logStreamName("s").logEvents(e -> e.timestamp(
                    base.plusSeconds(1).toEpochMilli()).message("{\"ip\":\"1.1.1.1\"}")));
            assertEquals(1, report(cw, base).contributors().size());

            cw.putMetricStream(b -> b.name("s1").firehoseArn(MetricStreamsIT.FIREHOSE).roleArn(MetricStreamsIT.ROLE)
                    .outputFormat(MetricStreamOutputFormat.OPENTELEMETRY1_0)
                    .tags(Tag.builder().key("k").value("v").build()));
            cw.putMetricStream(b -> b.name("s2").firehoseArn(MetricStreamsIT.FIREHOSE).roleArn(MetricStreamsIT.ROLE)
                    .outputFormat(MetricStreamOutputFormat.JSON));
            cw.stopMetricStreams(b -> b.names("s1"));
            cw.deleteMetricStream(b -> b.name("s2"));
        }
        try (Gureum g = start(); CloudWatchClient cw = AwsClients.client(CloudWatchClient.builder(), g)) {
            List<InsightRule> rules = cw.describeInsightRules(b -> b.maxResults(10)).insightRules();
            assertEquals(List.of("ips", "off"), rules.stream().map(InsightRule::name).toList());
            assertEquals("ENABLED", rules.get(0).state());
            assertEquals("DISABLED", rules.get(1).state());
            assertEquals(List.of(Tag.builder().key("team").value("a").build()),
                    cw.listTagsForResource(b -> b.resourceARN(RULE_ARN)).tags());
            // The enabled time is kept: the event ingested while enabled is still analyzed.
            GetInsightRuleReportResponse r = report(cw, base);
            assertEquals(List.of("1.1.1.1"), r.contributors().get(0).keys());

            GetMetricStreamResponse s = cw.getMetricStream(b -> b.name("s1"));
            assertEquals("stopped", s.state());
            assertEquals(MetricStreamOutputFormat.OPENTELEMETRY1_0, s.outputFormat());
            assertEquals(STREAM_ARN, s.arn());
            assertEquals(List.of(Tag.builder().key("k").value("v").build()),
                    cw.listTagsForResource(b -> b.resourceARN(STREAM_ARN)).tags());
            assertEquals(1, cw.listMetricStreams(b -> b.maxResults(10)).entries().size());
            // Tags changed after the restart are journaled too.
            cw.untagResource(b -> b.resourceARN(STREAM_ARN).tagKeys("k"));
        }
        try (Gureum g = start(); CloudWatchClient cw = AwsClients.client(CloudWatchClient.builder(), g)) {
            assertTrue(cw.listTagsForResource(b -> b.resourceARN(STREAM_ARN)).tags().isEmpty());
        }
    }
}
