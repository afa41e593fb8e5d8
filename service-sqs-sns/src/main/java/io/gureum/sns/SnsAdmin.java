package io.gureum.sns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Gureum's SNS inspection endpoints, for tests:
 * <ul>
 * <li>{@code GET /_gureum/sns/deliveries?Protocol=&Endpoint=&TopicArn=} — what SNS sent (or would have
 * sent) to email, SMS, mobile push, Firehose, Lambda and HTTP endpoints, with confirmation tokens;</li>
 * <li>{@code GET /_gureum/sns/SimpleNotificationService-gureum.pem} — the key that signs notifications.</li>
 * </ul>
 * Core's admin router is to call {@link #handle} for paths under {@code /_gureum/sns/}.
 */
public final class SnsAdmin {
    private final DeliveryLog log;
    private final SnsStore store;
    private final SnsSigner signer;

    SnsAdmin(DeliveryLog log, SnsStore store, SnsSigner signer) {
        this.log = log;
        this.store = store;
        this.signer = signer;
    }

    public AwsHttpResponse handle(AwsHttpRequest request) {
        if (!request.method().equals("GET")) {
            return json(405, error("MethodNotAllowed", "Use GET"));
        }
        switch (request.rawPath()) {
            case "/_gureum/sns/deliveries" -> {
                ObjectNode body = FilterPolicy.JSON.createObjectNode();
                ArrayNode out = body.putArray("Deliveries");
                for (DeliveryLog.Entry e : log.find(request.queryParameter("Protocol"),
                        request.queryParameter("Endpoint"), request.queryParameter("TopicArn"))) {
                    ObjectNode n = out.addObject();
                    n.put("Protocol", e.protocol());
                    n.put("Endpoint", e.endpoint());
                    n.put("TopicArn", e.topicArn());
                    n.put("SubscriptionArn", e.subscriptionArn());
                    n.put("MessageId", e.messageId());
                    n.put("Type", e.messageType());
                    n.put("Body", e.body());
                    n.put("Status", e.status());
                    n.put("Timestamp", e.timestamp());
                    ObjectNode h = n.putObject("Headers");
                    e.headers().forEach(h::put);
                }
                return json(200, body);
            }
            case "/_gureum/sns/SimpleNotificationService-gureum.pem" -> {
                return new AwsHttpResponse(200).body(signer.publicKeyPem().getBytes(StandardCharsets.US_ASCII))
                        .header("Content-Type", "application/x-pem-file");
            }
            default -> {
                return json(404, error("NotFound", "No Gureum endpoint at " + request.rawPath()));
            }
        }
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode n = FilterPolicy.JSON.createObjectNode();
        n.putObject("Error").put("Code", code).put("Message", message);
        return n;
    }

    private static AwsHttpResponse json(int status, ObjectNode body) {
        return new AwsHttpResponse(status).body(body.toString().getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
    }
}
