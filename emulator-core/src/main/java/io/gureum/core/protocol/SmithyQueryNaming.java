package io.gureum.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;

/**
 * Query names of a query-compatible JSON service from its Smithy model (artifact
 * {@code software.amazon.api.models:<service>}): {@code smithy.api#xmlName} and {@code xmlFlattened} on
 * members, and the names of list members and map keys and values. The SDK, generated from the JSON
 * model, keeps only JSON names: SQS's {@code Attributes} is {@code Attribute.N.Name/Value} on the query
 * wire, {@code Messages} is a flattened {@code <Message>} list.
 */
public final class SmithyQueryNaming implements QueryNaming {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Overrides by SDK model class simple name, then member name. */
    private final Map<String, Map<String, Override>> overrides;

    private record Override(String name, Boolean flattened, String listMember, String mapKey, String mapValue) {
    }

    private SmithyQueryNaming(Map<String, Map<String, Override>> overrides) {
        this.overrides = overrides;
    }

    /** The naming for a service, or null when no Smithy model of it is on the class path. */
    public static SmithyQueryNaming load(ClassLoader loader, String serviceName) {
        String namespace = "com.amazonaws." + serviceName + "#";
        try {
            Enumeration<URL> manifests = loader.getResources("META-INF/smithy/manifest");
            while (manifests.hasMoreElements()) {
                URL manifest = manifests.nextElement();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(manifest.openStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (!line.trim().endsWith(".json")) {
                            continue;
                        }
                        try (InputStream in = new URL(manifest, line.trim()).openStream()) {
                            JsonNode shapes = JSON.readTree(in).path("shapes");
                            if (hasNamespace(shapes, namespace)) {
                                return new SmithyQueryNaming(build(shapes, namespace));
                            }
                        }
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Smithy model of " + serviceName, e);
        }
    }

    private static boolean hasNamespace(JsonNode shapes, String namespace) {
        for (Iterator<String> it = shapes.fieldNames(); it.hasNext(); ) {
            if (it.next().startsWith(namespace)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Map<String, Override>> build(JsonNode shapes, String namespace) {
        // Operation inputs and outputs are named <Op>Request / <Op>Response in the SDK.
        Map<String, String> sdkNames = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = shapes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith(namespace) && "operation".equals(e.getValue().path("type").asText())) {
                String op = e.getKey().substring(namespace.length());
                String input = e.getValue().path("input").path("target").asText(null);
                String output = e.getValue().path("output").path("target").asText(null);
                if (input != null) {
                    sdkNames.put(input, op + "Request");
                }
                if (output != null) {
                    sdkNames.put(output, op + "Response");
                }
            }
        }
        Map<String, Map<String, Override>> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = shapes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode shape = e.getValue();
            if (!e.getKey().startsWith(namespace) || !"structure".equals(shape.path("type").asText())) {
                continue;
            }
            String sdkClass = sdkNames.getOrDefault(e.getKey(), e.getKey().substring(namespace.length()));
            Map<String, Override> members = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> m = shape.path("members").fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> member = m.next();
                JsonNode traits = member.getValue().path("traits");
                JsonNode target = shapes.path(member.getValue().path("target").asText(""));
                String listMember = null;
                String mapKey = null;
                String mapValue = null;
                if ("list".equals(target.path("type").asText())) {
                    listMember = target.path("member").path("traits").path("smithy.api#xmlName").asText(null);
                } else if ("map".equals(target.path("type").asText())) {
                    mapKey = target.path("key").path("traits").path("smithy.api#xmlName").asText(null);
                    mapValue = target.path("value").path("traits").path("smithy.api#xmlName").asText(null);
                }
                String xmlName = traits.path("smithy.api#xmlName").asText(null);
                Boolean flattened = traits.has("smithy.api#xmlFlattened") ? Boolean.TRUE : null;
                if (xmlName != null || flattened != null || listMember != null || mapKey != null || mapValue != null) {
                    members.put(member.getKey(), new Override(xmlName, flattened, listMember, mapKey, mapValue));
                }
            }
            if (!members.isEmpty()) {
                out.put(sdkClass, members);
            }
        }
        return out;
    }

    @java.lang.Override
    public Names names(Class<?> owner, SdkField<?> field, boolean response) {
        Map<String, Override> members = overrides.get(owner.getSimpleName());
        Override o = members == null ? null : members.get(field.memberName());
        // The JSON model's names are the member names; the query wire uses the Smithy ones, and lists and
        // maps not marked flattened are wrapped (member / entry) as the query protocol does.
        String name = o != null && o.name() != null ? o.name() : field.memberName();
        boolean flattened = o != null && o.flattened() != null;
        String listMember = o != null && o.listMember() != null ? o.listMember() : "member";
        String mapKey = o != null && o.mapKey() != null ? o.mapKey() : "key";
        String mapValue = o != null && o.mapValue() != null ? o.mapValue() : "value";
        return new Names(name, flattened, listMember, mapKey, mapValue);
    }
}
