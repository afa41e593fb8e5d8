package io.gureum.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publish: validates, deduplicates (FIFO), and fans the message out to every confirmed subscription
 * whose filter policy accepts it, on the caller's thread, so SQS subscribers see it before Publish
 * returns. FIFO topics fan out under the topic's lock, so each subscriber sees the publish order.
 * See https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
 */
final class Publisher {
    static final int MAX_MESSAGE_BYTES = 262_144;
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,256}");

    /** What Publish and each PublishBatch entry carry. */
    record Outgoing(String message, String subject, String messageStructure, Map<String, MessageAttributeValue> attributes,
            String groupId, String deduplicationId) {
    }

    record Published(String messageId, String sequenceNumber) {
    }

    private final ServiceContext context;
    private final Deliverer deliverer;
    private final DeliveryLog log;
    private final SnsMetrics metrics;

    Publisher(ServiceContext context, Deliverer deliverer, DeliveryLog log) {
        this.context = context;
        this.metrics = new SnsMetrics(context);
        this.deliverer = deliverer;
        this.log = log;
    }

    Published publish(Topic topic, Outgoing o) {
        SnsMessage m = inbound(topic, prepare(topic, o));
        if (topic.fifo) {
            synchronized (topic) {
                String[] seen = topic.deduplicate(m.deduplicationId(), now());
                if (seen != null) {
                    return new Published(seen[0], seen[1]);
                }
                String seq = topic.nextSequenceNumber();
                m = new SnsMessage(m.messageId(), m.topicArn(), m.message(), m.perProtocol(), m.subject(),
                        m.attributes(), m.groupId(), m.deduplicationId(), seq, m.timestamp(), false);
                Topic.Dedup remembered = topic.remember(m.deduplicationId(), m.messageId(), seq, now());
                if (context.state().enabled()) {
                    // Journaled before Publish answers, so a retry after a restart is still a duplicate;
                    // records past the window are left for the next compaction to drop.
                    context.state().put(SnsRecords.SERVICE, topic.account, topic.region, SnsRecords.DEDUP,
                            topic.name + "/" + remembered.deduplicationId(), remembered);
                }
                fanOut(topic, m);
                MessageArchive.Archived archived = topic.archive.add(m, now());
                if (archived != null && context.state().enabled()) {
                    // An immutable record per archived message, journaled before Publish answers; records of
                    // messages past the retention are left for the next compaction to drop.
                    context.state().put(SnsRecords.SERVICE, topic.account, topic.region, SnsRecords.ARCHIVED,
                            SnsRecords.archivedKey(topic, archived), archived);
                }
                return new Published(m.messageId(), seq);
            }
        }
        fanOut(topic, m);
        return new Published(m.messageId(), null);
    }

    private void fanOut(Topic topic, SnsMessage m) {
        metrics.published(topic, m);
        String host = host();
        Map<String, FilterPolicy.Attribute> filterAttributes = m.filterAttributes();
        DataProtection protection = DataProtection.of(topic);
        for (Subscription s : topic.subscriptions) {
            if (s.confirmed && !s.deleted && !s.replayEnded() && s.accepts(filterAttributes, m.messageFor(s.protocol))) {
                SnsMessage out = outbound(protection, topic, s, m);
                if (out != null) {
                    deliverer.deliver(topic, s, out, host);
                }
            }
        }
    }

    /**
     * The topic's data protection policy on Publish: a Deny statement that finds sensitive data refuses the
     * request, Deidentify statements mask or redact it before anyone receives it.
     */
    private SnsMessage inbound(Topic topic, SnsMessage m) {
        DataProtection p = DataProtection.of(topic);
        if (p == null) {
            return m;
        }
        RequestContext ctx = RequestContext.currentOrNull();
        String account = ctx == null ? topic.account : ctx.accountId();
        if (texts(m).stream().anyMatch(t -> p.denies(DataProtection.Direction.Inbound, account, t))) {
            throw SnsErrors.authorization("The message was denied by the topic's data protection policy: it contains "
                    + "sensitive data");
        }
        return rewrite(m, t -> p.deidentify(DataProtection.Direction.Inbound, account, t));
    }

    /** The policy on delivery to one subscription: null when a Deny statement stops it (counted as failed). */
    private SnsMessage outbound(DataProtection p, Topic topic, Subscription s, SnsMessage m) {
        if (p == null) {
            return m;
        }
        if (texts(m).stream().anyMatch(t -> p.denies(DataProtection.Direction.Outbound, s.owner, t))) {
            metrics.delivered(topic, false);
            return null;
        }
        return rewrite(m, t -> p.deidentify(DataProtection.Direction.Outbound, s.owner, t));
    }

    private static java.util.List<String> texts(SnsMessage m) {
        java.util.List<String> out = new java.util.ArrayList<>();
        out.add(m.message());
        if (m.perProtocol() != null) {
            out.addAll(m.perProtocol().values());
        }
        return out;
    }

    private static SnsMessage rewrite(SnsMessage m, java.util.function.UnaryOperator<String> f) {
        Map<String, String> perProtocol = null;
        if (m.perProtocol() != null) {
            perProtocol = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : m.perProtocol().entrySet()) {
                perProtocol.put(e.getKey(), f.apply(e.getValue()));
            }
        }
        return new SnsMessage(m.messageId(), m.topicArn(), f.apply(m.message()), perProtocol, m.subject(),
                m.attributes(), m.groupId(), m.deduplicationId(), m.sequenceNumber(), m.timestamp(), m.replayed());
    }

    /**
     * Replays the topic's archived messages published from {@code from} to {@code to} to one subscription, in
     * their order and through its filter policy, under the topic's lock so that nothing published meanwhile
     * overtakes them (https://docs.aws.amazon.com/sns/latest/dg/message-archiving-and-replay-subscriber.html).
     */
    void replay(Topic topic, Subscription s, long from, long to) {
        synchronized (topic) {
            s.setAttribute("ReplayStatus", "In progress");
            String host = host();
            DataProtection protection = DataProtection.of(topic);
            for (SnsMessage m : topic.archive.between(from, to, now())) {
                if (!s.deleted && s.accepts(m.filterAttributes(), m.messageFor(s.protocol))) {
                    SnsMessage out = outbound(protection, topic, s, m.asReplayed());
                    if (out != null) {
                        deliverer.deliver(topic, s, out, host);
                    }
                }
            }
            s.setAttribute("ReplayStatus", "Completed");
        }
    }

    /**
     * The host for the envelope's unsubscribe and certificate URLs: the HTTP request's, or the server's when
     * another service publishes in-process (S3's notifications, Lambda's destinations).
     */
    private String host() {
        RequestContext request = RequestContext.currentOrNull();
        if (request != null && request.httpRequest() != null) {
            return request.host();
        }
        return context.endpoint().uri().map(u -> u.getAuthority()).orElse("localhost:4566");
    }

    /** Publish to a phone number or a mobile endpoint: recorded for inspection. */
    String publishDirect(String protocol, String target, Outgoing o) {
        SnsMessage m = prepare(null, o);
        log.add(new DeliveryLog.Entry(protocol, target, null, null, m.messageId(), "Notification",
                m.messageFor(protocol.equals("sms") ? "sms" : target.contains("/APNS") ? "APNS" : "GCM"), Map.of(),
                "recorded", now()));
        return m.messageId();
    }

    private SnsMessage prepare(Topic topic, Outgoing o) {
        if (o.message() == null || o.message().isEmpty()) {
            throw SnsErrors.invalidParameter("Empty message");
        }
        Map<String, SnsMessage.MessageAttribute> attributes = attributes(o.attributes());
        int size = o.message().getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, SnsMessage.MessageAttribute> e : attributes.entrySet()) {
            size += e.getKey().length() + e.getValue().dataType().length() + e.getValue().value().length();
        }
        if (size > MAX_MESSAGE_BYTES) {
            throw SnsErrors.invalidParameter("Message too long");
        }
        if (o.subject() != null) {
            if (o.subject().isEmpty() || o.subject().length() > 100 || !o.subject().matches("[\\x20-\\x7E]+")) {
                throw SnsErrors.invalidParameter("Subject");
            }
        }
        Map<String, String> perProtocol = null;
        if (o.messageStructure() != null) {
            if (!o.messageStructure().equals("json")) {
                throw SnsErrors.invalidParameter("MessageStructure");
            }
            perProtocol = structure(o.message());
        }
        String message = perProtocol == null ? o.message() : perProtocol.get("default");
        String groupId = o.groupId();
        String dedupId = o.deduplicationId();
        if (topic != null && topic.fifo) {
            if (groupId == null || groupId.isEmpty()) {
                throw SnsErrors.invalidParameter("The MessageGroupId parameter is required for FIFO topics");
            }
            if (dedupId == null) {
                if (!"true".equals(topic.attribute("ContentBasedDeduplication"))) {
                    throw SnsErrors.invalidParameter("The topic should either have ContentBasedDeduplication enabled "
                            + "or MessageDeduplicationId provided explicitly");
                }
                dedupId = sha256(o.message());
            }
        } else if (dedupId != null) {
            throw SnsErrors.invalidParameter("MessageDeduplicationId Reason: The request includes "
                    + "MessageDeduplicationId parameter that is not valid for this topic type");
        }
        return new SnsMessage(context.ids().requestId(), topic == null ? null : topic.arnText, message, perProtocol,
                o.subject(), attributes, groupId, dedupId, null,
                Instant.ofEpochMilli(now()).toString(), false);
    }

    /** MessageStructure json: an object of strings with a "default" entry. */
    private static Map<String, String> structure(String message) {
        JsonNode n;
        try {
            n = FilterPolicy.JSON.readTree(message);
        } catch (IOException e) {
            throw SnsErrors.invalidParameter("Message Structure - JSON message body failed to parse");
        }
        if (n == null || !n.isObject()) {
            throw SnsErrors.invalidParameter("Message Structure - JSON message body failed to parse");
        }
        if (!n.has("default")) {
            throw SnsErrors.invalidParameter("Message Structure - No default entry in JSON message body");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
        }
        return out;
    }

    private static Map<String, SnsMessage.MessageAttribute> attributes(Map<String, MessageAttributeValue> in) {
        Map<String, SnsMessage.MessageAttribute> out = new LinkedHashMap<>();
        if (in == null) {
            return out;
        }
        for (Map.Entry<String, MessageAttributeValue> e : in.entrySet()) {
            String name = e.getKey();
            MessageAttributeValue v = e.getValue();
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            // AWS.SNS.* and AWS.MM.* are SNS's own reserved attributes for SMS and mobile push (SMSType,
            // SenderID, OriginationNumber …): https://docs.aws.amazon.com/sns/latest/dg/sms_publish-to-phone.html
            boolean reserved = name.startsWith("AWS.SNS.") || name.startsWith("AWS.MM.");
            if (!ATTRIBUTE_NAME.matcher(name).matches() || (!reserved && lower.startsWith("aws."))
                    || lower.startsWith("amazon.")
                    || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
                throw SnsErrors.invalidParameterValue("The message attribute name '" + name + "' is invalid.");
            }
            String type = v == null ? null : v.dataType();
            if (type == null || type.isEmpty()) {
                throw SnsErrors.invalidParameterValue("The message attribute '" + name
                        + "' must contain non-empty message attribute type.");
            }
            String base = type.split("\\.")[0];
            if (type.equals("String.Array")) {
                String s = v.stringValue();
                JsonNode arr = null;
                try {
                    arr = s == null ? null : FilterPolicy.JSON.readTree(s);
                } catch (IOException ignored) {
                    // reported below
                }
                if (arr == null || !arr.isArray()) {
                    throw SnsErrors.invalidParameterValue("The message attribute '" + name
                            + "' has an invalid message attribute type, the set of supported type prefixes is Binary, "
                            + "Number, and String.");
                }
                out.put(name, new SnsMessage.MessageAttribute(type, s, null));
            } else if (base.equals("Binary")) {
                if (v.binaryValue() == null || v.binaryValue().asByteArrayUnsafe().length == 0) {
                    throw SnsErrors.invalidParameterValue("The message attribute '" + name
                            + "' with type 'Binary' must use field 'Binary'.");
                }
                byte[] bytes = v.binaryValue().asByteArray();
                out.put(name, new SnsMessage.MessageAttribute(type, Base64.getEncoder().encodeToString(bytes), bytes));
            } else if (base.equals("String") || base.equals("Number")) {
                String s = v.stringValue();
                if (s == null || s.isEmpty()) {
                    throw SnsErrors.invalidParameterValue("The message attribute '" + name + "' must contain non-empty "
                            + "message attribute value for message attribute type '" + base + "'.");
                }
                if (base.equals("Number")) {
                    try {
                        new java.math.BigDecimal(s.trim());
                    } catch (NumberFormatException ex) {
                        throw SnsErrors.invalidParameterValue("Could not cast message attribute '" + name
                                + "' value to number.");
                    }
                }
                out.put(name, new SnsMessage.MessageAttribute(type, s, null));
            } else {
                throw SnsErrors.invalidParameterValue("The message attribute '" + name + "' has an invalid message "
                        + "attribute type, the set of supported type prefixes is Binary, Number, and String.");
            }
        }
        return out;
    }

    private long now() {
        return context.clock().now().toEpochMilli();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
