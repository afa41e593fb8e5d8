package io.gureum.sqs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.ServiceContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Gureum's SQS inspection endpoints, for tests: {@code GET /_gureum/sqs/messages?QueueUrl=…} lists a
 * queue's messages with their state without receiving them (visibility and receive counts do not
 * change). Core's admin router is to call {@link #handle} for paths under {@code /_gureum/sqs/}.
 */
public final class SqsAdmin {
    private final ServiceContext context;
    private final SqsQueues queues;

    SqsAdmin(ServiceContext context, SqsQueues queues) {
        this.context = context;
        this.queues = queues;
    }

    public AwsHttpResponse handle(AwsHttpRequest request) {
        if (!request.rawPath().equals("/_gureum/sqs/messages")) {
            return json(404, error("NotFound", "No Gureum endpoint at " + request.rawPath()));
        }
        if (!request.method().equals("GET")) {
            return json(405, error("MethodNotAllowed", "Use GET"));
        }
        String url = request.queryParameter("QueueUrl");
        QueueUrls.Parsed p = QueueUrls.parse(url);
        if (p == null) {
            return json(400, error("MissingParameter", "The request must contain the parameter QueueUrl."));
        }
        String region = p.region() != null ? p.region()
                : request.queryParameter("Region") != null ? request.queryParameter("Region")
                        : context.config().defaultRegion();
        Queue q = queues.get(p.account(), region, p.name());
        if (q == null || q.deleted()) {
            return json(400, error("AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist."));
        }
        long now = context.clock().now().toEpochMilli();
        ObjectNode body = QueuePolicies.JSON.createObjectNode();
        body.put("QueueUrl", url);
        ArrayNode messages = body.putArray("Messages");
        for (Map.Entry<SqsMessage, String> e : q.peek(now)) {
            SqsMessage m = e.getKey();
            ObjectNode n = messages.addObject();
            n.put("MessageId", m.id);
            n.put("Body", m.body);
            n.put("MD5OfBody", m.md5OfBody);
            n.put("State", e.getValue());
            ObjectNode a = n.putObject("Attributes");
            a.put("SentTimestamp", Long.toString(m.sentAt));
            a.put("ApproximateReceiveCount", Integer.toString(m.receiveCount));
            if (m.firstReceiveAt > 0) {
                a.put("ApproximateFirstReceiveTimestamp", Long.toString(m.firstReceiveAt));
            }
            if (m.groupId != null) {
                a.put("MessageGroupId", m.groupId);
            }
            if (m.deduplicationId != null) {
                a.put("MessageDeduplicationId", m.deduplicationId);
            }
            if (m.sequenceNumber != null) {
                a.put("SequenceNumber", m.sequenceNumber);
            }
            if (m.deadLetterSourceArn != null) {
                a.put("DeadLetterQueueSourceArn", m.deadLetterSourceArn);
            }
            if (!m.attributes.isEmpty()) {
                ObjectNode ma = n.putObject("MessageAttributes");
                m.attributes.forEach((k, v) -> {
                    ObjectNode av = ma.putObject(k);
                    av.put("DataType", v.dataType());
                    if (v.isBinary()) {
                        av.put("BinaryValue", Base64.getEncoder().encodeToString(v.binaryValue()));
                    } else {
                        av.put("StringValue", v.stringValue());
                    }
                });
            }
        }
        return json(200, body);
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode n = QueuePolicies.JSON.createObjectNode();
        n.putObject("Error").put("Code", code).put("Message", message);
        return n;
    }

    private static AwsHttpResponse json(int status, ObjectNode body) {
        return new AwsHttpResponse(status).body(body.toString().getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
    }
}
