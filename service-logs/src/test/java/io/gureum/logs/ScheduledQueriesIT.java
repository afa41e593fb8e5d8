package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.ConflictException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ExecutionStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetScheduledQueryResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ScheduledQueryState;
import software.amazon.awssdk.services.cloudwatchlogs.model.ScheduledQuerySummary;
import software.amazon.awssdk.services.cloudwatchlogs.model.TriggerHistoryRecord;
import software.amazon.awssdk.services.cloudwatchlogs.model.ValidationException;
import software.amazon.awssdk.services.s3.S3Client;

/** Scheduled queries: CRUD, validation, runs on the clock with their history and results written to S3. */
class ScheduledQueriesIT extends LogsTestSupport {
    private static final String ROLE = "arn:aws:iam::000000000000:role/query";

    /** Polls until the query's history holds {@code n} runs: runs happen on a worker once the clock moves. */
    static List<TriggerHistoryRecord> history(String name, int n) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            List<TriggerHistoryRecord> h = logs.getScheduledQueryHistory(b -> b.identifier(name).startTime(0L)
                    .endTime(Long.MAX_VALUE / 2)).triggerHistory();
            if (h.size() >= n) {
                return h;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("scheduled query " + name + " did not run " + n + " times");
    }

    @Test
    void createGetListUpdateDelete() {
        String group = groupWithStream("s");
        String name = unique("sq");
        String arn = logs.createScheduledQuery(b -> b.name(name).queryLanguage("CWLI").queryString("fields @message")
                .logGroupIdentifiers(group).scheduleExpression("cron(0 12 * * ? *)").timezone("Europe/Paris")
                .startTimeOffset(3600L).executionRoleArn(ROLE).description("noon").tags(java.util.Map.of("team", "a")))
                .scheduledQueryArn();
        assertEquals("arn:aws:logs:us-east-1:000000000000:scheduled-query:" + name, arn);
        GetScheduledQueryResponse got = logs.getScheduledQuery(b -> b.identifier(arn));
        assertEquals(name, got.name());
        assertEquals(ScheduledQueryState.ENABLED, got.state());
        assertEquals("Europe/Paris", got.timezone());
        assertEquals(3600L, got.startTimeOffset());
        assertNull(got.lastTriggeredTime());
        logs.tagResource(b -> b.resourceArn(arn).tags(java.util.Map.of("env", "dev")));
        assertEquals(java.util.Map.of("team", "a", "env", "dev"), logs.listTagsForResource(b -> b.resourceArn(arn)).tags());
        assertError(ConflictException.class, "ConflictException", 400, null,
                () -> logs.createScheduledQuery(b -> b.name(name).queryLanguage("CWLI").queryString("fields @message")
                        .logGroupIdentifiers(group).scheduleExpression("rate(1 hour)").executionRoleArn(ROLE)));
        logs.updateScheduledQuery(b -> b.identifier(name).queryLanguage("CWLI").queryString("stats count(*)")
                .logGroupIdentifiers(group).scheduleExpression("rate(1 day)").executionRoleArn(ROLE)
                .state(ScheduledQueryState.DISABLED));
        got = logs.getScheduledQuery(b -> b.identifier(name));
        assertEquals("stats count(*)", got.queryString());
        assertNull(got.description(), "an update replaces the whole configuration");
        List<ScheduledQuerySummary> disabled = logs.listScheduledQueries(b -> b.state(ScheduledQueryState.DISABLED))
                .scheduledQueries();
        assertTrue(disabled.stream().anyMatch(s -> s.name().equals(name)));
        assertTrue(logs.listScheduledQueries(b -> b.state(ScheduledQueryState.ENABLED)).scheduledQueries().stream()
                .noneMatch(s -> s.name().equals(name)));
        logs.deleteScheduledQuery(b -> b.identifier(name));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.getScheduledQuery(b -> b.identifier(name)));
    }

    @Test
    void invalidConfigurationsAreRefused() {
        String group = groupWithStream("s");
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> logs.createScheduledQuery(b -> b.name(unique("bad")).queryLanguage("CWLI").queryString("x")
                        .logGroupIdentifiers(group).scheduleExpression("every day").executionRoleArn(ROLE)));
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> logs.createScheduledQuery(b -> b.name(unique("bad")).queryLanguage("CWLI").queryString("x")
                        .logGroupIdentifiers(group).scheduleExpression("cron(0 12 * * * *)").executionRoleArn(ROLE)));
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> logs.createScheduledQuery(b -> b.name(unique("bad")).queryLanguage("CWLI").queryString("x")
                        .logGroupIdentifiers(group).scheduleExpression("rate(5 minutes)").timezone("Mars/Olympus")
                        .executionRoleArn(ROLE)));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.",
                () -> logs.createScheduledQuery(b -> b.name(unique("bad")).queryLanguage("CWLI").queryString("x")
                        .logGroupIdentifiers("/no/such").scheduleExpression("rate(5 minutes)").executionRoleArn(ROLE)));
    }

    @Test
    void runsOnTheClockAndWritesResultsToS3() throws Exception {
        try (S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum)) {
            String bucket = unique("sq-results").toLowerCase();
            s3.createBucket(b -> b.bucket(bucket));
            String group = groupWithStream("s");
            logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(event(now() - 30_000,
                    "ERROR one"), event(now() - 20_000, "INFO two")));
            String name = unique("errors");
            String bad = unique("bad-query");
            String off = unique("off");
            logs.createScheduledQuery(b -> b.name(name).queryLanguage("CWLI")
                    .queryString("filter @message like /ERROR/ | fields @message").logGroupIdentifiers(group)
                    .scheduleExpression("rate(5 minutes)").startTimeOffset(900L).executionRoleArn(ROLE)
                    .destinationConfiguration(d -> d.s3Configuration(c -> c.destinationIdentifier(
                            "s3://" + bucket + "/results").roleArn(ROLE))));
            logs.createScheduledQuery(b -> b.name(bad).queryLanguage("CWLI").queryString("sortt @message")
                    .logGroupIdentifiers(group).scheduleExpression("rate(5 minutes)").executionRoleArn(ROLE));
            logs.createScheduledQuery(b -> b.name(off).queryLanguage("CWLI").queryString("fields @message")
                    .logGroupIdentifiers(group).scheduleExpression("rate(5 minutes)").executionRoleArn(ROLE)
                    .state(ScheduledQueryState.DISABLED));
            gureum.context().clock().advance(Duration.ofMinutes(5));

            TriggerHistoryRecord run = history(name, 1).get(0);
            assertEquals(ExecutionStatus.COMPLETE, run.executionStatus());
            assertEquals(0, run.triggeredTimestamp() % 300_000, "rate(5 minutes) runs on whole five minutes");
            assertEquals(QueryStatus.COMPLETE, logs.getQueryResults(b -> b.queryId(run.queryId())).status());
            String key = "results/" + name + "/" + run.queryId() + ".json";
            assertEquals("s3://" + bucket + "/" + key, run.destinations().get(0).processedIdentifier());
            assertEquals("COMPLETE", run.destinations().get(0).statusAsString());
            String body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
            assertEquals(1, body.lines().count());
            assertTrue(body.contains("\"@message\":\"ERROR one\""), body);
            GetScheduledQueryResponse got = logs.getScheduledQuery(b -> b.identifier(name));
            assertEquals(run.triggeredTimestamp(), got.lastTriggeredTime());
            assertEquals(ExecutionStatus.COMPLETE, got.lastExecutionStatus());

            TriggerHistoryRecord invalid = history(bad, 1).get(0);
            assertEquals(ExecutionStatus.INVALID_QUERY, invalid.executionStatus());
            assertTrue(invalid.errorMessage().contains("sortt"), invalid.errorMessage());
            assertTrue(logs.getScheduledQueryHistory(b -> b.identifier(off).startTime(0L).endTime(Long.MAX_VALUE / 2))
                    .triggerHistory().isEmpty());
            assertTrue(logs.getScheduledQueryHistory(b -> b.identifier(name).startTime(0L).endTime(Long.MAX_VALUE / 2)
                    .executionStatuses(ExecutionStatus.FAILED)).triggerHistory().isEmpty());
        }
    }
}
