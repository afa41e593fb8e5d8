package io.gureum.cloudformation.resource.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.resource.ResourceRequest;

/**
 * Builds what {@code ResourceHandler.read} returns for drift detection: the current value of each property
 * the template gives and the handler can read, written in the template's own JSON type (a template's
 * {@code "30"} compared with a service's 30 is no drift). Read for the IaC generator (no stack), every property
 * the handler reads and the service has.
 */
public final class Drift {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ResourceRequest request;
    private final ObjectNode actual = JsonNodeFactory.instance.objectNode();

    public Drift(ResourceRequest request) {
        this.request = request;
    }

    /**
     * Records a property's current value (null: absent now), if the template gives the property; read outside any
     * stack (the IaC generator's, whose stack id is empty) every value the service has, in its own JSON type.
     */
    public Drift put(String property, Object value) {
        JsonNode expected = request.properties().get(property);
        if (expected == null || expected.isNull()) {
            if (outsideStack() && value != null) {
                actual.set(property, value instanceof JsonNode node ? node : JSON.valueToTree(value));
            }
            return this;
        }
        if (value == null) {
            actual.putNull(property);
        } else if (value instanceof JsonNode node) {
            actual.set(property, node);
        } else if (expected.isTextual() && expected.asText().trim().startsWith("{") && value instanceof String s) {
            actual.set(property, parse(s));
        } else if (expected.isObject() && value instanceof String s) {
            actual.set(property, parse(s));
        } else if (expected.isTextual()) {
            actual.put(property, String.valueOf(value));
        } else if (expected.isBoolean()) {
            actual.put(property, Boolean.parseBoolean(String.valueOf(value)));
        } else if (expected.isInt()) {
            actual.put(property, Integer.parseInt(String.valueOf(value)));
        } else if (expected.isIntegralNumber()) {
            actual.put(property, Long.parseLong(String.valueOf(value)));
        } else if (expected.isNumber()) {
            actual.put(property, Double.parseDouble(String.valueOf(value)));
        } else {
            actual.set(property, JSON.valueToTree(value));
        }
        return this;
    }

    /** Whether the template gives {@code property} (read only what will be compared). */
    public boolean wants(String property) {
        return request.has(property) || outsideStack();
    }

    private boolean outsideStack() {
        return request.stack() != null && request.stack().stackId().isEmpty();
    }

    public JsonNode result() {
        return actual;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return JsonNodeFactory.instance.textNode(json);
        }
    }
}
