package io.gureum.dynamodb.expression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A request's ExpressionAttributeNames and ExpressionAttributeValues, remembering which were used so
 * that the request can be rejected for unused ones, as DynamoDB does.
 */
public final class ExpressionAttributes {
    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = ConcurrentHashMap.newKeySet();
    private final Set<String> usedValues = ConcurrentHashMap.newKeySet();

    public ExpressionAttributes(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names == null ? Map.of() : names;
        Map<String, AttributeValue> normalized = new LinkedHashMap<>();
        if (values != null) {
            for (Map.Entry<String, AttributeValue> e : values.entrySet()) {
                try {
                    normalized.put(e.getKey(), Values.normalize(e.getValue()));
                } catch (io.gureum.core.error.AwsException ex) {
                    throw Values.validation("ExpressionAttributeValues contains invalid value: " + ex.getMessage()
                            + " for key " + e.getKey());
                }
            }
        }
        this.values = normalized;
    }

    public static ExpressionAttributes empty() {
        return new ExpressionAttributes(null, null);
    }

    String name(String kind, String token) {
        String n = names.get(token);
        if (n == null) {
            throw Errors.invalid(kind, "An expression attribute name used in the document path is not defined; attribute name: " + token);
        }
        usedNames.add(token);
        return n;
    }

    AttributeValue value(String kind, String token) {
        AttributeValue v = values.get(token);
        if (v == null) {
            throw Errors.invalid(kind, "An expression attribute value used in expression is not defined; attribute value: " + token);
        }
        usedValues.add(token);
        return v;
    }

    public boolean hasNames() {
        return !names.isEmpty();
    }

    public boolean hasValues() {
        return !values.isEmpty();
    }

    /** Rejects names, then values, that no expression of the request used. */
    public void checkAllUsed() {
        List<String> unusedNames = new ArrayList<>();
        for (String k : names.keySet()) {
            if (!usedNames.contains(k)) {
                unusedNames.add(k);
            }
        }
        if (!unusedNames.isEmpty()) {
            throw Values.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
        List<String> unusedValues = new ArrayList<>();
        for (String k : values.keySet()) {
            if (!usedValues.contains(k)) {
                unusedValues.add(k);
            }
        }
        if (!unusedValues.isEmpty()) {
            throw Values.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
    }
}
