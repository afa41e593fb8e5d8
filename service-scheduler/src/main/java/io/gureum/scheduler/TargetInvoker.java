package io.gureum.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.protocol.JsonValues;
import io.gureum.core.protocol.Pojos;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Invokes a schedule's target through in-process clients as {@code scheduler.amazonaws.com}: the
 * templated targets (SQS SendMessage, SNS Publish, Lambda Invoke as an event, EventBridge PutEvents) and
 * the universal targets {@code arn:aws:scheduler:::aws-sdk:<service>:<apiAction>} whose Input is the
 * API request as JSON (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html).
 * Any other target fails the delivery.
 */
final class TargetInvoker {
    static final String PRINCIPAL = "scheduler.amazonaws.com";
    private static final String UNIVERSAL = "aws-sdk:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<?>> UNIVERSAL_CLIENTS = Map.of("sqs", SqsClient.class, "sns",
            SnsClient.class, "lambda", LambdaClient.class, "eventbridge", EventBridgeClient.class);

    private final ServiceClients clients;

    TargetInvoker(ServiceClients clients) {
        this.clients = clients;
    }

    /** The payload a templated target receives: the Input, or an empty JSON object when there is none. */
    static String payload(Target target) {
        return target.input() != null ? target.input() : "{}";
    }

    /**
     * Invokes {@code target} of the schedule {@code scheduleArn}.
     *
     * @throws DeliveryFailure when the target could not be invoked
     */
    void invoke(Target target, String scheduleArn, String account, String region) {
        Caller caller = Caller.service(PRINCIPAL, account, region, scheduleArn);
        String[] arn = target.arn().split(":", 6);
        if (arn.length < 6) {
            throw new DeliveryFailure("InvalidTargetArn", "Target ARN " + target.arn() + " is not valid.", false);
        }
        try {
            switch (arn[2]) {
                case "sqs" -> sendToQueue(target, arn, caller);
                case "sns" -> clients.client(SnsClient.class, caller)
                        .publish(b -> b.topicArn(target.arn()).message(payload(target)));
                case "lambda" -> clients.client(LambdaClient.class, caller).invoke(b -> b.functionName(target.arn())
                        .invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromUtf8String(payload(target))));
                case "events" -> putEvents(target, scheduleArn, caller);
                case "scheduler" -> universal(target, arn[5], caller);
                default -> throw new DeliveryFailure("UnsupportedTarget",
                        "Gureum does not serve the target " + target.arn() + ".", false);
            }
        } catch (SdkServiceException e) {
            String code = e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws
                    && aws.awsErrorDetails() != null ? aws.awsErrorDetails().errorCode() : "InternalError";
            // 501: an API or operation Gureum does not serve, which no retry fixes.
            boolean retryable = (e.statusCode() >= 500 && e.statusCode() != 501) || e.isThrottlingException();
            throw new DeliveryFailure(code, e.getMessage(), retryable);
        } catch (IllegalStateException notServed) {
            throw new DeliveryFailure("UnsupportedTarget", notServed.getMessage(), false);
        }
    }

    private void sendToQueue(Target target, String[] arn, Caller caller) {
        SqsClient sqs = clients.client(SqsClient.class, caller);
        String url = sqs.getQueueUrl(b -> b.queueName(arn[5]).queueOwnerAWSAccountId(arn[4])).queueUrl();
        String group = target.sqsParameters() != null ? target.sqsParameters().messageGroupId() : null;
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(payload(target)).messageGroupId(group));
    }

    private void putEvents(Target target, String scheduleArn, Caller caller) {
        if (target.eventBridgeParameters() == null) {
            throw new DeliveryFailure("ValidationException",
                    "EventBridgeParameters are required for an EventBridge PutEvents target.", false);
        }
        PutEventsResponse r = clients.client(EventBridgeClient.class, caller).putEvents(b -> b.entries(e -> e
                .eventBusName(target.arn()).source(target.eventBridgeParameters().source())
                .detailType(target.eventBridgeParameters().detailType()).detail(payload(target))
                .resources(scheduleArn)));
        if (r.failedEntryCount() != null && r.failedEntryCount() > 0) {
            var entry = r.entries().get(0);
            throw new DeliveryFailure(entry.errorCode(), entry.errorMessage(), false);
        }
    }

    /** {@code aws-sdk:<service>:<apiAction>}: the client method of that name, its request read from the Input. */
    private void universal(Target target, String resource, Caller caller) {
        String[] parts = resource.startsWith(UNIVERSAL) ? resource.substring(UNIVERSAL.length()).split(":") : new String[0];
        Class<?> clientType = parts.length == 2 ? UNIVERSAL_CLIENTS.get(parts[0]) : null;
        Method method = clientType == null ? null : requestMethod(clientType, parts[1]);
        if (method == null) {
            throw new DeliveryFailure("UnsupportedTarget",
                    "Gureum does not serve the universal target " + target.arn() + ".", false);
        }
        Object client = clients.client(clientType, caller);
        try {
            method.invoke(client, request(method.getParameterTypes()[0], target.input()));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method requestMethod(Class<?> clientType, String action) {
        for (Method m : clientType.getMethods()) {
            if (m.getName().equals(action) && m.getParameterCount() == 1
                    && SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])) {
                return m;
            }
        }
        return null;
    }

    /**
     * The request from the Input JSON, members named as in the API reference. A blob member given as text
     * (Lambda's {@code Payload}) is that text's bytes.
     */
    private static Object request(Class<?> requestType, String input) {
        JsonNode node;
        try {
            node = JSON.readTree(input == null ? "{}" : input);
        } catch (java.io.IOException e) {
            throw new DeliveryFailure("ValidationException", "The Input of a universal target must be JSON.", false);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new DeliveryFailure("ValidationException", "The Input of a universal target must be a JSON object.",
                    false);
        }
        SdkPojo builder = Pojos.builderSupplier(requestType).get();
        for (var field : builder.sdkFields()) {
            JsonNode value = object.get(field.locationName());
            if (value != null && field.marshallingType() == software.amazon.awssdk.core.protocol.MarshallingType.SDK_BYTES
                    && !value.isBinary()) {
                object.remove(field.locationName());
                Pojos.set(field, builder, SdkBytes.fromString(value.isTextual() ? value.textValue() : value.toString(),
                        StandardCharsets.UTF_8));
            }
        }
        try {
            JsonValues.readStruct(object, builder, true);
        } catch (IllegalArgumentException e) {
            throw new DeliveryFailure("ValidationException", e.getMessage(), false);
        }
        return Pojos.build(builder);
    }
}
