package io.gureum.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A connection's header, query string and body parameters (ConnectionHttpParameters as JSON) applied to a request. */
final class ConnectionParameters {
    private ConnectionParameters() {
    }

    static void headers(JsonNode parameters, Map<String, String> into) {
        parameters.path("HeaderParameters").forEach(p -> into.put(p.path("Key").asText(), p.path("Value").asText()));
    }

    static void query(JsonNode parameters, Map<String, String> into) {
        parameters.path("QueryStringParameters")
                .forEach(p -> into.put(p.path("Key").asText(), p.path("Value").asText()));
    }

    static void body(JsonNode parameters, Map<String, String> into) {
        parameters.path("BodyParameters").forEach(p -> into.put(p.path("Key").asText(), p.path("Value").asText()));
    }

    /** {@code a=1&b=2}, form-encoded. */
    static String encode(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return out.toString();
    }

    /** The URL with the query string added (after any it has). */
    static String withQuery(String url, Map<String, String> query) {
        if (query.isEmpty()) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + encode(query);
    }
}
