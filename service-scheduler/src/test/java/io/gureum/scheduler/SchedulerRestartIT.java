package io.gureum.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What Scheduler finds again after a restart on the same --data-dir: groups with their tags, schedules
 * with their targets, armed again on the clock; a one-time schedule that already fired does not fire again.
 */
class SchedulerRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static CreateScheduleRequest at(Gureum g, String name, Duration from, String group, String queueArn) {
        LocalDateTime when = LocalDateTime.ofInstant(g.context().clock().now(), ZoneId.of("UTC")).plus(from)
                .truncatedTo(ChronoUnit.SECONDS);
        return CreateScheduleRequest.builder().name(name).groupName(group).scheduleExpression(SchedulerTestSupport.at(when))
                .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF)).description("d-" + name)
                .target(t -> t.arn(queueArn).roleArn(SchedulerTestSupport.ROLE).input("{\"n\":\"" + name + "\"}"))
                .build();
    }

    private static String[] queue(SqsClient sqs, String name) {
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new String[] {url, arn};
    }

    private static List<Message> receive(SqsClient sqs, String url, int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(waitSeconds).maxNumberOfMessages(10))
                .messages();
    }

    @Test
    void schedulesAreKeptAndArmedAgain() {
        String[] early;
        String[] late;
        String groupArn;
        try (Gureum g = start(); SchedulerClient scheduler = AwsClients.client(SchedulerClient.builder(), g);
                SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            early = queue(sqs, "early");
            late = queue(sqs, "late");
            groupArn = scheduler.createScheduleGroup(b -> b.name("jobs").tags(t -> t.key("team").value("a")))
                    .scheduleGroupArn();
            scheduler.createSchedule(at(g, "early", Duration.ofHours(1), "jobs", early[1]));
            scheduler.createSchedule(at(g, "late", Duration.ofHours(5), "jobs", late[1]));
            g.context().clock().advance(Duration.ofHours(2));
            List<Message> fired = receive(sqs, early[0], 20);
            assertEquals(1, fired.size());
            sqs.deleteMessage(b -> b.queueUrl(early[0]).receiptHandle(fired.get(0).receiptHandle()));
        }
        try (Gureum g = start(); SchedulerClient scheduler = AwsClients.client(SchedulerClient.builder(), g);
                SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            assertEquals("a", scheduler.listTagsForResource(b -> b.resourceArn(groupArn)).tags().get(0).value());
            GetScheduleResponse late1 = scheduler.getSchedule(b -> b.groupName("jobs").name("late"));
            assertEquals("d-late", late1.description());
            assertEquals(late[1], late1.target().arn());
            assertEquals(2, scheduler.listSchedules(b -> b.groupName("jobs")).schedules().size());
            g.context().clock().advance(Duration.ofHours(4));
            List<Message> got = receive(sqs, late[0], 20);
            assertEquals(1, got.size(), "the schedule was armed again at the restart");
            assertEquals("{\"n\":\"late\"}", got.get(0).body());
            assertEquals(0, receive(sqs, early[0], 2).size(), "a fired one-time schedule does not fire again");
        }
    }

    @Test
    void aRetryWithTheSameClientTokenAfterARestartGetsTheFirstAnswer() {
        String arn;
        try (Gureum g = start(); SchedulerClient scheduler = AwsClients.client(SchedulerClient.builder(), g)) {
            arn = scheduler.createScheduleGroup(b -> b.name("retried").clientToken("token-1")).scheduleGroupArn();
        }
        try (Gureum g = start(); SchedulerClient scheduler = AwsClients.client(SchedulerClient.builder(), g)) {
            assertEquals(arn, scheduler.createScheduleGroup(b -> b.name("retried").clientToken("token-1"))
                    .scheduleGroupArn(), "the retry is answered as the first call was, not ConflictException");
            var conflict = org.junit.jupiter.api.Assertions.assertThrows(
                    software.amazon.awssdk.services.scheduler.model.ConflictException.class,
                    () -> scheduler.createScheduleGroup(b -> b.name("retried").clientToken("token-2")));
            assertEquals(409, conflict.statusCode());
            var reused = org.junit.jupiter.api.Assertions.assertThrows(
                    software.amazon.awssdk.services.scheduler.model.ConflictException.class,
                    () -> scheduler.createScheduleGroup(b -> b.name("other").clientToken("token-1")));
            assertEquals("The ClientToken was already used for a different request.",
                    reused.awsErrorDetails().errorMessage(), "the same token with another request is refused");
        }
    }
}
