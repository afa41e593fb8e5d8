package io.gureum.iam.authz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.iam.policy.AuthorizationResult;
import io.gureum.iam.policy.MatchedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The most recent authorization decisions of one server, newest last, for {@code GET /_gureum/iam/decisions}:
 * who, what action on which resource, the decision, what decided it and every statement that applied.
 */
public final class Decisions {
    /** How many decisions are kept. */
    public static final int CAPACITY = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One decision as recorded. */
    public record Entry(Instant time, String requestId, String principal, String action, String resource,
            AuthorizationResult result) {
    }

    /** Slot {@code n % CAPACITY} holds the n-th decision: recording takes no lock on the request path. */
    private final AtomicReferenceArray<Entry> ring = new AtomicReferenceArray<>(CAPACITY);
    private final AtomicLong next = new AtomicLong();

    public void record(Entry entry) {
        ring.set((int) (next.getAndIncrement() % CAPACITY), entry);
    }

    /** The recorded decisions, oldest first (a decision recorded meanwhile may or may not be among them). */
    public List<Entry> recent() {
        long end = next.get();
        List<Entry> out = new ArrayList<>();
        for (long n = Math.max(0, end - CAPACITY); n < end; n++) {
            Entry e = ring.get((int) (n % CAPACITY));
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** {@code {"decisions": [...]}}, oldest first. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("decisions");
        for (Entry e : recent()) {
            ObjectNode n = list.addObject();
            n.put("time", e.time().toString());
            n.put("requestId", e.requestId());
            n.put("principal", e.principal());
            n.put("action", e.action());
            n.put("resource", e.resource());
            n.put("decision", e.result().decision().name());
            n.put("decidedBy", e.result().decidedBy().plain());
            n.put("explanation", Denials.explanation(e.result()));
            ArrayNode matched = n.putArray("matchedStatements");
            for (MatchedStatement m : e.result().matched()) {
                ObjectNode s = matched.addObject();
                s.put("policyType", m.kind().plain());
                s.put("policyName", m.policyName());
                s.put("sid", m.statement().sid());
                s.put("effect", m.statement().effect().name().charAt(0)
                        + m.statement().effect().name().substring(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return root.toString();
    }
}
