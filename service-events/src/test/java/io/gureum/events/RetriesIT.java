package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/** A target that keeps failing is retried on the clock under its RetryPolicy, then dead-lettered. */
class RetriesIT extends EventsTestSupport {

    @Test
    void retriesRunOnTheClockUntilTheRetryPolicyIsSpent() {
        String source = unique("app");
        String rule = unique("retry");
        String dlq = queue(unique("dlq"));
        // Step Functions targets are accepted but not emulated: every delivery fails, as to an unreachable target.
        String machine = "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:" + unique("sm");
        events.putRule(b -> b.name(rule).eventPattern("{\"source\":[\"" + source + "\"]}"));
        events.putTargets(b -> b.rule(rule).targets(t -> t.id("sfn").arn(machine)
                .retryPolicy(p -> p.maximumRetryAttempts(2).maximumEventAgeInSeconds(3600))
                .deadLetterConfig(d -> d.arn(queueArn(dlq)))));
        events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().source(source).detailType("t").detail("{}")
                .build()));
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        List<Message> got = List.of();
        while (got.isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("no dead letter");
            }
            gureum.context().clock().advance(Duration.ofSeconds(10));
            got = sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1).messageAttributeNames("All")).messages();
        }
        Message m = got.get(0);
        assertEquals("2", m.messageAttributes().get("RETRY_ATTEMPTS").stringValue());
        assertEquals("MaximumRetryAttemptsExhausted", m.messageAttributes().get("EXHAUSTED_RETRY_CONDITION").stringValue());
        assertEquals("SDK_CLIENT_ERROR", m.messageAttributes().get("ERROR_CODE").stringValue());
        assertEquals(machine, m.messageAttributes().get("TARGET_ARN").stringValue());
    }
}
