package io.gureum.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.ids.Arn;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Delivers one message to one subscription by protocol: to SQS with {@code SendMessage} and to Lambda with
 * an asynchronous {@code Invoke}, both through in-process SDK clients acting as {@code sns.amazonaws.com}
 * in the endpoint's account and region on behalf of the topic (so SQS shows SNS's {@code SenderId});
 * HTTP/S by {@link HttpDelivery}; the rest recorded. A message SQS or Lambda refuses goes to the
 * subscription's dead-letter queue when it has one
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html).
 */
final class Deliverer {
    static final String PRINCIPAL = "sns.amazonaws.com";

    private final Envelopes envelopes;
    private final HttpDelivery http;
    private final DeliveryLog log;
    private final ServiceContext context;
    /** One client per caller (queue account and region, topic): a topic's fan-out reuses them. */
    private final Map<Caller, SqsClient> queueClients = new ConcurrentHashMap<>();
    private final SnsMetrics metrics;

    Deliverer(ServiceContext context, Envelopes envelopes, HttpDelivery http, DeliveryLog log) {
        this.context = context;
        this.metrics = new SnsMetrics(context);
        this.envelopes = envelopes;
        this.http = http;
        this.log = log;
    }

    void deliver(Topic topic, Subscription s, SnsMessage m, String host) {
        String signatureVersion = topic.attribute("SignatureVersion");
        switch (s.protocol) {
            case "sqs" -> metrics.delivered(topic, toQueue(s, m, host, signatureVersion));
            case "lambda" -> {
                String payload = envelopes.lambdaEvent(m, s.arn, host, signatureVersion).toString();
                String status = toFunction(s, payload);
                metrics.delivered(topic, status.equals("invoked"));
                record(s, m, "Notification", payload, status);
            }
            case "http", "https" -> {
                String body = s.raw() ? m.messageFor(s.protocol)
                        : envelopes.notification(m, s.protocol, s.arn, host, signatureVersion).toString();
                http.post(s.protocol, s.endpoint, s.topicArn, s.arn, m.messageId(), "Notification", body,
                        HttpDelivery.headers("Notification", m.messageId(), s.topicArn, s.arn, s.raw()),
                        retryOf(topic, s), failed -> {
                            metrics.delivered(topic, false);
                            toDeadLetterQueue(s, failed);
                        }, () -> metrics.delivered(topic, true));
            }
            case "email-json" -> {
                record(s, m, "Notification",
                        envelopes.notification(m, s.protocol, s.arn, host, signatureVersion).toString(), "recorded");
                metrics.delivered(topic, true);
            }
            default -> {
                record(s, m, "Notification", m.messageFor(s.protocol), "recorded");
                metrics.delivered(topic, true);
            }
        }
    }

    /** @return whether SQS took the message */
    private boolean toQueue(Subscription s, SnsMessage m, String host, String signatureVersion) {
        String body;
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        if (s.raw()) {
            body = m.messageFor("sqs");
            m.attributes().forEach((k, v) -> attributes.put(k, v.binary() == null
                    ? MessageAttributeValue.builder().dataType(v.dataType()).stringValue(v.value()).build()
                    : MessageAttributeValue.builder().dataType(v.dataType()).binaryValue(SdkBytes.fromByteArray(v.binary()))
                            .build()));
        } else {
            body = envelopes.notification(m, "sqs", s.arn, host, signatureVersion).toString();
        }
        if (!send(s.topicArn, s.endpoint, body, attributes, m.groupId(), m.deduplicationId())) {
            toDeadLetterQueue(s, body);
            return false;
        }
        return true;
    }

    /** Sends with SendMessage to the queue the ARN names; false when SQS refuses it or the queue is gone. */
    private boolean send(String topicArn, String queueArn, String body, Map<String, MessageAttributeValue> attributes,
            String groupId, String deduplicationId) {
        Arn queue = SnsStore.parse(queueArn);
        if (queue == null || !queue.service().equals("sqs") || !context.clients().serves(SqsClient.class)) {
            return false;
        }
        boolean fifo = queue.resource().endsWith(".fifo");
        if (fifo && groupId == null) {
            return false; // a standard topic cannot feed a FIFO queue
        }
        try {
            SqsClient sqs = queueClients.computeIfAbsent(
                    Caller.service(PRINCIPAL, queue.accountId(), queue.region(), topicArn),
                    caller -> context.clients().client(SqsClient.class, caller));
            String url = sqs.getQueueUrl(b -> b.queueName(queue.resource()).queueOwnerAWSAccountId(queue.accountId()))
                    .queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageAttributes(attributes.isEmpty() ? null : attributes)
                    .messageGroupId(fifo ? groupId : null).messageDeduplicationId(fifo ? deduplicationId : null));
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    /**
     * Invokes the function asynchronously, as SNS does; what Lambda refuses (no such function, no
     * permission for the topic, no Lambda at all on this server) goes to the subscription's dead-letter
     * queue (https://docs.aws.amazon.com/sns/latest/dg/sns-lambda-as-subscriber.html).
     *
     * @return the delivery status for the log
     */
    private String toFunction(Subscription s, String payload) {
        Arn function = SnsStore.parse(s.endpoint);
        if (function == null || !context.clients().serves(LambdaClient.class)) {
            toDeadLetterQueue(s, payload);
            return "failed: no function " + s.endpoint;
        }
        try {
            LambdaClient lambda = context.clients().client(LambdaClient.class,
                    Caller.service(PRINCIPAL, function.accountId(), function.region(), s.topicArn));
            lambda.invoke(b -> b.functionName(s.endpoint).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String(payload)));
            return "invoked";
        } catch (RuntimeException e) {
            toDeadLetterQueue(s, payload);
            return "failed: " + e.getMessage();
        }
    }

    /** What even the dead-letter queue refuses is dropped, as in AWS. */
    private void toDeadLetterQueue(Subscription s, String body) {
        String policy = s.attribute("RedrivePolicy");
        if (policy == null) {
            return;
        }
        try {
            JsonNode n = FilterPolicy.JSON.readTree(policy);
            String dlq = n.path("deadLetterTargetArn").asText(null);
            if (dlq != null) {
                send(s.topicArn, dlq, body, Map.of(), "dlq", Publisher.sha256(body));
            }
        } catch (IOException ignored) {
            // validated when set
        }
    }

    private void record(Subscription s, SnsMessage m, String type, String body, String status) {
        log.add(new DeliveryLog.Entry(s.protocol, s.endpoint, s.topicArn, s.arn, m.messageId(), type, body, Map.of(),
                status, context.clock().now().toEpochMilli()));
    }

    /** The delivery policy's healthy retry policy: the subscription's, else the topic's http default. */
    static HttpDelivery.Retry retryOf(Topic topic, Subscription s) {
        JsonNode policy = parse(s.attribute("DeliveryPolicy")).path("healthyRetryPolicy");
        if (policy.isMissingNode()) {
            policy = parse(topic.attribute("DeliveryPolicy")).path("http").path("defaultHealthyRetryPolicy");
        }
        if (policy.isMissingNode()) {
            return HttpDelivery.Retry.DEFAULT;
        }
        return new HttpDelivery.Retry(policy.path("numRetries").asInt(3),
                Duration.ofSeconds(policy.path("minDelayTarget").asInt(20)));
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return FilterPolicy.JSON.missingNode();
        }
        try {
            JsonNode n = FilterPolicy.JSON.readTree(json);
            return n == null ? FilterPolicy.JSON.missingNode() : n;
        } catch (IOException e) {
            return FilterPolicy.JSON.missingNode();
        }
    }
}
