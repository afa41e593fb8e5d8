package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsCli;
import org.junit.jupiter.api.Test;

/** The scenario as a user types it with the real {@code aws} CLI: create a group and stream, put events, filter them. */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class LogsCliIT extends LogsTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void createPutAndFilterWithTheCli() throws Exception {
        AwsCli aws = new AwsCli(gureum.endpoint(), "test", "us-east-1");
        String group = unique("/cli/group");
        AwsCli.Result created = aws.run("logs", "create-log-group", "--log-group-name", group);
        assertEquals(0, created.exitCode(), created.stderr());
        AwsCli.Result stream = aws.run("logs", "create-log-stream", "--log-group-name", group, "--log-stream-name", "s1");
        assertEquals(0, stream.exitCode(), stream.stderr());
        long t = now();
        AwsCli.Result put = aws.run("logs", "put-log-events", "--log-group-name", group, "--log-stream-name", "s1",
                "--log-events", "timestamp=" + (t - 2) + ",message=ERROR first", "timestamp=" + (t - 1) + ",message=INFO second");
        assertEquals(0, put.exitCode(), put.stderr());
        assertTrue(JSON.readTree(put.stdout()).get("nextSequenceToken").asText().matches("\\d{56}"), put.stdout());

        AwsCli.Result filtered = aws.run("logs", "filter-log-events", "--log-group-name", group,
                "--filter-pattern", "ERROR");
        assertEquals(0, filtered.exitCode(), filtered.stderr());
        JsonNode events = JSON.readTree(filtered.stdout()).get("events");
        assertEquals(1, events.size(), filtered.stdout());
        assertEquals("ERROR first", events.get(0).get("message").asText());
        assertEquals("s1", events.get(0).get("logStreamName").asText());

        AwsCli.Result duplicate = aws.run("logs", "create-log-group", "--log-group-name", group);
        assertTrue(duplicate.exitCode() != 0, "a service error fails the command");
        assertTrue(duplicate.stderr().contains("ResourceAlreadyExistsException"), duplicate.stderr());
    }

    /** Logs Insights as a user runs it: start-query, then get-query-results until Complete; a syntax error. */
    @Test
    void insightsQueryWithTheCli() throws Exception {
        AwsCli aws = new AwsCli(gureum.endpoint(), "test", "us-east-1");
        String group = groupWithStream("s");
        long t = now();
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(event(t - 2, "{\"level\":\"ERROR\"}"),
                event(t - 1, "{\"level\":\"INFO\"}")));
        AwsCli.Result started = aws.run("logs", "start-query", "--log-group-name", group, "--start-time",
                Long.toString(t / 1000 - 60), "--end-time", Long.toString(t / 1000 + 60), "--query-string",
                "stats count(*) as n by level | sort level");
        assertEquals(0, started.exitCode(), started.stderr());
        String id = JSON.readTree(started.stdout()).get("queryId").asText();
        JsonNode results = null;
        for (int i = 0; i < 100; i++) {
            AwsCli.Result got = aws.run("logs", "get-query-results", "--query-id", id);
            assertEquals(0, got.exitCode(), got.stderr());
            results = JSON.readTree(got.stdout());
            if (results.get("status").asText().equals("Complete")) {
                break;
            }
        }
        assertEquals("Complete", results.get("status").asText(), results.toString());
        assertEquals(2, results.get("results").size(), results.toString());
        assertEquals("ERROR", results.get("results").get(0).get(0).get("value").asText());

        AwsCli.Result bad = aws.run("logs", "start-query", "--log-group-name", group, "--start-time",
                Long.toString(t / 1000 - 60), "--end-time", Long.toString(t / 1000 + 60), "--query-string", "fields |");
        assertTrue(bad.exitCode() != 0);
        assertTrue(bad.stderr().contains("MalformedQueryException"), bad.stderr());
    }
}
