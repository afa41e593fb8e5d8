package io.gureum.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.targets.FunctionTarget;
import io.gureum.core.targets.QueueTarget;
import io.gureum.core.targets.Targets;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers one message to one subscription by protocol: SQS and Lambda through core's {@link Targets} (raw or in the
 * JSON envelope), Lambda as an asynchronous invocation, HTTP/S by {@link HttpDelivery}, the rest recorded.
 * A message SQS refuses goes to the subscription's dead-letter queue when it has one
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html).
 */
final class Deliverer {
    /** The SenderId SQS shows for messages SNS delivered. */
    static final String SNS_SENDER_ID = "AIDAIT2UOQQY3AUEKVGXU";

    private final Targets targets;
    private final Envelopes envelopes;
    private final HttpDelivery http;
    private final DeliveryLog log;
    private final ServiceContext context;

    Deliverer(ServiceContext context, Envelopes envelopes, HttpDelivery http, DeliveryLog log) {
        this.context = context;
        this.targets = context.targets();
        this.envelopes = envelopes;
        this.http = http;
        this.log = log;
    }

    void deliver(Topic topic, Subscription s, SnsMessage m, String host) {
        String signatureVersion = topic.attribute("SignatureVersion");
        switch (s.protocol) {
            case "sqs" -> toQueue(s, m, host, signatureVersion);
            case "lambda" -> {
                String payload = envelopes.lambdaEvent(m, s.arn, host, signatureVersion).toString();
                record(s, m, "Notification", payload, toFunction(s, payload));
            }
            case "http", "https" -> {
                String body = s.raw() ? m.messageFor(s.protocol)
                        : envelopes.notification(m, s.protocol, s.arn, host, signatureVersion).toString();
                http.post(s.protocol, s.endpoint, s.topicArn, s.arn, m.messageId(), "Notification", body,
                        HttpDelivery.headers("Notification", m.messageId(), s.topicArn, s.arn, s.raw()),
                        retryOf(topic, s), failed -> toDeadLetterQueue(s, failed));
            }
            case "email-json" -> record(s, m, "Notification",
                    envelopes.notification(m, s.protocol, s.arn, host, signatureVersion).toString(), "recorded");
            default -> record(s, m, "Notification", m.messageFor(s.protocol), "recorded");
        }
    }

    private void toQueue(Subscription s, SnsMessage m, String host, String signatureVersion) {
        String body;
        Map<String, QueueTarget.Attribute> attributes = new LinkedHashMap<>();
        if (s.raw()) {
            body = m.messageFor("sqs");
            m.attributes().forEach((k, v) -> attributes.put(k, new QueueTarget.Attribute(v.dataType(),
                    v.binary() == null ? v.value() : null, v.binary())));
        } else {
            body = envelopes.notification(m, "sqs", s.arn, host, signatureVersion).toString();
        }
        if (!send(s.endpoint, body, attributes, m)) {
            toDeadLetterQueue(s, body);
        }
    }

    private boolean send(String queueArn, String body, Map<String, QueueTarget.Attribute> attributes, SnsMessage m) {
        Optional<QueueTarget> q = targets.lookup(queueArn, QueueTarget.class);
        if (q.isEmpty() || attributes.size() > 10) {
            return false;
        }
        try {
            String groupId = m.groupId();
            if (q.get().fifo() && groupId == null) {
                return false; // a standard topic cannot feed a FIFO queue
            }
            q.get().send(body, attributes, groupId, m.deduplicationId(), SNS_SENDER_ID);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Invokes the function asynchronously, as SNS does; what Lambda refuses (no such function, no
     * permission for the topic) goes to the subscription's dead-letter queue
     * (https://docs.aws.amazon.com/sns/latest/dg/sns-lambda-as-subscriber.html).
     *
     * @return the delivery status for the log
     */
    private String toFunction(Subscription s, String payload) {
        Optional<FunctionTarget> function = targets.lookup(s.endpoint, FunctionTarget.class);
        if (function.isEmpty()) {
            toDeadLetterQueue(s, payload);
            return "failed: no function " + s.endpoint;
        }
        try {
            function.get().invokeAsync(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), s.topicArn);
            return "invoked";
        } catch (RuntimeException e) {
            toDeadLetterQueue(s, payload);
            return "failed: " + e.getMessage();
        }
    }

    private void toDeadLetterQueue(Subscription s, String body) {
        String policy = s.attribute("RedrivePolicy");
        if (policy == null) {
            return;
        }
        try {
            JsonNode n = FilterPolicy.JSON.readTree(policy);
            String dlq = n.path("deadLetterTargetArn").asText(null);
            if (dlq != null) {
                targets.lookup(dlq, QueueTarget.class).ifPresent(q -> {
                    try {
                        q.send(body, Map.of(), q.fifo() ? "dlq" : null, null, SNS_SENDER_ID);
                    } catch (RuntimeException ignored) {
                        // AWS drops what even the dead-letter queue refuses
                    }
                });
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
