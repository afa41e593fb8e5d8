package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsCli;
import io.gureum.junit5.GureumExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scenarios typed as a user would, with the real {@code aws} CLI (JSON protocol for SQS,
 * query for SNS): dead-lettering, FIFO order and deduplication, SNS fan-out with a filter policy.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class SqsSnsCliIT {
    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final GureumExtension server = GureumExtension.builder().build();
    static Gureum gureum;
    static AwsCli aws;

    @BeforeAll
    static void start() throws Exception {
        gureum = server.gureum();
        aws = new AwsCli(gureum.endpoint(), "test", "us-east-1");
    }

    static JsonNode ok(String... args) throws Exception {
        AwsCli.Result r = aws.run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + " failed: " + r.stderr());
        return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String arn(String url) throws Exception {
        return ok("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "QueueArn")
                .get("Attributes").get("QueueArn").asText();
    }

    @Test
    void aMessageThatKeepsFailingEndsUpInTheDeadLetterQueue() throws Exception {
        String dlq = ok("sqs", "create-queue", "--queue-name", unique("cli-dlq")).get("QueueUrl").asText();
        String redrive = "{\"deadLetterTargetArn\":\"" + arn(dlq) + "\",\"maxReceiveCount\":\"2\"}";
        String attributes = JSON.writeValueAsString(java.util.Map.of("RedrivePolicy", redrive, "VisibilityTimeout", "0"));
        String url = ok("sqs", "create-queue", "--queue-name", unique("cli-work"), "--attributes", attributes)
                .get("QueueUrl").asText();
        ok("sqs", "send-message", "--queue-url", url, "--message-body", "order 42",
                "--message-attributes", "{\"priority\":{\"DataType\":\"Number\",\"StringValue\":\"1\"}}");
        for (int attempt = 1; attempt <= 2; attempt++) {
            JsonNode m = ok("sqs", "receive-message", "--queue-url", url, "--message-attribute-names", "All",
                    "--attribute-names", "All").get("Messages").get(0);
            assertEquals("order 42", m.get("Body").asText());
            assertEquals("1", m.get("MessageAttributes").get("priority").get("StringValue").asText());
            assertEquals(Integer.toString(attempt), m.get("Attributes").get("ApproximateReceiveCount").asText());
            // processing fails: the message is not deleted and becomes visible again at once
        }
        assertTrue(ok("sqs", "receive-message", "--queue-url", url).path("Messages").isMissingNode());
        JsonNode dead = ok("sqs", "receive-message", "--queue-url", dlq, "--attribute-names", "All").get("Messages").get(0);
        assertEquals("order 42", dead.get("Body").asText());
        assertEquals(arn(url), dead.get("Attributes").get("DeadLetterQueueSourceArn").asText());
        AwsCli.Result missing = aws.run("sqs", "get-queue-url", "--queue-name", "no-such-queue-here");
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.stderr().contains("NonExistentQueue") || missing.stderr().contains("QueueDoesNotExist"),
                missing.stderr());
    }

    @Test
    void theCliReportsSqsErrorCodesFromTheQueryErrorHeader() throws Exception {
        String url = ok("sqs", "create-queue", "--queue-name", unique("cli-err")).get("QueueUrl").asText();
        AwsCli.Result gone = aws.run("sqs", "get-queue-url", "--queue-name", "no-such-queue-cli");
        assertTrue(gone.stderr().contains("(AWS.SimpleQueueService.NonExistentQueue)"), gone.stderr());
        AwsCli.Result name = aws.run("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "Bogus");
        assertTrue(name.stderr().contains("(InvalidAttributeName)") && name.stderr().contains("Unknown Attribute Bogus."),
                name.stderr());
        AwsCli.Result value = aws.run("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "50");
        assertTrue(value.stderr().contains("(InvalidParameterValue)"), value.stderr());
        AwsCli.Result handle = aws.run("sqs", "delete-message", "--queue-url", url, "--receipt-handle", "garbage");
        assertTrue(handle.stderr().contains("(ReceiptHandleIsInvalid)"), handle.stderr());
    }

    @Test
    void aFifoQueueKeepsOrderAndDropsDuplicates() throws Exception {
        String url = ok("sqs", "create-queue", "--queue-name", unique("cli") + ".fifo", "--attributes",
                "FifoQueue=true,ContentBasedDeduplication=true").get("QueueUrl").asText();
        for (String body : List.of("first", "second", "third", "first")) {
            ok("sqs", "send-message", "--queue-url", url, "--message-body", body, "--message-group-id", "g");
        }
        JsonNode got = ok("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10")
                .get("Messages");
        List<String> bodies = new ArrayList<>();
        got.forEach(m -> bodies.add(m.get("Body").asText()));
        assertEquals(List.of("first", "second", "third"), bodies);
    }

    @Test
    void aTopicFansOutToTwoQueuesWithAFilterPolicy() throws Exception {
        String topic = ok("sns", "create-topic", "--name", unique("cli-orders")).get("TopicArn").asText();
        String all = ok("sqs", "create-queue", "--queue-name", unique("cli-all")).get("QueueUrl").asText();
        String paid = ok("sqs", "create-queue", "--queue-name", unique("cli-paid")).get("QueueUrl").asText();
        ok("sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs", "--notification-endpoint", arn(all));
        ok("sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs", "--notification-endpoint", arn(paid),
                "--attributes", "{\"FilterPolicy\":\"{\\\"status\\\":[\\\"paid\\\"]}\",\"RawMessageDelivery\":\"true\"}");
        ok("sns", "publish", "--topic-arn", topic, "--message", "order 1 created",
                "--message-attributes", "{\"status\":{\"DataType\":\"String\",\"StringValue\":\"created\"}}");
        ok("sns", "publish", "--topic-arn", topic, "--message", "order 1 paid",
                "--message-attributes", "{\"status\":{\"DataType\":\"String\",\"StringValue\":\"paid\"}}");
        JsonNode fromAll = ok("sqs", "receive-message", "--queue-url", all, "--max-number-of-messages", "10")
                .get("Messages");
        assertEquals(2, fromAll.size());
        assertEquals("Notification", JSON.readTree(fromAll.get(0).get("Body").asText()).get("Type").asText());
        JsonNode fromPaid = ok("sqs", "receive-message", "--queue-url", paid, "--max-number-of-messages", "10")
                .get("Messages");
        assertEquals(1, fromPaid.size());
        assertEquals("order 1 paid", fromPaid.get(0).get("Body").asText());
    }
}
