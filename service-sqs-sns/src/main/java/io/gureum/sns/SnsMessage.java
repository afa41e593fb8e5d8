package io.gureum.sns;

import java.util.Map;

/**
 * A published message on its way to subscribers: the default text, per-protocol texts (MessageStructure
 * json), subject, attributes, and FIFO group, deduplication ID and sequence number.
 */
record SnsMessage(String messageId, String topicArn, String message, Map<String, String> perProtocol,
        String subject, Map<String, MessageAttribute> attributes, String groupId, String deduplicationId,
        String sequenceNumber, String timestamp, boolean replayed) {

    /** A message attribute: String, String.Array, Number or Binary (base64 in {@code value} for the envelope). */
    record MessageAttribute(String dataType, String value, byte[] binary) {
    }

    /** This message as a replay from the topic's archive delivers it: same ID and timestamp, marked replayed. */
    SnsMessage asReplayed() {
        return new SnsMessage(messageId, topicArn, message, perProtocol, subject, attributes, groupId, deduplicationId,
                sequenceNumber, timestamp, true);
    }

    /** The text for one protocol: its own entry of a json message structure, else the default. */
    String messageFor(String protocol) {
        if (perProtocol == null) {
            return message;
        }
        String own = perProtocol.get(protocol);
        return own != null ? own : message;
    }

    Map<String, FilterPolicy.Attribute> filterAttributes() {
        Map<String, FilterPolicy.Attribute> out = new java.util.HashMap<>();
        attributes.forEach((k, v) -> out.put(k, new FilterPolicy.Attribute(v.dataType(), v.value())));
        return out;
    }
}
