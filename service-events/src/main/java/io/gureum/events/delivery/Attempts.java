package io.gureum.events.delivery;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import io.gureum.core.time.DueTimer;
import io.gureum.core.time.GureumClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Delivers each job on a worker, and retries a failed one on the clock until the target's RetryPolicy
 * is spent (by default 185 attempts over 24 hours), then sends the event to the target's dead-letter
 * queue, if any, with the attributes RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE, RETRY_ATTEMPTS
 * and, when retries ran out, EXHAUSTED_RETRY_CONDITION. A missing target or missing permission is not
 * retried: such events go to the dead-letter queue at once
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html). Retries wait 1, 2, 4 …
 * seconds, at most 5 minutes, without AWS's jitter.
 */
public final class Attempts {
    private static final Logger LOG = LoggerFactory.getLogger(Attempts.class);
    static final int DEFAULT_ATTEMPTS = 185;
    static final int DEFAULT_AGE_SECONDS = 86_400;

    private final TargetSender sender;
    private final ServiceClients clients;
    private final GureumClock clock;
    private final DueTimer due;
    private final Executor workers;

    public Attempts(TargetSender sender, ServiceClients clients, GureumClock clock, DueTimer due, Executor workers) {
        this.sender = sender;
        this.clients = clients;
        this.clock = clock;
        this.due = due;
        this.workers = workers;
    }

    /** Starts delivering {@code job} (asynchronously, as EventBridge does after PutEvents answers). */
    public void deliver(DeliveryJob job) {
        String input = InputTransformation.input(job.target(), job.event(), job.ruleArn(), job.ruleName(),
                Envelope.time(job.ingested()));
        run(() -> attempt(job, input, 0));
    }

    private void run(Runnable r) {
        try {
            workers.execute(r);
        } catch (RejectedExecutionException closing) {
            // the server is stopping
        }
    }

    /** Called once when a job is done with: delivered, dead-lettered or dropped. */
    public void onFinished(java.util.function.Consumer<DeliveryJob> listener) {
        this.finished = listener;
    }

    private volatile java.util.function.Consumer<DeliveryJob> finished = job -> {
    };

    private void attempt(DeliveryJob job, String input, int retries) {
        java.util.concurrent.CompletableFuture<Void> sent;
        try {
            sent = sender.send(job, input);
        } catch (RuntimeException e) {
            sent = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        if (sent.isDone()) {
            settle(job, input, retries, sent);
        } else {
            java.util.concurrent.CompletableFuture<Void> pending = sent;
            sent.whenComplete((ok, error) -> run(() -> settle(job, input, retries, pending)));
        }
    }

    private void settle(DeliveryJob job, String input, int retries, java.util.concurrent.CompletableFuture<Void> sent) {
        RuntimeException e;
        try {
            sent.join();
            finished.accept(job);
            return;
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            e = cause instanceof RuntimeException r ? r : new RuntimeException(cause.getMessage(), cause);
        }
        String code = errorCode(e);
        if (code.equals("RESOURCE_NOT_FOUND") || code.equals("NO_PERMISSIONS")
                || (e instanceof DeliveryFailure f && !f.retryable())) {
            deadLetter(job, code, e, retries, null);
            return;
        }
        RetryPolicy policy = job.target().retryPolicy();
        int maxAttempts = policy == null || policy.maximumRetryAttempts() == null ? DEFAULT_ATTEMPTS
                : policy.maximumRetryAttempts();
        int maxAge = policy == null || policy.maximumEventAgeInSeconds() == null ? DEFAULT_AGE_SECONDS
                : policy.maximumEventAgeInSeconds();
        Duration wait = Duration.ofSeconds(Math.min(300, 1L << Math.min(retries, 9)));
        Instant next = clock.now().plus(wait);
        if (retries >= maxAttempts) {
            deadLetter(job, code, e, retries, "MaximumRetryAttemptsExhausted");
        } else if (next.isAfter(job.ingested().plusSeconds(maxAge))) {
            deadLetter(job, code, e, retries, "MaximumEventAgeExhausted");
        } else {
            due.at(next, () -> attempt(job, input, retries + 1));
        }
    }

    /** ERROR_CODE as EventBridge words it for the dead-letter queue. */
    static String errorCode(RuntimeException e) {
        String code;
        int status;
        if (e instanceof DeliveryFailure f) {
            return f.errorCode();
        }
        if (e instanceof AwsServiceException a) {
            code = a.awsErrorDetails() == null ? "" : String.valueOf(a.awsErrorDetails().errorCode());
            status = a.statusCode();
        } else if (e instanceof io.gureum.core.error.AwsException a) {
            code = a.code();
            status = a.status();
        } else {
            return "SDK_CLIENT_ERROR";
        }
        String lower = code.toLowerCase(Locale.ROOT);
        if (lower.contains("notfound") || lower.contains("nonexistent") || lower.contains("doesnotexist")
                || status == 404) {
            return "RESOURCE_NOT_FOUND";
        }
        if (lower.contains("accessdenied") || lower.contains("authoriz") || status == 403) {
            return "NO_PERMISSIONS";
        }
        if (lower.contains("throttl") || status == 429) {
            return "THROTTLING";
        }
        return status >= 500 ? "INTERNAL_ERROR" : "SDK_CLIENT_ERROR";
    }

    private void deadLetter(DeliveryJob job, String code, RuntimeException e, int retries, String exhausted) {
        try {
            sendToDeadLetterQueue(job, code, e, retries, exhausted);
        } finally {
            finished.accept(job);
        }
    }

    private void sendToDeadLetterQueue(DeliveryJob job, String code, RuntimeException e, int retries,
            String exhausted) {
        if (job.target().deadLetterConfig() == null || job.target().deadLetterConfig().arn() == null) {
            LOG.debug("Event {} to {} dropped: {}", job.event().path("id").asText(), job.target().arn(), code);
            return;
        }
        String message = e instanceof AwsServiceException a && a.awsErrorDetails() != null
                ? a.awsErrorDetails().errorMessage() : e.getMessage();
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("RULE_ARN", text(job.ruleArn()));
        attributes.put("TARGET_ARN", text(job.target().arn()));
        attributes.put("ERROR_CODE", text(code));
        attributes.put("ERROR_MESSAGE", text(message == null ? code : message));
        attributes.put("RETRY_ATTEMPTS", MessageAttributeValue.builder().dataType("Number")
                .stringValue(Integer.toString(retries)).build());
        if (exhausted != null) {
            attributes.put("EXHAUSTED_RETRY_CONDITION", text(exhausted));
        }
        Arn dlq = Arn.parse(job.target().deadLetterConfig().arn());
        try {
            SqsClient sqs = clients.client(SqsClient.class,
                    Caller.service(TargetSender.PRINCIPAL, job.ruleAccount(), dlq.region(), job.ruleArn()));
            String url = sqs.getQueueUrl(b -> b.queueName(dlq.resource()).queueOwnerAWSAccountId(dlq.accountId()))
                    .queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(job.event().toString()).messageAttributes(attributes));
        } catch (RuntimeException lost) {
            LOG.debug("Dead-letter queue {} unreachable; event dropped", dlq, lost);
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
