package io.gureum.sns;

import java.util.LinkedHashMap;
import java.util.Map;

/** A subscription of an endpoint to a topic, with its delivery attributes and parsed filter policy. */
final class Subscription {
    final String arn;
    final String topicArn;
    final String protocol;
    final String endpoint;
    final String owner;
    final String token;
    volatile boolean confirmed;
    volatile boolean deleted;

    private final Map<String, String> attributes = new LinkedHashMap<>();
    private volatile FilterPolicy filter;
    private volatile boolean raw;
    private volatile boolean replayEnds;

    Subscription(String arn, String topicArn, String protocol, String endpoint, String owner, String token,
            boolean confirmed) {
        this.arn = arn;
        this.topicArn = topicArn;
        this.protocol = protocol;
        this.endpoint = endpoint;
        this.owner = owner;
        this.token = token;
        this.confirmed = confirmed;
    }

    synchronized Map<String, String> attributes() {
        return new LinkedHashMap<>(attributes);
    }

    synchronized String attribute(String name) {
        return attributes.get(name);
    }

    /** Sets an already validated attribute and refreshes the parsed filter. */
    synchronized void setAttribute(String name, String value) {
        if (value == null || value.isEmpty()) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        raw = "true".equalsIgnoreCase(attributes.get("RawMessageDelivery"));
        ReplayPolicy replay = ReplayPolicy.parseOrNull(attributes.get("ReplayPolicy"));
        replayEnds = replay != null && replay.endingPoint() != null;
        String policy = attributes.get("FilterPolicy");
        filter = policy == null ? null
                : FilterPolicy.parse(policy, "MessageBody".equals(attributes.get("FilterPolicyScope")));
    }

    /**
     * Whether a replay with an {@code EndingPoint} has completed: such a subscription no longer receives newly
     * published messages (SNS API reference, Subscribe's {@code ReplayStatus}).
     */
    boolean replayEnded() {
        return replayEnds && "Completed".equals(attribute("ReplayStatus"));
    }

    boolean raw() {
        return raw;
    }

    boolean accepts(Map<String, FilterPolicy.Attribute> attributes, String body) {
        FilterPolicy f = filter;
        return f == null || f.matches(attributes, body);
    }
}
