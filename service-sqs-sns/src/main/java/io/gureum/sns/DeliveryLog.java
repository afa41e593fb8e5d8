package io.gureum.sns;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What SNS sent to endpoints Gureum cannot reach (email, SMS, mobile push, Firehose, Lambda until a
 * Lambda service consumes its events, non-loopback HTTP) and every HTTP attempt, newest last, for the
 * {@code /_gureum/sns/…} inspection endpoints. Bounded: the oldest records go first.
 */
final class DeliveryLog {
    static final int CAPACITY = 10_000;

    record Entry(String protocol, String endpoint, String topicArn, String subscriptionArn, String messageId,
            String messageType, String body, Map<String, String> headers, String status, long timestamp) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    synchronized void add(Entry e) {
        if (entries.size() >= CAPACITY) {
            entries.pollFirst();
        }
        entries.addLast(e);
    }

    synchronized List<Entry> find(String protocol, String endpoint, String topicArn) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if ((protocol == null || protocol.equals(e.protocol())) && (endpoint == null || endpoint.equals(e.endpoint()))
                    && (topicArn == null || topicArn.equals(e.topicArn()))) {
                out.add(e);
            }
        }
        return out;
    }

    synchronized void clear() {
        entries.clear();
    }
}
