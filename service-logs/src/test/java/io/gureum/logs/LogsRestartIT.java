package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.testing.Snapshots;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupClass;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryInfo;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** What CloudWatch Logs finds again after a restart on the same --data-dir. */
class LogsRestartIT {
    private static final String DATA_PROTECTION = "{\"Name\":\"p\",\"Version\":\"2021-06-01\",\"Statement\":["
            + "{\"Sid\":\"audit\",\"DataIdentifier\":[\"arn:aws:dataprotection::aws:data-identifier/EmailAddress\"],"
            + "\"Operation\":{\"Audit\":{\"FindingsDestination\":{}}}},"
            + "{\"Sid\":\"redact\",\"DataIdentifier\":[\"arn:aws:dataprotection::aws:data-identifier/EmailAddress\"],"
            + "\"Operation\":{\"Deidentify\":{\"MaskConfig\":{}}}}]}";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"es.amazonaws.com\"},\"Action\":\"logs:PutLogEvents\",\"Resource\":\"*\"}]}";

    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static CloudWatchLogsClient logs(Gureum g) {
        return AwsClients.client(CloudWatchLogsClient.builder(), g);
    }

    private static InputLogEvent event(long t, String message) {
        return InputLogEvent.builder().timestamp(t).message(message).build();
    }

    private static List<OutputLogEvent> events(CloudWatchLogsClient logs, String group, String stream) {
        return logs.getLogEvents(b -> b.logGroupName(group).logStreamName(stream).startFromHead(true)).events();
    }

