package io.gureum.scheduler;

import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import io.gureum.core.time.DueTimer;
import io.gureum.core.time.GureumClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * One invocation of a schedule's target with its retry policy: a retryable failure is tried again with
 * exponential backoff (1 s, 2 s, 4 s … at most 5 minutes apart, on the clock) until
 * {@code MaximumRetryAttempts} or {@code MaximumEventAgeInSeconds} is reached; a failure that cannot
 * succeed (a missing queue, an unsupported target) is not retried. Then, when the target has a
 * {@code DeadLetterConfig}, the payload goes to that SQS queue with the attributes AWS documents for a
 * dead-letter event (https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html).
 */
final class Delivery {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final TargetInvoker invoker;
    private final ServiceClients clients;
    private final DueTimer timer;
    private final GureumClock clock;

    Delivery(TargetInvoker invoker, ServiceClients clients, DueTimer timer, GureumClock clock) {
        this.invoker = invoker;
        this.clients = clients;
        this.timer = timer;
        this.clock = clock;
    }

    /** One occurrence of a schedule to deliver, and how far its retries went. */
    record Attempt(String scheduleArn, String account, String region, Target target, Instant scheduledTime,
            String executionId, int retries) {
        Attempt retry() {
            return new Attempt(scheduleArn, account, region, target, scheduledTime, executionId, retries + 1);
        }
    }

    void deliver(String scheduleArn, String account, String region, Target target, Instant scheduledTime) {
        attempt(new Attempt(scheduleArn, account, region, target, scheduledTime, UUID.randomUUID().toString(), 0));
    }

    private void attempt(Attempt a) {
        try {
            invoker.invoke(a.target(), a.scheduleArn(), a.account(), a.region());
        } catch (DeliveryFailure f) {
            failed(a, f);
        } catch (SdkException | IllegalStateException e) {
            failed(a, new DeliveryFailure("InternalError", String.valueOf(e.getMessage()), true));
        }
    }

    private void failed(Attempt a, DeliveryFailure f) {
        RetryPolicy policy = a.target().retryPolicy();
        int maxRetries = policy == null || policy.maximumRetryAttempts() == null ? Schedules.DEFAULT_RETRY_ATTEMPTS
                : policy.maximumRetryAttempts();
        int maxAge = policy == null || policy.maximumEventAgeInSeconds() == null ? Schedules.DEFAULT_EVENT_AGE
                : policy.maximumEventAgeInSeconds();
        if (!f.retryable()) {
            deadLetter(a, f, null);
            return;
        }
        if (a.retries() >= maxRetries) {
            deadLetter(a, f, "MaximumRetryAttempts");
            return;
        }
        Duration backoff = Duration.ofSeconds(1L << Math.min(a.retries(), 20));
        backoff = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
        Instant next = clock.now().plus(backoff);
        if (next.isAfter(a.scheduledTime().plusSeconds(maxAge))) {
            deadLetter(a, f, "MaximumEventAgeInSeconds");
            return;
        }
        timer.at(next, () -> attempt(a.retry()));
    }

    private void deadLetter(Attempt a, DeliveryFailure f, String exhausted) {
        Target t = a.target();
        if (t.deadLetterConfig() == null || t.deadLetterConfig().arn() == null) {
            LOG.debug("Schedule {} failed to invoke {}: {} {}", a.scheduleArn(), t.arn(), f.code(), f.getMessage());
            return;
        }
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("ERROR_CODE", text(f.code()));
        attributes.put("ERROR_MESSAGE", text(String.valueOf(f.getMessage())));
        attributes.put("EXECUTION_ID", text(a.executionId()));
        if (exhausted != null) {
            attributes.put("EXHAUSTED_RETRY_CONDITION", text(exhausted));
        }
        attributes.put("IS_PAYLOAD_TRUNCATED", text("false"));
        attributes.put("RETRY_ATTEMPTS", text(Integer.toString(a.retries())));
        attributes.put("SCHEDULED_TIME", text(a.scheduledTime().truncatedTo(ChronoUnit.SECONDS).toString()));
        attributes.put("SCHEDULE_ARN", text(a.scheduleArn()));
        attributes.put("TARGET_ARN", text(t.arn()));
        String[] dlq = t.deadLetterConfig().arn().split(":", 6);
        try {
            SqsClient sqs = clients.client(SqsClient.class,
                    Caller.service(TargetInvoker.PRINCIPAL, a.account(), a.region(), a.scheduleArn()));
            String url = sqs.getQueueUrl(b -> b.queueName(dlq[5]).queueOwnerAWSAccountId(dlq[4])).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(TargetInvoker.payload(t)).messageAttributes(attributes));
        } catch (RuntimeException e) {
            LOG.debug("Schedule {} could not deliver its dead-letter event to {}", a.scheduleArn(),
                    t.deadLetterConfig().arn(), e);
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
