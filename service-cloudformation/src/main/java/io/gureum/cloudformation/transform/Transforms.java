package io.gureum.cloudformation.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.template.TemplateError;
import io.gureum.cloudformation.template.TemplateReader;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies a template's transforms in AWS's order: {@code AWS::Include} snippets wherever
 * {@code Fn::Transform} names it, then the declared transforms in the order the template lists them.
 * The result is what GetTemplate's {@code Processed} stage shows.
 */
public final class Transforms {
    public static final String SERVERLESS = "AWS::Serverless-2016-10-31";
    public static final String LANGUAGE_EXTENSIONS = "AWS::LanguageExtensions";
    public static final String INCLUDE = "AWS::Include";

    private final Function<String, String> fetch;

    /** @param fetch reads an S3 object by URL ({@code s3://bucket/key}) */
    public Transforms(Function<String, String> fetch) {
        this.fetch = fetch;
    }

    /** The processed template ({@code root} itself when it declares and contains no transform). */
    public ObjectNode apply(ObjectNode root, String accountId, String region, String partition) {
        ObjectNode out = (ObjectNode) include(root.deepCopy());
        for (String name : declared(out)) {
            switch (name) {
                case LANGUAGE_EXTENSIONS -> out = LanguageExtensions.apply(out);
                case SERVERLESS -> out = new Serverless(accountId, region, partition).apply(out);
                case INCLUDE -> {
                    // Top-level AWS::Include replaces nothing here: its snippets were inserted above.
                }
                default -> throw TemplateError.validation("Transform " + accountId + "::" + name
                        + " failed with: Transform not found");
            }
        }
        out.remove("Transform");
        return out;
    }

    /** The transforms the template declares, by name. */
    public static List<String> declared(ObjectNode root) {
        JsonNode t = root.get("Transform");
        if (t == null) {
            return List.of();
        }
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        (t.isArray() ? t : JsonNodeFactory.instance.arrayNode().add(t)).forEach(n -> names.add(
                n.isObject() ? n.path("Name").asText() : n.asText()));
        return names;
    }

    /** Replaces each {@code {"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": …}}}}. */
    private JsonNode include(JsonNode node) {
        if (node.isObject()) {
            JsonNode fn = node.get("Fn::Transform");
            if (fn != null && INCLUDE.equals(fn.path("Name").asText())) {
                String location = fn.path("Parameters").path("Location").asText(null);
                if (location == null) {
                    throw TemplateError.validation("Transform AWS::Include failed with: Location parameter is"
                            + " required");
                }
                JsonNode snippet = TemplateReader.read(fetch.apply(location));
                if (node.size() == 1) {
                    return include(snippet);
                }
                ObjectNode merged = ((ObjectNode) node).deepCopy();
                merged.remove("Fn::Transform");
                snippet.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
                return include(merged);
            }
            ObjectNode o = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(include(e.getValue()));
            }
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, include(a.get(i)));
            }
        }
        return node;
    }
}
