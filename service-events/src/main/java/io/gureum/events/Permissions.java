package io.gureum.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.events.delivery.Envelope;
import software.amazon.awssdk.services.eventbridge.model.PutPermissionRequest;
import software.amazon.awssdk.services.eventbridge.model.PutPermissionResponse;
import software.amazon.awssdk.services.eventbridge.model.RemovePermissionRequest;
import software.amazon.awssdk.services.eventbridge.model.RemovePermissionResponse;

/**
 * A bus's resource-based policy: PutPermission sets the whole {@code Policy}, or adds (replaces, by
 * StatementId) one statement letting an account, or everyone under a Condition, call
 * {@code events:PutEvents} on the bus; RemovePermission removes one statement or all
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutPermission.html).
 */
final class Permissions {
    private final EventsStores stores;

    Permissions(EventsStores stores) {
        this.stores = stores;
    }

    public PutPermissionResponse putPermission(PutPermissionRequest request) {
        Bus bus = stores.ownBus(request.eventBusName());
        if (request.policy() != null) {
            try {
                JsonNode policy = Envelope.JSON.readTree(request.policy());
                if (policy == null || !policy.isObject()) {
                    throw new IllegalArgumentException();
                }
            } catch (Exception e) {
                throw EventsErrors.validation("Parameter Policy is not valid.");
            }
            bus.policy = request.policy();
            return PutPermissionResponse.builder().build();
        }
        if (request.statementId() == null || request.principal() == null || request.action() == null) {
            throw EventsErrors.validation("Parameter(s) Action, Principal and StatementId must be specified.");
        }
        if (!request.action().equals("events:PutEvents")) {
            throw EventsErrors.validation("Provided value in parameter 'action' is not supported.");
        }
        ObjectNode statement = Envelope.JSON.createObjectNode();
        statement.put("Sid", request.statementId());
        statement.put("Effect", "Allow");
        if (request.principal().equals("*")) {
            statement.put("Principal", "*");
        } else {
            statement.putObject("Principal").put("AWS", "arn:aws:iam::" + request.principal() + ":root");
        }
        statement.put("Action", "events:PutEvents");
        statement.put("Resource", bus.arn);
        if (request.condition() != null) {
            statement.putObject("Condition").putObject(request.condition().type())
                    .put(request.condition().key(), request.condition().value());
        }
        ObjectNode policy = current(bus);
        ArrayNode statements = (ArrayNode) policy.withArray("Statement");
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).path("Sid").asText().equals(request.statementId())) {
                statements.remove(i);
                break;
            }
        }
        statements.add(statement);
        bus.policy = policy.toString();
        return PutPermissionResponse.builder().build();
    }

    public RemovePermissionResponse removePermission(RemovePermissionRequest request) {
        Bus bus = stores.ownBus(request.eventBusName());
        if (bus.policy == null) {
            throw EventsErrors.notFound("EventBus does not have a policy.");
        }
        if (Boolean.TRUE.equals(request.removeAllPermissions())) {
            bus.policy = null;
            return RemovePermissionResponse.builder().build();
        }
        ObjectNode policy = current(bus);
        ArrayNode statements = (ArrayNode) policy.withArray("Statement");
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).path("Sid").asText().equals(request.statementId())) {
                statements.remove(i);
                bus.policy = statements.isEmpty() ? null : policy.toString();
                return RemovePermissionResponse.builder().build();
            }
        }
        throw EventsErrors.notFound("Statement with the provided id does not exist.");
    }

    private static ObjectNode current(Bus bus) {
        if (bus.policy != null) {
            try {
                JsonNode p = Envelope.JSON.readTree(bus.policy);
                if (p.isObject()) {
                    ObjectNode o = (ObjectNode) p;
                    JsonNode single = o.get("Statement");
                    if (single != null && !single.isArray()) {
                        o.putArray("Statement").add(single);
                    }
                    return o;
                }
            } catch (Exception e) {
                // replaced below
            }
        }
        ObjectNode p = Envelope.JSON.createObjectNode();
        p.put("Version", "2012-10-17");
        p.putArray("Statement");
        return p;
    }
}
