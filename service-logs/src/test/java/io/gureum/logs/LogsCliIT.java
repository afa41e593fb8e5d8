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
}
