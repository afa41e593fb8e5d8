package io.gureum.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.DescribeInsightRulesResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetInsightRuleReportResponse;
import software.amazon.awssdk.services.cloudwatch.model.InsightRule;
import software.amazon.awssdk.services.cloudwatch.model.InsightRuleContributor;
import software.amazon.awssdk.services.cloudwatch.model.InsightRuleMetricDatapoint;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.PartialFailure;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.Tag;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

/** Contributor Insights rules: definitions checked, states, pages, tags, and reports over real log events. */
class InsightRulesIT extends CloudWatchTestSupport {
    static CloudWatchLogsClient logs;

    @BeforeAll
    static void logsClient() {
        logs = AwsClients.client(CloudWatchLogsClient.builder(), gureum);
    }

    @AfterAll
    static void closeLogs() {
        logs.close();
    }

    static String jsonRule(String groups, String aggregate, String valueOf, String filters) {
        return "{\"Schema\":{\"Name\":\"CloudWatchLogRule\",\"Version\":1},\"LogGroupNames\":" + groups
                + ",\"LogFormat\":\"JSON\",\"Contribution\":{\"Keys\":[\"$.ip\"]"
                + (valueOf == null ? "" : ",\"ValueOf\":\"" + valueOf + "\"")
                + (filters == null ? "" : ",\"Filters\":" + filters) + "},\"AggregateOn\":\"" + aggregate + "\"}";
    }

