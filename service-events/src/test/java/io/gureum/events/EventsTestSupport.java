package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** One in-process server per test class, real SDK v2 EventBridge and SQS clients. */
abstract class EventsTestSupport {
    static final String ACCOUNT = "000000000000";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().build();
    static Gureum gureum;
    static EventBridgeClient events;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        events = AwsClients.client(EventBridgeClient.builder(), gureum);
        sqs = AwsClients.client(SqsClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        events.close();
        sqs.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An EventBridge client acting in another account (a 12-digit access key is that account). */
    static EventBridgeClient eventsAs(String account) {
        return AwsClients.client(EventBridgeClient.builder(), gureum.endpoint(), account, "us-east-1");
    }

    /** A new queue; returns its URL. */
    static String queue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    static String queueArn(String url) {
        return "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + url.substring(url.lastIndexOf('/') + 1);
    }

    /**
     * Receives and deletes until {@code count} messages arrived (polls of up to 2 s, at most 5 minutes).
     * Deleted, so that advancing the clock past the visibility timeout does not bring them back.
     */
    static List<Message> receive(String url, int count) {
        List<Message> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (got.size() < count && System.nanoTime() < deadline) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(2)
                    .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
            got.addAll(batch);
        }
        if (got.size() < count) {
            fail("expected " + count + " messages on " + url + ", got " + got.size());
        }
        return got;
    }

    /** Asserts that nothing more arrives on the queue within one short poll (after the expected ones were read). */
    static void assertEmpty(String url) {
        assertEquals(List.of(), sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    /** A rule on the default bus sending what {@code pattern} matches to a new queue; returns the queue URL. */
    static String ruleToQueue(String rule, String pattern) {
        String url = queue(unique("q"));
        events.putRule(b -> b.name(rule).eventPattern(pattern));
        events.putTargets(b -> b.rule(rule).targets(t -> t.id("q").arn(queueArn(url))));
        return url;
    }

    static <T extends AwsServiceException> T assertError(Class<T> type, String code, int status, String message,
            Executable call) {
        T e = assertThrows(type, call);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(status, e.statusCode());
        if (message != null) {
            assertEquals(message, e.awsErrorDetails().errorMessage());
        }
        return e;
    }
}
