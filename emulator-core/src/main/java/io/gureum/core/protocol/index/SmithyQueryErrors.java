package io.gureum.core.protocol.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The legacy awsQuery error codes of query-compatible JSON services (SQS:
 * {@code QueueDoesNotExist} is {@code AWS.SimpleQueueService.NonExistentQueue} on the query wire and in
 * the {@code x-amzn-query-error} header). The SDK jar does not carry them; the Smithy model artifact
 * {@code software.amazon.api.models:<service>} does, as the {@code aws.protocols#awsQueryError} trait.
 */
public final class SmithyQueryErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A legacy code and its HTTP status. */
    public record QueryError(String code, int status) {
    }

    private SmithyQueryErrors() {
    }

    /**
     * The query errors of every Smithy model on the class path whose service namespace matches
     * {@code sdkId} (e.g. {@code sqs} for {@code com.amazonaws.sqs}), keyed by error shape name.
     */
    public static Map<String, QueryError> load(ClassLoader loader, String serviceName) throws IOException {
        Map<String, QueryError> out = new HashMap<>();
        for (java.util.Enumeration<java.net.URL> manifests = loader.getResources("META-INF/smithy/manifest");
                manifests.hasMoreElements(); ) {
            java.net.URL manifest = manifests.nextElement();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(manifest.openStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank() || !line.endsWith(".json")) {
                        continue;
                    }
                    java.net.URL model = new java.net.URL(manifest, line.trim());
                    try (InputStream in = model.openStream()) {
                        collect(JSON.readTree(in), "com.amazonaws." + serviceName + "#", out);
                    }
                }
            }
        }
        return out;
    }

    private static void collect(JsonNode root, String namespace, Map<String, QueryError> out) {
        JsonNode shapes = root.path("shapes");
        for (Iterator<Map.Entry<String, JsonNode>> it = shapes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> shape = it.next();
            if (!shape.getKey().startsWith(namespace)) {
                continue;
            }
            JsonNode trait = shape.getValue().path("traits").path("aws.protocols#awsQueryError");
            if (trait.isObject() && trait.hasNonNull("code")) {
                String name = shape.getKey().substring(namespace.length());
                out.put(name, new QueryError(trait.get("code").asText(), trait.path("httpResponseCode").asInt(400)));
            }
        }
    }
}
