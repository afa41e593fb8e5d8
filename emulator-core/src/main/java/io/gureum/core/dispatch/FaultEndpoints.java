package io.gureum.core.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.faults.FaultRule;
import io.gureum.core.faults.FaultRules;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import java.io.IOException;

/**
 * {@code /_gureum/faults}: {@code POST} adds a rule (or {@code {"rules": [...]}}), {@code GET} lists them
 * with their hits, {@code DELETE} clears them; {@code DELETE /_gureum/faults/<id>} removes one.
 */
final class FaultEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/_gureum/faults/";

    private final FaultRules rules;

    FaultEndpoints(FaultRules rules) {
        this.rules = rules;
    }

    AwsHttpResponse rules(AwsHttpRequest request) {
        return switch (request.method()) {
            case "GET" -> AdminEndpoints.json(200, list());
            case "POST" -> add(request);
            case "DELETE" -> {
                rules.clear();
                yield AdminEndpoints.json(200, list());
            }
            default -> AdminEndpoints.notAllowed();
        };
    }

    AwsHttpResponse rule(AwsHttpRequest request) {
        String id = request.rawPath().substring(PREFIX.length());
        if (!request.method().equals("DELETE")) {
            return AdminEndpoints.notAllowed();
        }
        return rules.remove(id) ? AdminEndpoints.json(200, list())
                : AdminEndpoints.json(404, AdminEndpoints.error("NotFound", "No fault rule " + id));
    }

    void clear() {
        rules.clear();
    }

    private AwsHttpResponse add(AwsHttpRequest request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            return invalid("The body must be JSON: a rule, or {\"rules\": [rule, ...]}");
        }
        ArrayNode added = JSON.createArrayNode();
        try {
            if (body != null && body.has("rules")) {
                if (!body.get("rules").isArray()) {
                    return invalid("rules must be an array of rules");
                }
                for (JsonNode r : body.get("rules")) {
                    added.add(toJson(rules.add(r)));
                }
            } else {
                added.add(toJson(rules.add(body)));
            }
        } catch (IllegalArgumentException e) {
            return invalid(e.getMessage());
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("rules", added);
        return AdminEndpoints.json(200, out);
    }

    private ObjectNode list() {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode array = out.putArray("rules");
        rules.list().forEach(r -> array.add(toJson(r)));
        return out;
    }

    private static AwsHttpResponse invalid(String message) {
        return AdminEndpoints.json(400, AdminEndpoints.error("InvalidParameterValue", message));
    }

    private static ObjectNode toJson(FaultRule r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", r.id());
        n.put("service", r.service());
        n.put("operation", r.operation());
        if (r.account() != null) {
            n.put("account", r.account());
        }
        if (r.region() != null) {
            n.put("region", r.region());
        }
        n.put("probability", r.probability());
        if (r.count() != null) {
            n.put("count", r.count());
        }
        if (r.error() != null) {
            n.put("error", r.error());
        }
        if (r.status() != null) {
            n.put("status", r.status());
        }
        if (r.message() != null) {
            n.put("message", r.message());
        }
        if (r.latencyMillis() > 0) {
            n.put("latencyMillis", r.latencyMillis());
        }
        n.put("hits", r.hits().get());
        return n;
    }
}