    private static void put(String group, String stream, List<Object[]> events) {
        List<InputLogEvent> in = new ArrayList<>();
        for (Object[] e : events) {
            in.add(InputLogEvent.builder().timestamp(((Instant) e[0]).toEpochMilli()).message((String) e[1]).build());
        }
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(in));
    }

    private static String access(String ip, String method, int bytes) {
        return "{\"ip\":\"" + ip + "\",\"httpMethod\":\"" + method + "\",\"requestBytes\":" + bytes + "}";
    }

    @Test
    void reportSumsContributorsPerPeriodFromTheRuleLogGroups() {
        String prefix = unique("/app/access");
        String group = prefix + "-a";
        logs.createLogGroup(b -> b.logGroupName(group));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
        String other = unique("/other");
        logs.createLogGroup(b -> b.logGroupName(other));
        logs.createLogStream(b -> b.logGroupName(other).logStreamName("s"));
        String rule = unique("bytes");
        cw.putInsightRule(b -> b.ruleName(rule).ruleDefinition(jsonRule("[\"" + prefix + "*\"]", "Sum",
                "$.requestBytes", "[{\"Match\":\"$.httpMethod\",\"In\":[\"PUT\"]}]")));

        Instant base = now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        put(group, "s", List.of(new Object[] {base.plusSeconds(1), access("10.0.0.1", "PUT", 100)},
                new Object[] {base.plusSeconds(2), access("10.0.0.2", "PUT", 30)},
                new Object[] {base.plusSeconds(3), access("10.0.0.1", "PUT", 50)},
                new Object[] {base.plusSeconds(4), access("10.0.0.3", "GET", 999)},
                new Object[] {base.plusSeconds(5), "not json"},
                new Object[] {base.plusSeconds(61), access("10.0.0.2", "PUT", 500)}));
        put(other, "s", List.<Object[]>of(new Object[] {base.plusSeconds(1), access("10.9.9.9", "PUT", 7777)}));

        GetInsightRuleReportResponse r = cw.getInsightRuleReport(b -> b.ruleName(rule)
                .startTime(base.minus(Duration.ofMinutes(5))).endTime(base.plus(Duration.ofMinutes(5))).period(60)
                .metrics("UniqueContributors", "MaxContributorValue", "SampleCount", "Sum", "Minimum", "Maximum",
                        "Average"));
        assertEquals(List.of("$.ip"), r.keyLabels());
        assertEquals("Sum", r.aggregationStatistic());
        assertEquals(680.0, r.aggregateValue());
        assertEquals(2L, r.approximateUniqueCount());
        List<InsightRuleContributor> c = r.contributors();
        assertEquals(2, c.size());
        assertEquals(List.of("10.0.0.2"), c.get(0).keys());
        assertEquals(530.0, c.get(0).approximateAggregateValue());
        assertEquals(2, c.get(0).datapoints().size());
        assertEquals(List.of("10.0.0.1"), c.get(1).keys());
        assertEquals(150.0, c.get(1).approximateAggregateValue());
        assertEquals(1, c.get(1).datapoints().size());
        assertEquals(base, c.get(1).datapoints().get(0).timestamp());

        List<InsightRuleMetricDatapoint> points = r.metricDatapoints();
        assertEquals(2, points.size());
        InsightRuleMetricDatapoint first = points.get(0);
        assertEquals(base, first.timestamp());
        assertEquals(2.0, first.uniqueContributors());
        assertEquals(150.0, first.maxContributorValue());
        assertEquals(3.0, first.sampleCount());
        assertEquals(180.0, first.sum());
        assertEquals(30.0, first.minimum());
        assertEquals(100.0, first.maximum());
        assertEquals(60.0, first.average());
        assertEquals(base.plusSeconds(60), points.get(1).timestamp());
        assertEquals(500.0, points.get(1).sum());

        // The same data through metric math: INSIGHT_RULE_METRIC in GetMetricData.
        var data = cw.getMetricData(b -> b.startTime(base.minus(Duration.ofMinutes(5)))
                .endTime(base.plus(Duration.ofMinutes(5))).metricDataQueries(q -> q.id("sum").period(60)
                        .expression("INSIGHT_RULE_METRIC('" + rule + "', 'Sum')"), q -> q.id("u").period(60)
                        .expression("INSIGHT_RULE_METRIC('" + rule + "', 'UniqueContributors') * 10"))
                .scanBy("TimestampAscending")).metricDataResults();
        assertEquals(List.of(base, base.plusSeconds(60)), data.get(0).timestamps());
        assertEquals(List.of(180.0, 500.0), data.get(0).values());
        assertEquals(List.of(20.0, 10.0), data.get(1).values());
        assertError(software.amazon.awssdk.services.cloudwatch.model.CloudWatchException.class, "ValidationError", 400,
                () -> cw.getMetricData(b -> b.startTime(base).endTime(base.plusSeconds(600)).metricDataQueries(
                        q -> q.id("x").period(60).expression("INSIGHT_RULE_METRIC('no-such-rule', 'Sum')"))));

        // Only the metrics asked for; one contributor at most; ranked by their largest period.
        GetInsightRuleReportResponse top = cw.getInsightRuleReport(b -> b.ruleName(rule)
                .startTime(base.minus(Duration.ofMinutes(5))).endTime(base.plus(Duration.ofMinutes(5))).period(300)
                .maxContributorCount(1).orderBy("Maximum").metrics("SampleCount"));
        assertEquals(1, top.contributors().size());
        assertEquals(List.of("10.0.0.2"), top.contributors().get(0).keys());
        // Periods are aligned on multiples of 300 seconds: the four events fall in one or two of them.
        assertEquals(4.0, top.metricDatapoints().stream().mapToDouble(InsightRuleMetricDatapoint::sampleCount).sum());
        assertNull(top.metricDatapoints().get(0).sum());
    }

    @Test
    void countRulesWithClfFieldsAndNumericFilters() {
        String group = unique("/clf");
        logs.createLogGroup(b -> b.logGroupName(group));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
        String rule = unique("clf");
        cw.putInsightRule(b -> b.ruleName(rule).ruleDefinition("{\"Schema\":{\"Name\":\"CloudWatchLogRule\","
                + "\"Version\":1},\"LogGroupNames\":[\"" + group + "\"],\"LogFormat\":\"CLF\",\"Fields\":{\"1\":"
                + "\"IpAddress\",\"6\":\"StatusCode\"},\"Contribution\":{\"Keys\":[\"IpAddress\"],\"Filters\":[{"
                + "\"Match\":\"StatusCode\",\"GreaterThan\":399}]},\"AggregateOn\":\"Count\"}"));
        Instant base = now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(3));
        String line = "%s - - [10/Oct/2000:13:55:36 -0700] \"GET /x HTTP/1.0\" %d 2326";
        put(group, "s", List.of(new Object[] {base.plusSeconds(1), String.format(line, "1.1.1.1", 500)},
                new Object[] {base.plusSeconds(2), String.format(line, "1.1.1.1", 404)},
                new Object[] {base.plusSeconds(3), String.format(line, "2.2.2.2", 503)},
                new Object[] {base.plusSeconds(4), String.format(line, "3.3.3.3", 200)}));
        GetInsightRuleReportResponse r = cw.getInsightRuleReport(b -> b.ruleName(rule).startTime(base)
                .endTime(base.plus(Duration.ofMinutes(1))).period(60).metrics("SampleCount", "Sum", "Maximum"));
        assertEquals("Count", r.aggregationStatistic());
        assertEquals(List.of("IpAddress"), r.keyLabels());
        assertEquals(List.of("1.1.1.1"), r.contributors().get(0).keys());
        assertEquals(2.0, r.contributors().get(0).approximateAggregateValue());
        assertEquals(List.of("2.2.2.2"), r.contributors().get(1).keys());
        assertEquals(3.0, r.metricDatapoints().get(0).sampleCount());
        assertEquals(3.0, r.metricDatapoints().get(0).sum());
        assertEquals(1.0, r.metricDatapoints().get(0).maximum());
    }

    @Test
    void disabledRulesDoNotAnalyzeEventsIngestedMeanwhile() {
        String group = unique("/toggle");
        logs.createLogGroup(b -> b.logGroupName(group));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
        String rule = unique("toggle");
        cw.putInsightRule(b -> b.ruleName(rule).ruleState("DISABLED").ruleDefinition(jsonRule("[\"" + group + "\"]",
                "Count", null, null)));
        Instant base = now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(3));
        put(group, "s", List.<Object[]>of(new Object[] {base.plusSeconds(1), access("1.1.1.1", "GET", 1)}));
        assertEquals(List.of(), report(rule, base).contributors());

        gureum.context().clock().advance(Duration.ofSeconds(1));
        cw.enableInsightRules(b -> b.ruleNames(rule));
        assertEquals("ENABLED", describe(rule).state());
        put(group, "s", List.<Object[]>of(new Object[] {base.plusSeconds(2), access("2.2.2.2", "GET", 1)}));
        assertEquals(List.of("2.2.2.2"), report(rule, base).contributors().get(0).keys());
        assertEquals(1, report(rule, base).contributors().size());

        List<PartialFailure> failures = cw.disableInsightRules(b -> b.ruleNames(rule, "no-such-rule")).failures();
        assertEquals(1, failures.size());
        assertEquals("no-such-rule", failures.get(0).failureResource());
        assertEquals("DISABLED", describe(rule).state());
        gureum.context().clock().advance(Duration.ofSeconds(1));
        put(group, "s", List.<Object[]>of(new Object[] {base.plusSeconds(3), access("3.3.3.3", "GET", 1)}));
        assertEquals(1, report(rule, base).contributors().size());
    }

    private static GetInsightRuleReportResponse report(String rule, Instant base) {
        return cw.getInsightRuleReport(b -> b.ruleName(rule).startTime(base).endTime(base.plus(Duration.ofMinutes(1)))
                .period(60));
    }

    private static InsightRule describe(String name) {
        String token = null;
        do {
            String t = token;
            DescribeInsightRulesResponse page = cw.describeInsightRules(b -> b.nextToken(t));
            for (InsightRule r : page.insightRules()) {
                if (r.name().equals(name)) {
                    return r;
                }
            }
            token = page.nextToken();
        } while (token != null);
        return null;
    }

    @Test
    void alarmsWatchRuleMetricsOnTheClock() throws Exception {
        String group = unique("/alarmed");
        logs.createLogGroup(b -> b.logGroupName(group));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
        String rule = unique("errors");
        cw.putInsightRule(b -> b.ruleName(rule).ruleDefinition(jsonRule("[\"" + group + "\"]", "Count", null, null)));
        String alarm = unique("many-callers");
        cw.putMetricAlarm(b -> b.alarmName(alarm).evaluationPeriods(1).threshold(2.0)
                .comparisonOperator(software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator
                        .GREATER_THAN_THRESHOLD)
                .metrics(q -> q.id("callers").period(60).returnData(true)
                        .expression("INSIGHT_RULE_METRIC('" + rule + "', 'UniqueContributors')")));
        Instant t = now();
        put(group, "s", List.of(new Object[] {t, access("1.1.1.1", "GET", 1)},
                new Object[] {t, access("2.2.2.2", "GET", 1)}, new Object[] {t, access("3.3.3.3", "GET", 1)}));
        gureum.context().clock().advance(Duration.ofSeconds(60));
        for (int i = 0; i < 1200 && !"ALARM".equals(alarmState(alarm)); i++) {
            Thread.sleep(100);
        }
        assertEquals("ALARM", alarmState(alarm));
    }

    private static String alarmState(String name) {
        return cw.describeAlarms(b -> b.alarmNames(name)).metricAlarms().get(0).stateValueAsString();
    }

    @Test
    void invalidDefinitionsAreRejected() {
        String ok = jsonRule("[\"g\"]", "Count", null, null);
        String[] bad = {
            "not json",
            ok.replace("CloudWatchLogRule", "Other"),
            ok.replace("\"JSON\"", "\"XML\""),
            ok.replace("\"Count\"", "\"Avg\""),
            jsonRule("[\"g\"]", "Sum", null, null),
            ok.replace("[\"$.ip\"]", "[]"),
            ok.replace("[\"$.ip\"]", "[\"$.a\",\"$.b\",\"$.c\",\"$.d\",\"$.e\"]"),
            ok.replace("[\"$.ip\"]", "[\"ip\"]"),
            jsonRule("[\"g\"]", "Count", null, "[{\"Match\":\"$.a\",\"Contains\":[\"x\"]}]"),
            jsonRule("[\"g\"]", "Count", null, "[{\"Match\":\"$.a\",\"EqualTo\":\"x\"}]"),
            jsonRule("[\"g\"]", "Count", null, "[{\"Match\":\"$.a\",\"In\":[\"x\"],\"NotIn\":[\"y\"]}]"),
            jsonRule("[\"g\"]", "Count", null, "[{\"Match\":\"$.a\",\"IsPresent\":true},{\"Match\":\"$.a\","
                    + "\"IsPresent\":true},{\"Match\":\"$.a\",\"IsPresent\":true},{\"Match\":\"$.a\",\"IsPresent\":"
                    + "true},{\"Match\":\"$.a\",\"IsPresent\":true}]"),
            jsonRule("[\"g\"]", "Count", null, "[{\"Match\":\"$.a\",\"In\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\","
                    + "\"7\",\"8\",\"9\",\"10\",\"11\"]}]"),
            ok.replace("\"LogGroupNames\":[\"g\"],", ""),
        };
        for (String definition : bad) {
            assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                    () -> cw.putInsightRule(b -> b.ruleName("bad").ruleDefinition(definition)));
        }
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.putInsightRule(b -> b.ruleName("bad").ruleState("ON").ruleDefinition(ok)));
        assertNull(describe("bad"));
    }

    @Test
    void rulesAreListedInPagesTaggedUpdatedAndDeleted() {
        String prefix = unique("page");
        String def = jsonRule("[\"g\"]", "Count", null, null);
        for (int i = 0; i < 3; i++) {
            String name = prefix + "-" + i;
            cw.putInsightRule(b -> b.ruleName(name).ruleDefinition(def).tags(Tag.builder().key("k").value("v")
                    .build()));
        }
        DescribeInsightRulesResponse first = cw.describeInsightRules(b -> b.maxResults(1));
        assertEquals(1, first.insightRules().size());
        assertNotNull(first.nextToken());
        InsightRule rule = describe(prefix + "-0");
        assertEquals("ENABLED", rule.state());
        assertEquals("{\"Name\": \"CloudWatchLogRule\", \"Version\": 1}", rule.schema());
        assertEquals(def, rule.definition());
        assertFalse(rule.managedRule());

        String arn = "arn:aws:cloudwatch:us-east-1:000000000000:insight-rule/" + prefix + "-0";
        assertEquals(List.of(Tag.builder().key("k").value("v").build()),
                cw.listTagsForResource(b -> b.resourceARN(arn)).tags());
        cw.tagResource(b -> b.resourceARN(arn).tags(Tag.builder().key("team").value("a").build()));
        cw.untagResource(b -> b.resourceARN(arn).tagKeys("k"));
        assertEquals(List.of(Tag.builder().key("team").value("a").build()),
                cw.listTagsForResource(b -> b.resourceARN(arn)).tags());
        // An update keeps the tags (Tags are ignored then, as documented) and may change the state.
        String def2 = jsonRule("[\"h*\"]", "Count", null, null);
        cw.putInsightRule(b -> b.ruleName(prefix + "-0").ruleDefinition(def2).ruleState("DISABLED")
                .tags(Tag.builder().key("x").value("y").build()));
        assertEquals(def2, describe(prefix + "-0").definition());
        assertEquals("DISABLED", describe(prefix + "-0").state());
        assertEquals(1, cw.listTagsForResource(b -> b.resourceARN(arn)).tags().size());

        List<PartialFailure> failures = cw.deleteInsightRules(b -> b.ruleNames(prefix + "-0", prefix + "-1",
                prefix + "-9")).failures();
        assertEquals(1, failures.size());
        assertEquals(prefix + "-9", failures.get(0).failureResource());
        assertNull(describe(prefix + "-0"));
        assertNotNull(describe(prefix + "-2"));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> cw.listTagsForResource(b -> b.resourceARN(arn)));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> cw.getInsightRuleReport(b -> b.ruleName(prefix + "-0").startTime(now().minusSeconds(60))
                        .endTime(now()).period(60)));
        Instant t = now();
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.getInsightRuleReport(b -> b.ruleName(prefix + "-2").startTime(t).endTime(t.minusSeconds(60))
                        .period(60)));
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.getInsightRuleReport(b -> b.ruleName(prefix + "-2").startTime(t.minusSeconds(60)).endTime(t)
                        .period(60).maxContributorCount(101)));
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.getInsightRuleReport(b -> b.ruleName(prefix + "-2").startTime(t.minusSeconds(60)).endTime(t)
                        .period(60).metrics("p99")));
        assertTrue(cw.getInsightRuleReport(b -> b.ruleName(prefix + "-2").startTime(t.minusSeconds(60)).endTime(t)
                .period(60)).contributors().isEmpty());
    }
}
