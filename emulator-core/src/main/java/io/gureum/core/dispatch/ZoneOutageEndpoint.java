package io.gureum.core.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.topology.ZoneState;
import io.gureum.core.topology.ZoneStateChanged;
import java.io.IOException;
import java.util.Map;

/**
 * {@code /_gureum/faults/az-outage}: {@code POST {"zone": "us-east-1a"}} (optionally {@code "state":
 * "unavailable"}) impairs a zone, {@code DELETE ?zone=us-east-1a} (or without a zone: every zone) lifts it,
 * {@code GET} lists the zones that are not available. Each change goes out as a {@link ZoneStateChanged}
 * event, which the services turn into AWS's outage behaviour.
 */
final class ZoneOutageEndpoint {
    static final String PATH = "/_gureum/faults/az-outage";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceContext context;

    ZoneOutageEndpoint(ServiceContext context) {
        this.context = context;
    }

    AwsHttpResponse handle(AwsHttpRequest request) {
        return switch (request.method()) {
            case "GET" -> AdminEndpoints.json(200, list());
            case "POST" -> impair(request);
            case "DELETE" -> lift(request.queryParameter("zone"));
            default -> AdminEndpoints.notAllowed();
        };
    }

    /** Every zone back to available, each change published. */
    void reset() {
        context.zoneStates().reset().forEach(context.events()::publish);
    }

    private AwsHttpResponse impair(AwsHttpRequest request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.path("zone").isTextual()) {
            return invalid("The body must be JSON naming the zone: {\"zone\": \"us-east-1a\"}");
        }
        String stateName = body.path("state").asText("impaired");
        ZoneState state = switch (stateName) {
            case "impaired" -> ZoneState.IMPAIRED;
            case "unavailable" -> ZoneState.UNAVAILABLE;
            default -> null;
        };
        if (state == null) {
            return invalid("state must be impaired or unavailable");
        }
        return change(body.get("zone").asText(), state);
    }

    private AwsHttpResponse lift(String zone) {
        if (zone == null) {
            reset();
            return AdminEndpoints.json(200, list());
        }
        return change(zone, ZoneState.AVAILABLE);
    }

    private AwsHttpResponse change(String zone, ZoneState state) {
        ZoneStateChanged changed;
        try {
            changed = context.zoneStates().set(zone, state);
        } catch (IllegalArgumentException e) {
            return invalid(e.getMessage());
        }
        if (changed != null) {
            context.events().publish(changed);
        }
        return AdminEndpoints.json(200, list());
    }

    private ObjectNode list() {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode zones = out.putArray("zones");
        for (Map.Entry<String, ZoneState> e : context.zoneStates().unavailable().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            zones.addObject().put("zone", e.getKey()).put("state", e.getValue().wireValue());
        }
        return out;
    }

    private static AwsHttpResponse invalid(String message) {
        return AdminEndpoints.json(400, AdminEndpoints.error("InvalidParameterValue", message));
    }
}
