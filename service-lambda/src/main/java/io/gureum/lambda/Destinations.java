package io.gureum.lambda;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where asynchronous invocations' records and dead letters go: an SQS queue ({@code SendMessage}), an SNS
 * topic ({@code Publish}) or another function ({@code Invoke} with {@code Event}), each through an
 * in-process client acting as {@code lambda.amazonaws.com} on behalf of the sending function. EventBridge
 * and S3 destinations are accepted by the API but not delivered to.
 */
final class Destinations {
    static final String PRINCIPAL = "lambda.amazonaws.com";

    /** A message attribute of a dead letter: data type ({@code String}, {@code Number}) and value. */
    record Attribute(String dataType, String value) {
    }

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
