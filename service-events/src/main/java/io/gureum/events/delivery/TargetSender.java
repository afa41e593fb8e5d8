package io.gureum.events.delivery;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Calls one target with one input, as {@value #PRINCIPAL} with {@code aws:SourceArn} = the rule's ARN:
 * SQS SendMessage (a FIFO queue with the target's MessageGroupId and the event ID as deduplication ID),
 * SNS Publish, Lambda Invoke of type Event, CloudWatch Logs PutLogEvents (into a stream named after the
 * event ID), PutEvents on another bus, or an HTTP request to an API destination ({@link HttpTargets}). Other targets
 * (Step Functions, ECS, …) are not
 * emulated: their delivery fails, and so goes to the dead-letter queue, as an unreachable target would.
 */
public final class TargetSender {
    public static final String PRINCIPAL = "events.amazonaws.com";

    private final ServiceClients clients;
    private final BusForwarder buses;
    private final HttpTargets http;

    public TargetSender(ServiceClients clients, BusForwarder buses, HttpTargets http) {
        this.clients = clients;
        this.buses = buses;
        this.http = http;
    }

    /**
     * Delivers {@code input}: completes when the target took it, or fails with what the target's API threw. An
     * API destination is called asynchronously; the other targets on the calling thread.
     */
    public java.util.concurrent.CompletableFuture<Void> send(DeliveryJob job, String input) {
        Arn arn = Arn.parse(job.target().arn());
        if (arn.service().equals("events") && arn.resource().startsWith("api-destination/")) {
            return http.invoke(job, input);
        }
        try {
            sendNow(job, input);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    private void sendNow(DeliveryJob job, String input) {
        Target target = job.target();
        Arn arn = Arn.parse(target.arn());
        Caller caller = Caller.service(PRINCIPAL, job.ruleAccount(), arn.region(), job.ruleArn());
        String eventId = job.event().path("id").asText();
        switch (arn.service()) {
            case "sqs" -> {
                SqsClient sqs = client(SqsClient.class, caller, "SQS");
                String url = sqs.getQueueUrl(b -> b.queueName(arn.resource()).queueOwnerAWSAccountId(arn.accountId()))
                        .queueUrl();
                boolean fifo = arn.resource().endsWith(".fifo");
                String group = target.sqsParameters() == null ? null : target.sqsParameters().messageGroupId();
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(input).messageGroupId(fifo ? group : null)
                        .messageDeduplicationId(fifo ? eventId : null));
            }
            case "sns" -> client(SnsClient.class, caller, "SNS").publish(b -> b.topicArn(target.arn()).message(input));
            case "lambda" -> client(LambdaClient.class, caller, "Lambda").invoke(b -> b.functionName(target.arn())
                    .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(input)));
            case "logs" -> log(client(CloudWatchLogsClient.class, caller, "CloudWatch Logs"), arn, eventId, input,
                    job.event());
            case "events" -> {
                if (!arn.resource().startsWith("event-bus/")) {
                    throw new IllegalStateException("Gureum does not deliver to EventBridge " + arn.resourceType());
                }
                buses.forward(job.ruleAccount(), target.arn(), job.event());
            }
            default -> throw new IllegalStateException("Gureum does not deliver to " + arn.service() + " targets");
        }
    }

    private static void log(CloudWatchLogsClient logs, Arn arn, String eventId, String input,
            com.fasterxml.jackson.databind.JsonNode event) {
        String group = arn.resourceId();
        if (group.endsWith(":*")) {
            group = group.substring(0, group.length() - 2);
        }
        String name = group;
        try {
            logs.createLogStream(b -> b.logGroupName(name).logStreamName(eventId));
        } catch (ResourceAlreadyExistsException exists) {
            // a retry of the same event
        }
        long time = Envelope.timeOf(event).toEpochMilli();
        logs.putLogEvents(b -> b.logGroupName(name).logStreamName(eventId)
                .logEvents(InputLogEvent.builder().timestamp(time).message(input).build()));
    }

    private <T> T client(Class<T> api, Caller caller, String name) {
        if (!clients.serves(api)) {
            throw new IllegalStateException(name + " is not served by this server");
        }
        return clients.client(api, caller);
    }
}
