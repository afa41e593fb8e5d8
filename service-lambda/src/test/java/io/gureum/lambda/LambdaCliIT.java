package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The scenario as a user types it with the real {@code aws} CLI: create from a zip file, invoke, read the output. */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class LambdaCliIT extends LambdaTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void createFunctionFromAZipFileAndInvokeIt() throws Exception {
        AwsCli aws = new AwsCli(gureum.endpoint(), "test", "us-east-1");
        Path dir = Files.createTempDirectory("lambda-cli");
        Path zipFile = dir.resolve("function.zip");
        Files.write(zipFile, zip("app.py", "def handler(event, context):\n    print('cli says hi')\n"
                + "    return {'greeting': 'hello ' + event['name']}\n"));
        String name = unique("cli");
        AwsCli.Result created = aws.run("lambda", "create-function", "--function-name", name, "--runtime",
                "python3.12", "--role", ROLE, "--handler", "app.handler", "--zip-file", "fileb://" + zipFile);
        assertEquals(0, created.exitCode(), created.stderr());
        JsonNode c = JSON.readTree(created.stdout());
        assertEquals("Pending", c.get("State").asText());
        assertEquals(Files.size(zipFile), c.get("CodeSize").asLong());

        Path payload = dir.resolve("payload.json");
        Files.writeString(payload, "{\"name\": \"gureum\"}");
        Path out = dir.resolve("out.json");
        AwsCli.Result invoked = aws.run("lambda", "invoke", "--function-name", name, "--payload",
                "fileb://" + payload, "--log-type", "Tail", out.toString());
        assertEquals(0, invoked.exitCode(), invoked.stderr());
        JsonNode meta = JSON.readTree(invoked.stdout());
        assertEquals(200, meta.get("StatusCode").asInt());
        assertEquals("$LATEST", meta.get("ExecutedVersion").asText());
        assertTrue(new String(Base64.getDecoder().decode(meta.get("LogResult").asText())).contains("cli says hi"));
        assertEquals("hello gureum", JSON.readTree(Files.readString(out)).get("greeting").asText());

        AwsCli.Result missing = aws.run("lambda", "get-function", "--function-name", unique("missing"));
        assertTrue(missing.exitCode() != 0, "a service error fails the command");
        assertTrue(missing.stderr().contains("ResourceNotFoundException"), missing.stderr());
    }

    @Test
    void aDurableExecutionStartedAndStoppedWithTheCli() throws Exception {
        AwsCli aws = new AwsCli(gureum.endpoint(), "test", "us-east-1");
        Path dir = Files.createTempDirectory("lambda-cli-durable");
        Path zipFile = dir.resolve("function.zip");
        Files.write(zipFile, zip("app.py", DurableExecutionsIT.DURABLE_LOOP));
        String name = unique("cli-durable");
        AwsCli.Result created = aws.run("lambda", "create-function", "--function-name", name, "--runtime",
                "python3.12", "--role", ROLE, "--handler", "app.handler", "--timeout", "60", "--zip-file",
                "fileb://" + zipFile, "--durable-config", "ExecutionTimeout=3600,RetentionPeriodInDays=3");
        assertEquals(0, created.exitCode(), created.stderr());
        assertEquals(3600, JSON.readTree(created.stdout()).get("DurableConfig").get("ExecutionTimeout").asInt());

        Path payload = dir.resolve("payload.json");
        Files.writeString(payload, "{\"n\": 1, \"wait\": 1000}");
        Path out = dir.resolve("out.json");
        AwsCli.Result invoked = aws.run("lambda", "invoke", "--function-name", name, "--invocation-type", "Event",
                "--durable-execution-name", "cli-run", "--payload", "fileb://" + payload, out.toString());
        assertEquals(0, invoked.exitCode(), invoked.stderr());
        JsonNode meta = JSON.readTree(invoked.stdout());
        assertEquals(202, meta.get("StatusCode").asInt());
        String arn = meta.get("DurableExecutionArn").asText();
        assertTrue(arn.endsWith(":$LATEST/durable-execution/cli-run/" + arn.substring(arn.lastIndexOf('/') + 1)),
                arn);
        DurableExecutionsIT.awaitEvent(arn, software.amazon.awssdk.services.lambda.model.EventType.WAIT_STARTED);

        AwsCli.Result stopped = aws.run("lambda", "stop-durable-execution", "--durable-execution-arn", arn);
        assertEquals(0, stopped.exitCode(), stopped.stderr());
        AwsCli.Result got = aws.run("lambda", "get-durable-execution", "--durable-execution-arn", arn);
        assertEquals(0, got.exitCode(), got.stderr());
        assertEquals("STOPPED", JSON.readTree(got.stdout()).get("Status").asText());
        AwsCli.Result listed = aws.run("lambda", "list-durable-executions-by-function", "--function-name", name,
                "--statuses", "STOPPED");
        assertEquals(0, listed.exitCode(), listed.stderr());
        assertEquals(arn, JSON.readTree(listed.stdout()).get("DurableExecutions").get(0).get("DurableExecutionArn")
                .asText());
        AwsCli.Result again = aws.run("lambda", "stop-durable-execution", "--durable-execution-arn", arn);
        assertTrue(again.exitCode() != 0 && again.stderr().contains("InvalidParameterValueException"),
                again.stderr());
    }
}
