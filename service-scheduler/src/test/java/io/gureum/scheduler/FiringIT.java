package io.gureum.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Schedules fire on Gureum's clock and deliver to SQS. */
class FiringIT extends SchedulerTestSupport {

    @Test
    void aDailyCronInATimeZoneFiresOnceWhenTheClockAdvancesADay() {
        String[] q = queue("daily");
        String name = unique("daily");
        scheduler.createSchedule(schedule(name, "cron(30 8 * * ? *)", q[1])
                .scheduleExpressionTimezone("America/New_York").build());
        assertEquals(0, receive(q[0], 0).size());
        advance(Duration.ofDays(1));
        List<Message> messages = receive(q[0], 20);
        assertEquals(1, messages.size());
        assertEquals("{\"hello\":\"" + name + "\"}", messages.get(0).body());
        assertEquals(0, receive(q[0], 1).size(), "fired once");
    }

    @Test
    void aJumpOfThreeDaysInvokesADailyScheduleThreeTimes() {
        String[] q = queue("three");
        String name = unique("three");
        scheduler.createSchedule(schedule(name, "cron(0 12 * * ? *)", q[1]).build());
        advance(Duration.ofDays(3));
        int received = 0;
        // Stops polling at the third message (a poll after it would wait its whole 20 s for nothing).
        while (received < 3) {
            List<Message> batch = receive(q[0], 20);
            if (batch.isEmpty()) {
                break;
            }
            received += batch.size();
        }
        assertEquals(3, received, "one invocation per day skipped, as EventBridge's scheduled rules catch up");
        assertEquals(0, receive(q[0], 1).size(), "and no more");
    }

    @Test
    void aOneTimeScheduleWithDeleteDisappearsAfterFiring() throws InterruptedException {
        String[] q = queue("once");
        String name = unique("once");
        ZoneId zone = ZoneId.of("Asia/Seoul");
        LocalDateTime at = LocalDateTime.ofInstant(gureum.context().clock().now(), zone).plusHours(1)
                .truncatedTo(ChronoUnit.SECONDS);
        scheduler.createSchedule(schedule(name, at(at), q[1]).scheduleExpressionTimezone("Asia/Seoul")
                .actionAfterCompletion(ActionAfterCompletion.DELETE).build());
        advance(Duration.ofHours(2));
        assertEquals(1, receive(q[0], 20).size());
        awaitGone(name);
    }

    @Test
    void aOneTimeScheduleWithNoneStays() {
        String[] q = queue("stays");
        String name = unique("stays");
        LocalDateTime at = LocalDateTime.ofInstant(gureum.context().clock().now(), ZoneId.of("UTC")).plusMinutes(10)
                .truncatedTo(ChronoUnit.SECONDS);
        scheduler.createSchedule(schedule(name, at(at), q[1]).build());
        advance(Duration.ofMinutes(11));
        assertEquals(1, receive(q[0], 20).size());
        assertEquals(name, scheduler.getSchedule(b -> b.name(name)).name());
    }

    @Test
    void aUniversalTargetSendsTheInputAsTheRequest() {
        String[] q = queue("universal");
        String name = unique("universal");
        scheduler.createSchedule(b -> b.name(name).scheduleExpression("rate(1 hour)")
                .flexibleTimeWindow(f -> f.mode("OFF"))
                .target(t -> t.arn("arn:aws:scheduler:::aws-sdk:sqs:sendMessage").roleArn(ROLE)
                        .input("{\"QueueUrl\":\"" + q[0] + "\",\"MessageBody\":\"from universal\"}")));
        // A rate schedule with no start date invokes its target at once.
        List<Message> messages = receive(q[0], 20);
        assertEquals(1, messages.size());
        assertEquals("from universal", messages.get(0).body());
    }

    @Test
    void aFailedDeliveryGoesToTheDeadLetterQueueWithItsAttributes() {
        String[] dlq = queue("dlq");
        String name = unique("dead");
        String missing = "arn:aws:sqs:us-east-1:000000000000:" + unique("missing");
        String arn = scheduler.createSchedule(b -> b.name(name).scheduleExpression("rate(1 hour)")
                .flexibleTimeWindow(f -> f.mode("OFF"))
                .target(t -> t.arn(missing).roleArn(ROLE).input("payload")
                        .deadLetterConfig(d -> d.arn(dlq[1])))).scheduleArn();
        List<Message> messages = receive(dlq[0], 20);
        assertEquals(1, messages.size());
        Message m = messages.get(0);
        assertEquals("payload", m.body());
        Map<String, MessageAttributeValue> a = m.messageAttributes();
        assertEquals(arn, a.get("SCHEDULE_ARN").stringValue());
        assertEquals(missing, a.get("TARGET_ARN").stringValue());
        assertEquals("QueueDoesNotExist", a.get("ERROR_CODE").stringValue());
        assertEquals("0", a.get("RETRY_ATTEMPTS").stringValue());
        assertTrue(a.containsKey("SCHEDULED_TIME") && a.containsKey("EXECUTION_ID"), a.keySet().toString());
    }

    @Test
    void aTemplatedSnsTargetPublishesTheInput() {
        String[] q = queue("sns");
        String name = unique("sns");
        try (SnsClient sns = AwsClients.client(SnsClient.builder(), gureum)) {
            String topic = sns.createTopic(b -> b.name(unique("topic"))).topicArn();
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(q[1])
                    .attributes(Map.of("RawMessageDelivery", "true")));
            scheduler.createSchedule(schedule(name, "rate(1 day)", topic).build());
            List<Message> messages = receive(q[0], 20);
            assertEquals(1, messages.size());
            assertEquals("{\"hello\":\"" + name + "\"}", messages.get(0).body());
        }
    }

    @Test
    void aTargetGureumDoesNotServeGoesToTheDeadLetterQueueWithoutRetries() {
        String[] dlq = queue("dlq");
        String name = unique("sfn");
        scheduler.createSchedule(b -> b.name(name).scheduleExpression("rate(1 hour)")
                .flexibleTimeWindow(f -> f.mode("OFF"))
                .target(t -> t.arn("arn:aws:states:us-east-1:000000000000:stateMachine:nope").roleArn(ROLE)
                        .input("{}").deadLetterConfig(d -> d.arn(dlq[1]))));
        Map<String, MessageAttributeValue> a = receive(dlq[0], 20).get(0).messageAttributes();
        assertEquals("UnsupportedTarget", a.get("ERROR_CODE").stringValue());
        assertEquals("0", a.get("RETRY_ATTEMPTS").stringValue());
        assertTrue(!a.containsKey("EXHAUSTED_RETRY_CONDITION"), "not retried: " + a.keySet());
    }

    private static void advance(Duration d) {
        gureum.context().clock().advance(d);
    }

    /** Waits (without a time limit of its own: the test's) for the schedule's deletion after it fired. */
    private static void awaitGone(String name) throws InterruptedException {
        while (true) {
            try {
                scheduler.getSchedule(b -> b.name(name));
            } catch (ResourceNotFoundException gone) {
                return;
            }
            Thread.sleep(50);
        }
    }
}
