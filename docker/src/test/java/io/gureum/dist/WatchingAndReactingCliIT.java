package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsCli;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #16's scenarios with the AWS CLI against the distribution: a failing Lambda function's {@code Errors}
 * metric moves an alarm to ALARM and back to OK as the clock advances, each change reaching an SQS queue
 * through SNS; an S3 upload reaches a Lambda function through an EventBridge rule and lands in DynamoDB;
 * scheduled rules and schedules fire once per day of advanced clock.
 */
@Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class WatchingAndReactingCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda";

    @RegisterExtension
    static final io.gureum.junit5.GureumExtension aws = io.gureum.junit5.GureumExtension.builder().build();
    static Gureum gureum;
    static AwsCli cli;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        cli = new AwsCli(gureum.endpoint(), "test", "us-east-1");
    }

    private static JsonNode run(String... args) throws Exception {
        AwsCli.Result r = cli.run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.stderr());
        return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
    }

    /** Polls until {@code done} holds: a generous bound, only to catch a hang. */
    private static JsonNode await(Predicate<JsonNode> done, String... args) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (true) {
            JsonNode n = run(args);
            if (done.test(n)) {
                return n;
            }
            if (System.nanoTime() > deadline) {
                fail("still not there after 180 s: " + n);
            }
            Thread.sleep(250);
        }
    }

    private static void advanceClock(long seconds) throws Exception {
        HttpResponse<String> advanced = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gureum.endpoint() + "/_gureum/clock")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"advanceSeconds\": " + seconds + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, advanced.statusCode(), advanced.body());
    }

    private static Path zip(String name, String code) throws IOException {
        Path file = Files.createTempFile("function-", ".zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(code.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return file;
    }

    /** A queue that {@code sourceArn} (a topic or a rule) may send to, as AWS requires of SNS and EventBridge. */
    private static String[] queue(String name, String principal, String sourceArn) throws Exception {
        String url = run("sqs", "create-queue", "--queue-name", name).get("QueueUrl").asText();
        String arn = run("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "QueueArn")
                .get("Attributes").get("QueueArn").asText();
        String policy = JSON.writeValueAsString(JSON.readTree("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"%s"},
                 "Action":"sqs:SendMessage","Resource":"%s","Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}
                """.formatted(principal, arn, sourceArn)));
        run("sqs", "set-queue-attributes", "--queue-url", url, "--attributes",
                JSON.writeValueAsString(JSON.createObjectNode().put("Policy", policy)));
        return new String[] {url, arn};
    }

    /** Every message the queue holds now, deleted as read; waits up to 2 s for the first. */
    private static List<JsonNode> drain(String url) throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        while (true) {
            JsonNode r = run("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10",
                    "--wait-time-seconds", bodies.isEmpty() ? "2" : "0");
            if (!r.has("Messages") || r.get("Messages").isEmpty()) {
                return bodies;
            }
            for (JsonNode m : r.get("Messages")) {
                bodies.add(JSON.readTree(m.get("Body").asText()));
                run("sqs", "delete-message", "--queue-url", url, "--receipt-handle", m.get("ReceiptHandle").asText());
            }
        }
    }

    /** The alarm states SNS delivered to the queue, read from each notification's {@code Message}. */
    private static List<String> alarmStates(String url) throws Exception {
        List<String> states = new ArrayList<>();
        for (JsonNode envelope : drain(url)) {
            JsonNode alarm = JSON.readTree(envelope.get("Message").asText());
            assertEquals("fn-errors", alarm.get("AlarmName").asText(), alarm.toString());
            states.add(alarm.get("NewStateValue").asText());
        }
        return states;
    }

    private static String alarmState() throws Exception {
        return run("cloudwatch", "describe-alarms", "--alarm-names", "fn-errors").get("MetricAlarms").get(0)
                .get("StateValue").asText();
    }

    /** Advances the clock a minute at a time (at most ten) until the alarm is in {@code state}. */
    private static void advanceUntil(String state) throws Exception {
        for (int minute = 0; minute < 10 && !alarmState().equals(state); minute++) {
            advanceClock(60);
            for (int i = 0; i < 40 && !alarmState().equals(state); i++) {
                Thread.sleep(50);
            }
        }
        assertEquals(state, alarmState());
    }

    @Test
    void aFailingFunctionsErrorsRaiseAnAlarmThatReachesSqsThroughSnsAndClearsWithTheClock() throws Exception {
        Path code = zip("app.py", "def handler(event, context):\n    raise ValueError('boom')\n");
        run("lambda", "create-function", "--function-name", "failing", "--timeout", "60", "--runtime", "python3.12", "--handler",
                "app.handler", "--role", ROLE, "--zip-file", "fileb://" + code);
        Files.deleteIfExists(code);
        String topic = run("sns", "create-topic", "--name", "alarms").get("TopicArn").asText();
        String[] inbox = queue("alarm-inbox", "sns.amazonaws.com", topic);
        run("sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs", "--notification-endpoint", inbox[1],
                "--attributes", "RawMessageDelivery=false");
        run("cloudwatch", "put-metric-alarm", "--alarm-name", "fn-errors", "--namespace", "AWS/Lambda",
                "--metric-name", "Errors", "--dimensions", "Name=FunctionName,Value=failing", "--statistic", "Sum",
                "--period", "60", "--evaluation-periods", "1", "--threshold", "1", "--comparison-operator",
                "GreaterThanOrEqualToThreshold", "--treat-missing-data", "notBreaching", "--alarm-actions", topic,
                "--ok-actions", topic);
        advanceUntil("OK"); // no errors yet: missing data is not breaching
        alarmStates(inbox[0]); // the OK that left INSUFFICIENT_DATA

        Path out = Files.createTempFile("invoke-", ".json");
        try {
            JsonNode result = run("lambda", "invoke", "--function-name", "failing", out.toString());
            assertEquals("Unhandled", result.get("FunctionError").asText());
        } finally {
            Files.deleteIfExists(out);
        }
        await(m -> m.path("Metrics").size() > 0, "cloudwatch", "list-metrics", "--namespace", "AWS/Lambda",
                "--metric-name", "Errors", "--dimensions", "Name=FunctionName,Value=failing");
        advanceUntil("ALARM");
        assertEquals(List.of("ALARM"), alarmStates(inbox[0]));

        advanceUntil("OK");
        assertEquals(List.of("OK"), alarmStates(inbox[0]));
        JsonNode history = run("cloudwatch", "describe-alarm-history", "--alarm-name", "fn-errors",
                "--history-item-type", "StateUpdate");
        assertTrue(history.get("AlarmHistoryItems").size() >= 3, history.toString());
    }

    @Test
    void anS3UploadReachesALambdaFunctionThroughAnEventBridgeRuleAndLandsInDynamoDb() throws Exception {
        run("dynamodb", "create-table", "--table-name", "uploads", "--attribute-definitions",
                "AttributeName=key,AttributeType=S", "--key-schema", "AttributeName=key,KeyType=HASH",
                "--billing-mode", "PAY_PER_REQUEST");
        Path code = zip("record.py", """
                import boto3

                table = boto3.resource('dynamodb').Table('uploads')

                def handler(event, context):
                    detail = event['detail']
                    table.put_item(Item={'key': detail['object']['key'], 'bucket': detail['bucket']['name'],
                                         'source': event['source'], 'detailType': event['detail-type']})
                """);
        String function = run("lambda", "create-function", "--function-name", "record-upload", "--timeout", "60", "--runtime",
                "python3.12", "--handler", "record.handler", "--role", ROLE, "--zip-file", "fileb://" + code)
                .get("FunctionArn").asText();
        Files.deleteIfExists(code);
        run("s3api", "create-bucket", "--bucket", "uploads-bucket");
        run("s3api", "put-bucket-notification-configuration", "--bucket", "uploads-bucket",
                "--notification-configuration", "{\"EventBridgeConfiguration\": {}}");
        String rule = run("events", "put-rule", "--name", "on-upload", "--event-pattern",
                "{\"source\":[\"aws.s3\"],\"detail-type\":[\"Object Created\"],"
                        + "\"detail\":{\"bucket\":{\"name\":[\"uploads-bucket\"]}}}").get("RuleArn").asText();
        run("lambda", "add-permission", "--function-name", "record-upload", "--statement-id", "events",
                "--action", "lambda:InvokeFunction", "--principal", "events.amazonaws.com", "--source-arn", rule);
        JsonNode targets = run("events", "put-targets", "--rule", "on-upload", "--targets",
                "Id=record,Arn=" + function);
        assertEquals(0, targets.get("FailedEntryCount").asInt(), targets.toString());

        Path file = Files.createTempFile("cat-", ".jpg");
        Files.writeString(file, "not really a cat");
        try {
            run("s3api", "put-object", "--bucket", "uploads-bucket", "--key", "photos/cat.jpg", "--body",
                    file.toString());
        } finally {
            Files.deleteIfExists(file);
        }
        JsonNode item = await(r -> r.has("Item"), "dynamodb", "get-item", "--table-name", "uploads", "--key",
                "{\"key\": {\"S\": \"photos/cat.jpg\"}}").get("Item");
        assertEquals("uploads-bucket", item.get("bucket").get("S").asText());
        assertEquals("aws.s3", item.get("source").get("S").asText());
        assertEquals("Object Created", item.get("detailType").get("S").asText());
    }

    @Test
    void customEventsMatchAPatternAndADailyRuleAndScheduleFireOncePerAdvancedDay() throws Exception {
        JsonNode tested = run("events", "test-event-pattern", "--event-pattern",
                "{\"source\":[\"shop\"],\"detail\":{\"total\":[{\"numeric\":[\">\",100]}]}}", "--event",
                "{\"id\":\"1\",\"source\":\"shop\",\"detail-type\":\"Order\",\"account\":\"000000000000\","
                        + "\"time\":\"2026-01-01T00:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],"
                        + "\"detail\":{\"total\":250}}");
        assertTrue(tested.get("Result").asBoolean());

        String bigOrders = run("events", "put-rule", "--name", "big-orders", "--event-pattern",
                "{\"source\":[\"shop\"],\"detail\":{\"total\":[{\"numeric\":[\">\",100]}]}}").get("RuleArn").asText();
        String[] orders = queue("big-orders", "events.amazonaws.com", bigOrders);
        run("events", "put-targets", "--rule", "big-orders", "--targets", "Id=q,Arn=" + orders[1]);
        JsonNode put = run("events", "put-events", "--entries",
                "[{\"Source\":\"shop\",\"DetailType\":\"Order\",\"Detail\":\"{\\\"total\\\":250}\"},"
                        + "{\"Source\":\"shop\",\"DetailType\":\"Order\",\"Detail\":\"{\\\"total\\\":20}\"}]");
        assertEquals(0, put.get("FailedEntryCount").asInt(), put.toString());
        List<JsonNode> delivered = drain(orders[0]);
        assertEquals(1, delivered.size(), delivered.toString());
        assertEquals(250, delivered.get(0).get("detail").get("total").asInt());

        String daily = run("events", "put-rule", "--name", "daily", "--schedule-expression", "rate(1 day)")
                .get("RuleArn").asText();
        String[] ticks = queue("daily-ticks", "events.amazonaws.com", daily);
        run("events", "put-targets", "--rule", "daily", "--targets", "Id=q,Arn=" + ticks[1]);
        String[] schedules = queue("schedule-ticks", "scheduler.amazonaws.com",
                "arn:aws:scheduler:us-east-1:000000000000:schedule/default/morning");
        run("scheduler", "create-schedule", "--name", "morning", "--schedule-expression", "cron(0 9 * * ? *)",
                "--schedule-expression-timezone", "Europe/Paris", "--flexible-time-window", "Mode=OFF", "--target",
                "{\"Arn\": \"" + schedules[1] + "\", \"RoleArn\": \"arn:aws:iam::000000000000:role/scheduler\","
                        + " \"Input\": \"good morning\"}");
        drain(ticks[0]); // a rate rule may fire once when it is created
        advanceClock(86_400);
        Thread.sleep(500);
        List<JsonNode> fired = drain(ticks[0]);
        assertEquals(1, fired.size(), fired.toString());
        assertEquals("Scheduled Event", fired.get(0).get("detail-type").asText());
        assertEquals("aws.events", fired.get(0).get("source").asText());
        AwsCli.Result morning = cli.run("sqs", "receive-message", "--queue-url", schedules[0], "--wait-time-seconds",
                "5");
        assertEquals(0, morning.exitCode(), morning.stderr());
        JsonNode m = JSON.readTree(morning.stdout()).get("Messages");
        assertEquals(1, m.size());
        assertEquals("good morning", m.get(0).get("Body").asText());
        assertFalse(drain(schedules[0]).size() > 0, "a daily schedule fires once per day");
    }

    @Test
    void metricsPutWithTheCliAreListedAndSummarised() throws Exception {
        String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        run("cloudwatch", "put-metric-data", "--namespace", "Shop", "--metric-data",
                "[{\"MetricName\":\"Orders\",\"Dimensions\":[{\"Name\":\"Store\",\"Value\":\"seoul\"}],"
                        + "\"Values\":[1,2,3],\"Counts\":[1,1,2],\"Unit\":\"Count\",\"Timestamp\":\"" + now + "\"}]");
        JsonNode listed = run("cloudwatch", "list-metrics", "--namespace", "Shop");
        assertEquals("Orders", listed.get("Metrics").get(0).get("MetricName").asText());
        JsonNode stats = run("cloudwatch", "get-metric-statistics", "--namespace", "Shop", "--metric-name", "Orders",
                "--dimensions", "Name=Store,Value=seoul", "--statistics", "Sum", "SampleCount", "Maximum",
                "--start-time", java.time.Instant.parse(now).minusSeconds(600).toString(), "--end-time",
                java.time.Instant.parse(now).plusSeconds(600).toString(), "--period", "1200");
        JsonNode point = stats.get("Datapoints").get(0);
        assertEquals(9.0, point.get("Sum").asDouble()); // 1*1 + 2*1 + 3*2
        assertEquals(4.0, point.get("SampleCount").asDouble());
        assertEquals(3.0, point.get("Maximum").asDouble());
    }
}
