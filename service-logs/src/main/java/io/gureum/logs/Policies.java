package io.gureum.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Policy documents are JSON objects; one that is not is refused as AWS refuses it. */
final class Policies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Policies() {
    }

    static JsonNode checkJson(String document) {
        try {
            JsonNode n = JSON.readTree(document);
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (java.io.IOException e) {
            // refused below
        }
        throw LogsErrors.invalidParameter("Policy document is not a valid JSON object");
    }
}
