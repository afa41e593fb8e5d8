package io.gureum.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON checks ECR makes of a policy document before it stores it. */
final class PolicyDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyDocuments() {
    }

    /** The document parsed, when it is a JSON object with a {@code Statement}; null otherwise. */
    static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() && node.has("Statement") ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
