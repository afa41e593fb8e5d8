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
    private final Macros macros;
    private boolean ranMacros;

    /**
     * The account's template macros ({@code AWS::CloudFormation::Macro}, user guide "Perform custom processing on
     * CloudFormation templates with template macros"): a name's Lambda function processes a fragment.
     */
    public interface Macros {
        /** Whether the account and Region have a macro of this name. */
        boolean has(String name);

        /**
         * The fragment the macro returns for {@code fragment} (the whole template less its {@code Transform}
         * section, or an {@code Fn::Transform}'s siblings) and the transform's {@code params}; fails the
         * template with the macro's error otherwise.
         */
        JsonNode run(String name, JsonNode fragment, JsonNode params);
    }

    /** @param fetch reads an S3 object by URL ({@code s3://bucket/key}) */
    public Transforms(Function<String, String> fetch) {
        this(fetch, null);
    }

    /** With the account's macros ({@code null}: none). */
    public Transforms(Function<String, String> fetch, Macros macros) {
        this.fetch = fetch;
        this.macros = macros;
    }

    /** Whether {@link #apply} ran a macro (a template with macros needs CAPABILITY_AUTO_EXPAND). */
    public boolean ranMacros() {
        return ranMacros;
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
                default -> {
                    if (macros == null || !macros.has(name)) {
                        throw TemplateError.validation("Transform " + accountId + "::" + name
                                + " failed with: Transform not found");
                    }
                    ObjectNode fragment = out.deepCopy();
                    fragment.remove("Transform");
                    JsonNode params = paramsOf(out.get("Transform"), name);
                    ranMacros = true;
                    JsonNode processed = macros.run(name, fragment, params);
                    if (!processed.isObject()) {
                        throw TemplateError.validation("Transform " + accountId + "::" + name
                                + " failed with: the returned fragment is not a template object");
                    }
                    ObjectNode next = (ObjectNode) processed;
                    next.set("Transform", out.get("Transform"));
                    out = next;
                }
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

    /** A declared transform's {@code Parameters} (AWS's Transform section names macros only: none). */
    private static JsonNode paramsOf(JsonNode transform, String name) {
        if (transform != null) {
            for (JsonNode n : transform.isArray() ? transform : JsonNodeFactory.instance.arrayNode().add(transform)) {
                if (n.isObject() && name.equals(n.path("Name").asText()) && n.has("Parameters")) {
                    return n.get("Parameters");
                }
            }
        }
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * Replaces each {@code {"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": …}}}}, and each
     * {@code Fn::Transform} naming a macro by what the macro returns for the node's siblings (the most deeply
     * nested first; the {@code Parameters} are passed as written).
     */
    private JsonNode include(JsonNode node) {
        if (node.isObject()) {
            JsonNode fn = node.get("Fn::Transform");
            if (fn != null && macros != null && fn.isObject() && !INCLUDE.equals(fn.path("Name").asText())
                    && macros.has(fn.path("Name").asText())) {
                ObjectNode fragment = ((ObjectNode) node).deepCopy();
                fragment.remove("Fn::Transform");
                JsonNode inner = include(fragment);
                ranMacros = true;
                return macros.run(fn.path("Name").asText(), inner, fn.has("Parameters") ? fn.get("Parameters")
                        : JsonNodeFactory.instance.objectNode());
            }
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
