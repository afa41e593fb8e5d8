package io.gureum.cloudformation.resource.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Condition;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/**
 * {@code AWS::Events::EventBusPolicy}: one statement of an event bus's resource policy. With {@code Statement} the
 * statement (its {@code Sid} set to {@code StatementId}) is added to the bus's policy, replacing one of the same
 * Sid, by PutPermission with the whole {@code Policy}; with the older {@code Action}, {@code Principal} and
 * {@code Condition}, PutPermission builds the statement. {@code EventBusName} (default {@code default}) and
 * {@code StatementId} replace it; the statement changes in place. Delete is RemovePermission. The identifier has
 * two parts, so {@code Ref} gives {@code <EventBusName>|<StatementId>}, as Cloud Control names it.
 */
public final class EventBusPolicyHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("EventBusName", "StatementId", "Statement", "Action",
            "Principal", "Condition");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String type() {
        return "AWS::Events::EventBusPolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("EventBusName", "StatementId");
    }

    @Override
    public Created create(ResourceRequest r) {
        return put(r);
    }

    @Override
    public Created update(ResourceRequest r) {
        return put(r);
    }

    private static String bus(ResourceRequest r) {
        return r.has("EventBusName") ? r.text("EventBusName") : "default";
    }

    /**
     * One lock per bus: a Statement is written by reading the bus's whole policy and putting it back, so two of a
     * stack's policy resources on one bus, created in parallel, would otherwise lose one another's statement.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, Object> BUS_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static Object lockOf(ResourceRequest r, String bus) {
        return BUS_LOCKS.computeIfAbsent(r.stack().accountId() + "|" + r.stack().region() + "|" + bus,
                k -> new Object());
    }

    private static Created put(ResourceRequest r) {
        Served.check(r, SERVED);
        synchronized (lockOf(r, bus(r))) {
            return putLocked(r);
        }
    }

    private static Created putLocked(ResourceRequest r) {
        EventBridgeClient events = r.client(EventBridgeClient.class);
        String bus = bus(r);
        String sid = r.requiredText("StatementId");
        JsonNode statement = r.property("Statement");
        if (statement != null) {
            if (r.has("Action") || r.has("Principal") || r.has("Condition")) {
                throw new ResourceFailure("Statement cannot be given with Action, Principal or Condition");
            }
            ObjectNode s;
            try {
                s = (ObjectNode) (statement.isTextual() ? JSON.readTree(statement.asText()) : statement.deepCopy());
            } catch (Exception e) {
                throw new ResourceFailure("Statement is not a JSON object");
            }
            s.put("Sid", sid);
            ObjectNode policy = policy(events, bus);
            ArrayNode statements = policy.withArray("Statement");
            for (int i = statements.size() - 1; i >= 0; i--) {
                if (sid.equals(statements.get(i).path("Sid").asText(null))) {
                    statements.remove(i);
                }
            }
            statements.add(s);
            events.putPermission(b -> b.eventBusName(bus).policy(policy.toString()));
        } else {
            JsonNode c = r.property("Condition");
            events.putPermission(b -> b.eventBusName(bus).statementId(sid)
                    .action(r.has("Action") ? r.text("Action") : "events:PutEvents")
                    .principal(r.requiredText("Principal"))
                    .condition(c == null ? null : Condition.builder().type(Json.text(c, "Type"))
                            .key(Json.text(c, "Key")).value(Json.text(c, "Value")).build()));
        }
        return Created.of(bus + "|" + sid);
    }

    /** The bus's policy now, or an empty one. */
    private static ObjectNode policy(EventBridgeClient events, String bus) {
        String text = events.describeEventBus(b -> b.name(bus)).policy();
        if (text == null || text.isBlank()) {
            ObjectNode p = JSON.createObjectNode();
            p.put("Version", "2012-10-17");
            p.putArray("Statement");
            return p;
        }
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new ResourceFailure("The policy of event bus " + bus + " is not JSON");
        }
    }

    @Override
    public void delete(ResourceRequest r) {
        String id = r.physicalId();
        int bar = id.lastIndexOf('|');
        String bus = id.substring(0, bar);
        String sid = id.substring(bar + 1);
        synchronized (lockOf(r, bus)) {
            try {
                r.client(EventBridgeClient.class).removePermission(b -> b.eventBusName(bus).statementId(sid));
            } catch (ResourceNotFoundException gone) {
                // The bus or the statement is gone.
            }
        }
    }
}
