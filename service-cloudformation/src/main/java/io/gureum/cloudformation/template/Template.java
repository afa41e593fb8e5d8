package io.gureum.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A template's sections, checked for the structure AWS requires before anything is resolved
 * ("Template anatomy"): known top-level sections only, at least one resource, each with a {@code Type}, and no
 * parameter with a resource's logical ID (AWS: "Template error: all resources and parameters must have unique
 * names. Common name(s):[Name]").
 */
public final class Template {
    private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs", "Hooks", "Globals");

    private final ObjectNode root;

    private Template(ObjectNode root) {
        this.root = root;
    }

    /** Reads and checks a template body. */
    public static Template parse(String body) {
        return of(TemplateReader.read(body));
    }

    /** Checks an already read (possibly transformed) template. */
    public static Template of(ObjectNode root) {
        Set<String> unknown = new TreeSet<>();
        root.fieldNames().forEachRemaining(n -> {
            if (!SECTIONS.contains(n)) {
                unknown.add(n);
            }
        });
        if (!unknown.isEmpty()) {
            throw TemplateError.format("Invalid template property or properties " + unknown);
        }
        JsonNode version = root.get("AWSTemplateFormatVersion");
        if (version != null && !version.asText().equals("2010-09-09")) {
            throw TemplateError.format("'" + version.asText() + "' is not a supported version");
        }
        JsonNode resources = root.get("Resources");
        if (resources == null || !resources.isObject() || resources.isEmpty()) {
            throw TemplateError.format("At least one Resources member must be defined.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject() || !e.getValue().hasNonNull("Type") || !e.getValue().get("Type").isTextual()) {
                throw TemplateError.format("[/Resources/" + e.getKey()
                        + "] Every Resources object must contain a Type member.");
            }
            if (!e.getKey().matches("[A-Za-z0-9]+")) {
                throw TemplateError.format("Resource name " + e.getKey() + " is non alphanumeric.");
            }
        }
        JsonNode parameters = root.get("Parameters");
        if (parameters != null && parameters.isObject()) {
            // Only Parameters and Resources share one namespace (Ref names either); an output, condition or
            // mapping may have a resource's or parameter's name.
            List<String> common = new ArrayList<>();
            resources.fieldNames().forEachRemaining(n -> {
                if (parameters.has(n)) {
                    common.add(n);
                }
            });
            if (!common.isEmpty()) {
                throw TemplateError.template("all resources and parameters must have unique names. Common name(s):"
                        + common);
            }
        }
        return new Template(root);
    }

    public ObjectNode root() {
        return root;
    }

    public String description() {
        JsonNode d = root.get("Description");
        return d == null ? null : d.asText();
    }

    /** A section as an object (empty when absent). */
    public ObjectNode section(String name) {
        JsonNode s = root.get(name);
        return s != null && s.isObject() ? (ObjectNode) s : JsonNodeFactory.instance.objectNode();
    }

    public ObjectNode parameters() {
        return section("Parameters");
    }

    public ObjectNode mappings() {
        return section("Mappings");
    }

    public ObjectNode conditions() {
        return section("Conditions");
    }

    public ObjectNode resources() {
        return section("Resources");
    }

    public ObjectNode outputs() {
        return section("Outputs");
    }

    /** The resource definitions by logical id, in template order. */
    public Map<String, ObjectNode> resourceMap() {
        Map<String, ObjectNode> map = new LinkedHashMap<>();
        resources().fields().forEachRemaining(e -> map.put(e.getKey(), (ObjectNode) e.getValue()));
        return map;
    }

    /** The resource types the template uses, in order of first use. */
    public List<String> resourceTypes() {
        List<String> types = new ArrayList<>();
        resourceMap().values().forEach(r -> {
            String t = r.get("Type").asText();
            if (!types.contains(t)) {
                types.add(t);
            }
        });
        return types;
    }

    /** The transforms the template declares (a string or a list; objects for AWS::Include are named). */
    public List<String> transforms() {
        List<String> names = new ArrayList<>();
        JsonNode t = root.get("Transform");
        if (t == null) {
            return names;
        }
        if (t.isArray()) {
            t.forEach(n -> names.add(n.isObject() ? n.path("Name").asText() : n.asText()));
        } else {
            names.add(t.isObject() ? t.path("Name").asText() : t.asText());
        }
        return names;
    }
}