    @Test
    void groupsStreamsEventsFiltersAndPoliciesSurviveARestart() {
        List<OutputLogEvent> before;
        String definitionId;
        String detectorArn;
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g)) {
            long t = g.context().clock().now().toEpochMilli();
            logs.createLogGroup(b -> b.logGroupName("/app/web").tags(Map.of("team", "a")));
            logs.putRetentionPolicy(b -> b.logGroupName("/app/web").retentionInDays(30));
            logs.createLogGroup(b -> b.logGroupName("/app/cold").logGroupClass(LogGroupClass.INFREQUENT_ACCESS));
            logs.createLogGroup(b -> b.logGroupName("/app/gone"));
            logs.deleteLogGroup(b -> b.logGroupName("/app/gone"));
            logs.createLogStream(b -> b.logGroupName("/app/web").logStreamName("s1"));
            logs.putLogEvents(b -> b.logGroupName("/app/web").logStreamName("s1")
                    .logEvents(event(t - 3000, "first"), event(t - 2000, "ERROR second")));
            logs.putLogEvents(b -> b.logGroupName("/app/web").logStreamName("s1").logEvents(event(t - 1000, "third")));
            logs.createLogStream(b -> b.logGroupName("/app/web").logStreamName("recreated"));
            logs.putLogEvents(b -> b.logGroupName("/app/web").logStreamName("recreated")
                    .logEvents(event(t - 500, "old stream's event")));
            logs.deleteLogStream(b -> b.logGroupName("/app/web").logStreamName("recreated"));
            logs.createLogStream(b -> b.logGroupName("/app/web").logStreamName("recreated"));
            logs.putMetricFilter(b -> b.logGroupName("/app/web").filterName("errors").filterPattern("ERROR")
                    .metricTransformations(m -> m.metricName("Errors").metricNamespace("App").metricValue("1")));
            logs.putDestination(b -> b.destinationName("dest").targetArn("arn:aws:kinesis:us-east-1:000000000000:stream/s")
                    .roleArn("arn:aws:iam::000000000000:role/r"));
            logs.putDestinationPolicy(b -> b.destinationName("dest").accessPolicy(POLICY));
            logs.putResourcePolicy(b -> b.policyName("es").policyDocument(POLICY));
            logs.putDataProtectionPolicy(b -> b.logGroupIdentifier("/app/web").policyDocument(DATA_PROTECTION));
            definitionId = logs.putQueryDefinition(b -> b.name("errors").queryString("fields @message | limit 5")
                    .logGroupNames("/app/web")).queryDefinitionId();
            detectorArn = logs.createLogAnomalyDetector(b -> b.detectorName("d")
                    .logGroupArnList("arn:aws:logs:us-east-1:000000000000:log-group:/app/web")).anomalyDetectorArn();
            before = events(logs, "/app/web", "s1");
            assertEquals(3, before.size());
            // Another service's output (Lambda's) makes its group and stream.
            g.context().events().publish(new io.gureum.core.events.LogEvents("000000000000", "us-east-1",
                    "/aws/lambda/fn", "2026/12/06/[$LATEST]abc", List.of(new io.gureum.core.events.LogEvents.Event(t,
                            "START RequestId: 1"))));
        }
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g)) {
            List<LogGroup> groups = logs.describeLogGroups(b -> b.logGroupNamePrefix("/app/")).logGroups();
            assertEquals(List.of("/app/cold", "/app/web"), groups.stream().map(LogGroup::logGroupName).toList());
            assertEquals(LogGroupClass.INFREQUENT_ACCESS, groups.get(0).logGroupClass());
            assertEquals(30, groups.get(1).retentionInDays());
            assertEquals(Map.of("team", "a"), logs.listTagsForResource(b -> b.resourceArn(
                    "arn:aws:logs:us-east-1:000000000000:log-group:/app/web")).tags());
            assertEquals(before, events(logs, "/app/web", "s1"), "events keep their IDs, times and ingestion times");
            assertEquals(List.of(), events(logs, "/app/web", "recreated"), "a deleted stream's events stay deleted");
            assertEquals("ERROR", logs.describeMetricFilters(b -> b.logGroupName("/app/web")).metricFilters().get(0)
                    .filterPattern());
            assertEquals(POLICY, logs.describeDestinations(b -> b.destinationNamePrefix("dest")).destinations().get(0)
                    .accessPolicy());
            assertEquals(List.of("es"), logs.describeResourcePolicies(b -> b.limit(10)).resourcePolicies().stream()
                    .map(p -> p.policyName()).toList());
            assertEquals(DATA_PROTECTION, logs.getDataProtectionPolicy(b -> b.logGroupIdentifier("/app/web"))
                    .policyDocument());
            assertEquals(definitionId, logs.describeQueryDefinitions(b -> b.queryDefinitionNamePrefix("errors"))
                    .queryDefinitions().get(0).queryDefinitionId());
            assertEquals("d", logs.getLogAnomalyDetector(b -> b.anomalyDetectorArn(detectorArn)).detectorName());
            assertThrows(ResourceNotFoundException.class,
                    () -> logs.describeLogStreams(b -> b.logGroupName("/app/gone")));
            assertEquals(List.of("START RequestId: 1"), events(logs, "/aws/lambda/fn", "2026/12/06/[$LATEST]abc")
                    .stream().map(OutputLogEvent::message).toList());

            long t = g.context().clock().now().toEpochMilli();
            logs.putLogEvents(b -> b.logGroupName("/app/web").logStreamName("s1").logEvents(event(t, "fourth")));
            List<OutputLogEvent> after = events(logs, "/app/web", "s1");
            assertEquals(4, after.size());
            assertEquals(4, after.stream().map(OutputLogEvent::message).distinct().count());
            assertTrue(after.get(3).ingestionTime() >= after.get(2).ingestionTime());

            // Retention removes the old events on the clock; removing the policy afterwards does not revive them.
            g.context().clock().advance(Duration.ofDays(31));
            logs.deleteRetentionPolicy(b -> b.logGroupName("/app/web"));
            assertEquals(List.of(), events(logs, "/app/web", "s1"));
        }
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g)) {
            assertEquals(List.of(), events(logs, "/app/web", "s1"), "expired events stay expired after a restart");
            assertEquals(null, logs.describeLogGroups(b -> b.logGroupNamePrefix("/app/web")).logGroups().get(0)
                    .retentionInDays());
        }
    }

    @Test
    void aSnapshotTakenWhileServingKeepsEventsOnce() throws Exception {
        List<OutputLogEvent> before;
        System.setProperty("gureum.compactBytes", "8192");
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g)) {
            long t = g.context().clock().now().toEpochMilli();
            logs.createLogGroup(b -> b.logGroupName("snap"));
            logs.createLogStream(b -> b.logGroupName("snap").logStreamName("s"));
            int[] count = {0};
            Snapshots.writeUntilSnapshot(dataDir, n -> {
                count[0]++;
                logs.putLogEvents(b -> b.logGroupName("snap").logStreamName("s")
                        .logEvents(event(t - 3000 + n, "e" + n + " " + "x".repeat(500))));
            });
            logs.putLogEvents(b -> b.logGroupName("snap").logStreamName("s").logEvents(event(t, "last")));
            before = events(logs, "snap", "s");
            assertEquals(count[0] + 1, before.size());
        } finally {
            System.clearProperty("gureum.compactBytes");
        }
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g)) {
            assertEquals(before, events(logs, "snap", "s"), "events from the snapshot and the journal, each once");
        }
    }

    @Test
    void aTransformerAndTheTransformedEventsSurviveARestart() throws Exception {
        List<software.amazon.awssdk.services.cloudwatchlogs.model.Processor> config = List.of(
                software.amazon.awssdk.services.cloudwatchlogs.model.Processor.builder().parseKeyValue(p -> {
                }).build());
        long t;
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g)) {
            t = g.context().clock().now().toEpochMilli();
            logs.createLogGroup(b -> b.logGroupName("/app/kv"));
            logs.createLogStream(b -> b.logGroupName("/app/kv").logStreamName("s"));
            logs.putTransformer(b -> b.logGroupIdentifier("/app/kv").transformerConfig(config));
            logs.putStorageTierPolicy(b -> b.storageTier("INTELLIGENT_TIERING"));
            logs.putLogEvents(b -> b.logGroupName("/app/kv").logStreamName("s").logEvents(event(t, "user=ann")));
        }
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g)) {
            assertEquals(config, logs.getTransformer(b -> b.logGroupIdentifier("/app/kv")).transformerConfig());
            assertEquals("INTELLIGENT_TIERING", logs.getStorageTierPolicy(b -> { }).storageTierAsString());
            assertEquals("user=ann", events(logs, "/app/kv", "s").get(0).message());
            String id = logs.startQuery(b -> b.logGroupName("/app/kv").startTime(t / 1000 - 10)
                    .endTime(t / 1000 + 10).queryString("fields user")).queryId();
            var r = logs.getQueryResults(b -> b.queryId(id));
            for (int i = 0; i < 600 && (r.status() == software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus.SCHEDULED
                    || r.status() == software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus.RUNNING); i++) {
                Thread.sleep(100);
                r = logs.getQueryResults(b -> b.queryId(id));
            }
            assertEquals("ann", r.results().get(0).stream().filter(f -> f.field().equals("user"))
                    .findFirst().orElseThrow().value());
            logs.deleteTransformer(b -> b.logGroupIdentifier("/app/kv"));
        }
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g)) {
            assertThrows(ResourceNotFoundException.class,
                    () -> logs.getTransformer(b -> b.logGroupIdentifier("/app/kv")));
        }
    }

    @Test
    void syslogConfigurationsAndBearerTokenAuthenticationSurviveARestart() {
        long createdAt;
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g)) {
            logs.createLogGroup(b -> b.logGroupName("/app/syslog"));
            logs.putSyslogConfiguration(b -> b.logGroupIdentifier("/app/syslog").vpcEndpointId("vpce-0abc"));
            logs.putBearerTokenAuthentication(b -> b.logGroupIdentifier("/app/syslog")
                    .bearerTokenAuthenticationEnabled(true));
            createdAt = logs.listSyslogConfigurations(b -> { }).syslogConfigurations().get(0).createdAt();
        }
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g)) {
            var configs = logs.listSyslogConfigurations(b -> b.logGroupIdentifier("/app/syslog"))
                    .syslogConfigurations();
            assertEquals(1, configs.size());
            assertEquals("vpce-0abc", configs.get(0).vpcEndpointId());
            assertEquals(createdAt, configs.get(0).createdAt());
            assertEquals(true, logs.describeLogGroups(b -> b.logGroupNamePrefix("/app/syslog")).logGroups().get(0)
                    .bearerTokenAuthenticationEnabled());
        }
    }

    @Test
    void aScheduledQueryWithItsHistorySurvivesARestartAndKeepsRunning() throws Exception {
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g)) {
            logs.createLogGroup(b -> b.logGroupName("/app/sq"));
            logs.createScheduledQuery(b -> b.name("every5").queryLanguage("CWLI").queryString("fields @message")
                    .logGroupIdentifiers("/app/sq").scheduleExpression("rate(5 minutes)")
                    .executionRoleArn("arn:aws:iam::000000000000:role/r"));
            g.context().clock().advance(Duration.ofMinutes(5));
            awaitRuns(logs, 1);
        }
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g)) {
            assertEquals(1, awaitRuns(logs, 1));
            assertEquals("rate(5 minutes)", logs.getScheduledQuery(b -> b.identifier("every5")).scheduleExpression());
            g.context().clock().advance(Duration.ofMinutes(5));
            assertEquals(2, awaitRuns(logs, 2), "the restored query is armed again");
        }
    }

    private static int awaitRuns(CloudWatchLogsClient logs, int n) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            int runs = logs.getScheduledQueryHistory(b -> b.identifier("every5").startTime(0L)
                    .endTime(Long.MAX_VALUE / 2)).triggerHistory().size();
            if (runs >= n) {
                return runs;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the scheduled query did not run " + n + " times");
    }

    @Test
    void logsInsightsQueriesAndTheirResultsSurviveARestart() throws Exception {
        String done;
        String cancelled;
        String interrupted = "11111111-2222-3333-4444-555555555555";
        GetQueryResultsResponse results;
        List<QueryInfo> described;
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g)) {
            long t = g.context().clock().now().toEpochMilli();
            logs.createLogGroup(b -> b.logGroupName("/q/a"));
            logs.createLogStream(b -> b.logGroupName("/q/a").logStreamName("s"));
            logs.putLogEvents(b -> b.logGroupName("/q/a").logStreamName("s").logEvents(
                    event(t - 2000, "{\"level\":\"ERROR\",\"ms\":40}"), event(t - 1000, "{\"level\":\"INFO\"}"),
                    event(t, "{\"level\":\"ERROR\",\"ms\":20}")));
            long from = t / 1000 - 60;
            long to = t / 1000 + 60;
            done = logs.startQuery(b -> b.logGroupName("/q/a").startTime(from).endTime(to)
                    .queryString("filter level = 'ERROR' | fields @timestamp, ms | sort ms desc")).queryId();
            results = await(logs, done);
            assertEquals(QueryStatus.COMPLETE, results.status());
            assertEquals(2, results.results().size());
            // A query that ended Cancelled stays so; its StopQuery may come after the worker finished it.
            cancelled = logs.startQuery(b -> b.logGroupName("/q/a").startTime(from).endTime(to)
                    .queryString("fields @message")).queryId();
            try {
                logs.stopQuery(b -> b.queryId(cancelled));
            } catch (InvalidParameterException alreadyEnded) {
                // the worker was faster: it is Complete
            }
            await(logs, cancelled);
            // A query the server was running when it died: journaled at its start, never at its end.
            g.context().state().put(LogsRecords.SERVICE, "000000000000", "us-east-1", LogsRecords.QUERY, interrupted,
                    new InsightsQuery.Value(interrupted, "fields @message", "CWLI",
                            g.context().clock().now().toEpochMilli() + 1,
                            List.of("/q/a"), List.of("arn:aws:logs:us-east-1:000000000000:log-group:/q/a"),
                            from * 1000, to * 1000 + 999, 10_000, "Running", List.of(),
                            new InsightsQuery.Statistics(0, 0, 0, 0), 0));
            described = logs.describeQueries(b -> b.logGroupName("/q/a")).queries();
            logs.deleteLogGroup(b -> b.logGroupName("/q/a"));
        }
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g)) {
            GetQueryResultsResponse after = logs.getQueryResults(b -> b.queryId(done));
            assertEquals(results.status(), after.status());
            assertEquals(results.results(), after.results(), "the rows, in order, with their @ptr");
            assertEquals(results.statistics(), after.statistics());
            List<QueryInfo> again = logs.describeQueries(b -> b.logGroupName("/q/a")).queries();
            assertEquals(3, again.size(), "the interrupted query is listed too");
            assertEquals(interrupted, again.get(0).queryId(), "newest first");
            assertEquals(QueryStatus.FAILED, again.get(0).status(), "a run the restart cut short failed");
            assertEquals(described, again.subList(1, 3));
            assertEquals(QueryStatus.FAILED, logs.getQueryResults(b -> b.queryId(interrupted)).status());
            assertTrue(logs.getQueryResults(b -> b.queryId(interrupted)).results().isEmpty());
            assertEquals(List.of("arn:aws:logs:us-east-1:000000000000:log-group:/q/a"),
                    logs.listLogGroupsForQuery(b -> b.queryId(done)).logGroupIdentifiers(),
                    "the group it read, though deleted since");
            InvalidParameterException notRunning = assertThrows(InvalidParameterException.class,
                    () -> logs.stopQuery(b -> b.queryId(interrupted)));
            assertEquals(400, notRunning.statusCode());
        }
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g)) {
            assertEquals(QueryStatus.FAILED, logs.getQueryResults(b -> b.queryId(interrupted)).status(),
                    "its failure was recorded");
            assertEquals(results.results(), logs.getQueryResults(b -> b.queryId(done)).results());
            // Results are kept seven days after the query started.
            g.context().clock().advance(Duration.ofDays(7).plusMinutes(1));
        }
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g)) {
            ResourceNotFoundException gone = assertThrows(ResourceNotFoundException.class,
                    () -> logs.getQueryResults(b -> b.queryId(done)));
            assertEquals(400, gone.statusCode());
            assertTrue(logs.describeQueries(b -> b.logGroupName("/q/a")).queries().isEmpty());
        }
    }

    private static GetQueryResultsResponse await(CloudWatchLogsClient logs, String queryId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            GetQueryResultsResponse r = logs.getQueryResults(b -> b.queryId(queryId));
            if (r.status() != QueryStatus.SCHEDULED && r.status() != QueryStatus.RUNNING) {
                return r;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("query " + queryId + " did not end");
    }
}
