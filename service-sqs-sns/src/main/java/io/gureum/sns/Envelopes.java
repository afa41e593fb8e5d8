package io.gureum.sns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The JSON documents SNS delivers: the Notification envelope (SQS without raw delivery, HTTP/S,
 * email-json), SubscriptionConfirmation, and the Lambda event. Field order and names as AWS sends them,
 * see https://docs.aws.amazon.com/sns/latest/dg/http-notification-json.html
 */
final class Envelopes {
    private final SnsSigner signer;

    Envelopes(SnsSigner signer) {
        this.signer = signer;
    }

    static String certUrl(String host) {
        return "http://" + host + "/_gureum/sns/SimpleNotificationService-gureum.pem";
    }

    static String unsubscribeUrl(String host, String subscriptionArn) {
        return "http://" + host + "/?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn;
    }

    ObjectNode notification(SnsMessage m, String protocol, String subscriptionArn, String host, String signatureVersion) {
        String text = m.messageFor(protocol);
        ObjectNode n = FilterPolicy.JSON.createObjectNode();
        n.put("Type", "Notification");
        n.put("MessageId", m.messageId());
        if (m.sequenceNumber() != null) {
            n.put("SequenceNumber", m.sequenceNumber());
        }
        n.put("TopicArn", m.topicArn());
        if (m.subject() != null) {
            n.put("Subject", m.subject());
        }
        n.put("Message", text);
        n.put("Timestamp", m.timestamp());
        if (m.replayed()) {
            n.put("Replayed", true);
        }
        String version = signatureVersion == null ? "1" : signatureVersion;
        StringBuilder canonical = new StringBuilder();
        canonical.append("Message\n").append(text).append('\n');
        canonical.append("MessageId\n").append(m.messageId()).append('\n');
        if (m.subject() != null) {
            canonical.append("Subject\n").append(m.subject()).append('\n');
        }
        canonical.append("Timestamp\n").append(m.timestamp()).append('\n');
        canonical.append("TopicArn\n").append(m.topicArn()).append('\n');
        canonical.append("Type\nNotification\n");
        n.put("SignatureVersion", version);
        n.put("Signature", signer.sign(canonical.toString(), version));
        n.put("SigningCertURL", certUrl(host));
        n.put("UnsubscribeURL", unsubscribeUrl(host, subscriptionArn));
        if (!m.attributes().isEmpty()) {
            ObjectNode attrs = n.putObject("MessageAttributes");
            for (Map.Entry<String, SnsMessage.MessageAttribute> e : m.attributes().entrySet()) {
                attrs.putObject(e.getKey()).put("Type", e.getValue().dataType()).put("Value", e.getValue().value());
            }
        }
        return n;
    }

    ObjectNode confirmation(String topicArn, String messageId, String token, String timestamp, String host,
            String signatureVersion) {
        String subscribeUrl = "http://" + host + "/?Action=ConfirmSubscription&TopicArn=" + topicArn + "&Token=" + token;
        String message = "You have chosen to subscribe to the topic " + topicArn
                + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.";
        ObjectNode n = FilterPolicy.JSON.createObjectNode();
        n.put("Type", "SubscriptionConfirmation");
        n.put("MessageId", messageId);
        n.put("Token", token);
        n.put("TopicArn", topicArn);
        n.put("Message", message);
        n.put("SubscribeURL", subscribeUrl);
        n.put("Timestamp", timestamp);
        String version = signatureVersion == null ? "1" : signatureVersion;
        String canonical = "Message\n" + message + "\nMessageId\n" + messageId + "\nSubscribeURL\n" + subscribeUrl
                + "\nTimestamp\n" + timestamp + "\nToken\n" + token + "\nTopicArn\n" + topicArn
                + "\nType\nSubscriptionConfirmation\n";
        n.put("SignatureVersion", version);
        n.put("Signature", signer.sign(canonical, version));
        n.put("SigningCertURL", certUrl(host));
        return n;
    }

    /** The event a Lambda subscriber receives (https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html). */
    ObjectNode lambdaEvent(SnsMessage m, String subscriptionArn, String host, String signatureVersion) {
        ObjectNode note = notification(m, "lambda", subscriptionArn, host, signatureVersion);
        ObjectNode sns = FilterPolicy.JSON.createObjectNode();
        note.fields().forEachRemaining(e -> {
            String k = switch (e.getKey()) {
                case "SigningCertURL" -> "SigningCertUrl";
                case "UnsubscribeURL" -> "UnsubscribeUrl";
                default -> e.getKey();
            };
            sns.set(k, e.getValue());
        });
        if (!sns.has("Subject")) {
            sns.putNull("Subject");
        }
        if (!sns.has("MessageAttributes")) {
            sns.putObject("MessageAttributes");
        }
        ObjectNode event = FilterPolicy.JSON.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        record.put("EventSubscriptionArn", subscriptionArn);
        record.set("Sns", sns);
        return event;
    }
}
