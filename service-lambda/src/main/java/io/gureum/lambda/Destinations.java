package io.gureum.lambda;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where asynchronous invocations' records and dead letters go: an SQS queue ({@code SendMessage}), an SNS
 * topic ({@code Publish}) or another function ({@code Invoke} with {@code Event}), each through an
 * in-process client acting as {@code lambda.amazonaws.com} on behalf of the sending function; an EventBridge
 * event bus ({@code PutEvents}, source {@code lambda}) or an S3 bucket ({@code PutObject} under
 * {@code aws/lambda/async/<function>/YYYY/MM/DD/HH/}) receives an asynchronous invocation's record
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
 */
final class Destinations {
    static final String PRINCIPAL = "lambda.amazonaws.com";

    /** A message attribute of a dead letter: data type ({@code String}, {@code Number}) and value. */
    record Attribute(String dataType, String value) {
    }

    private static final java.time.format.DateTimeFormatter S3_HOUR = java.time.format.DateTimeFormatter
            .ofPattern("yyyy/MM/dd/HH").withZone(java.time.ZoneOffset.UTC);
    private static final java.time.format.DateTimeFormatter S3_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH.mm.ss").withZone(java.time.ZoneOffset.UTC);

    private final ServiceContext context;

    Destinations(ServiceContext context) {
        this.context = context;
    }

    /**
     * Sends {@code body} to {@code destination} for {@code function}; a FIFO queue or topic gets the
     * function's name as message group and the request ID as deduplication ID.
     *
     * @throws RuntimeException the destination's error (it does not exist, is not served …)
     */
    void send(LambdaFunction function, String requestId, String destination, String body,
            Map<String, Attribute> attributes) {
        send(function, requestId, destination, body, attributes, true);
    }

    /** @param success whether the record is of a successful invocation (EventBridge's detail type says which) */
    void send(LambdaFunction function, String requestId, String destination, String body,
            Map<String, Attribute> attributes, boolean success) {
        Arn arn = Arn.parse(destination);
        Caller caller = Caller.service(PRINCIPAL, function.account, arn.region(), function.arn);
        boolean fifo = arn.resource().endsWith(".fifo");
        switch (arn.service()) {
            case "sqs" -> {
                SqsClient sqs = client(SqsClient.class, caller, "SQS");
                String url = sqs.getQueueUrl(b -> b.queueName(arn.resource()).queueOwnerAWSAccountId(arn.accountId()))
                        .queueUrl();
                Map<String, software.amazon.awssdk.services.sqs.model.MessageAttributeValue> a = new LinkedHashMap<>();
                attributes.forEach((k, v) -> a.put(k, software.amazon.awssdk.services.sqs.model.MessageAttributeValue
                        .builder().dataType(v.dataType()).stringValue(v.value()).build()));
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageAttributes(a)
                        .messageGroupId(fifo ? function.name : null).messageDeduplicationId(fifo ? requestId : null));
            }
            case "sns" -> {
                Map<String, software.amazon.awssdk.services.sns.model.MessageAttributeValue> a = new LinkedHashMap<>();
                attributes.forEach((k, v) -> a.put(k, software.amazon.awssdk.services.sns.model.MessageAttributeValue
                        .builder().dataType(v.dataType()).stringValue(v.value()).build()));
                client(SnsClient.class, caller, "SNS").publish(b -> b.topicArn(destination).message(body)
                        .messageAttributes(a.isEmpty() ? null : a)
                        .messageGroupId(fifo ? function.name : null).messageDeduplicationId(fifo ? requestId : null));
            }
            case "lambda" -> client(LambdaClient.class, caller, "Lambda").invoke(b -> b.functionName(destination)
                    .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(body)));
            case "events" -> {
                var answer = client(EventBridgeClient.class, caller, "EventBridge").putEvents(b -> b.entries(e -> e
                        .eventBusName(destination).source("lambda")
                        .detailType("Lambda Function Invocation Result - " + (success ? "Success" : "Failure"))
                        .resources(destination, function.arn).detail(body)));
                if (answer.failedEntryCount() != null && answer.failedEntryCount() > 0) {
                    throw new IllegalStateException("EventBridge refused the record: "
                            + answer.entries().get(0).errorMessage());
                }
            }
            case "s3" -> {
                java.time.Instant now = context.clock().now();
                String key = "aws/lambda/async/" + function.name + "/" + S3_HOUR.format(now) + "/"
                        + S3_TIME.format(now) + "-" + java.util.UUID.randomUUID();
                client(S3Client.class, Caller.service(PRINCIPAL, function.account, function.region, function.arn),
                        "S3").putObject(b -> b.bucket(arn.resource()).key(key).contentType("application/json"),
                                software.amazon.awssdk.core.sync.RequestBody.fromString(body));
            }
            default -> throw new IllegalStateException("Gureum cannot deliver to " + arn.service()
                    + " destinations yet");
        }
    }

    private <T> T client(Class<T> api, Caller caller, String name) {
        if (!context.clients().serves(api)) {
            throw new IllegalStateException(name + " is not served by this server");
        }
        return context.clients().client(api, caller);
    }
}
