package io.gureum.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.sns.SnsService;
import io.gureum.sqs.SqsService;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** One in-process server per test class serving Scheduler, SQS and SNS, with real SDK v2 clients. */
abstract class SchedulerTestSupport {
    static final String ROLE = "arn:aws:iam::000000000000:role/scheduler";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new SchedulerService(), new SqsService(), new SnsService()).build();
    static Gureum gureum;
    static SchedulerClient scheduler;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        scheduler = AwsClients.client(SchedulerClient.builder(), gureum);
        sqs = AwsClients.client(SqsClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        scheduler.close();
        sqs.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A request for a schedule of the default group sending {@code input} to {@code targetArn}. */
    static CreateScheduleRequest.Builder schedule(String name, String expression, String targetArn) {
        return CreateScheduleRequest.builder().name(name).scheduleExpression(expression)
                .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(targetArn).roleArn(ROLE).input("{\"hello\":\"" + name + "\"}"));
    }

    /** A new queue: its URL and ARN. */
    static String[] queue(String prefix) {
        String url = sqs.createQueue(b -> b.queueName(unique(prefix))).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new String[] {url, arn};
    }

    /** Waits for the queue's messages, up to {@code waitSeconds} for the first. */
    /**
     * An {@code at()} expression for a local time, always with seconds: {@code LocalDateTime.toString()} leaves
     * them out on the minute, which the expression's format does not allow.
     */
    static String at(java.time.LocalDateTime time) {
        return "at(" + time.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")) + ")";
    }

    static List<Message> receive(String url, int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(waitSeconds).maxNumberOfMessages(10)
                .messageAttributeNames("All")).messages();
    }

    static AwsServiceException fails(int status, String code, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode());
        return e;
    }
}
