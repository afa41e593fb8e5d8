package io.gureum.cloudformation.resource;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A test-only stand-in for the engine, to deploy a whole template through the registered handlers before
 * the engine lands: reads YAML with short-form tags, orders resources by their references and
 * {@code DependsOn}, resolves {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::Select},
 * {@code Fn::GetAZs} and {@code Fn::Join}, creates one resource at a time and deletes in reverse order. No
 * conditions, rollback or parallelism: that is the engine's job.
 */
public final class TemplateWalker {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final ResourceHandlers handlers = ResourceHandlers.builtIn();
    private final ResourceRequest.Stack stack;
    private final ServiceClients clients;
    private final Caller caller;
    private final JsonNode template;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Map<String, Created> created = new LinkedHashMap<>();
    private final Map<String, JsonNode> resolvedProperties = new LinkedHashMap<>();

    public TemplateWalker(JsonNode template, ResourceRequest.Stack stack, ServiceClients clients) {
        this.template = template;
        this.stack = stack;
        this.clients = clients;
        this.caller = Caller.root(stack.accountId(), stack.region());
        template.path("Parameters").fields().forEachRemaining(p -> {
            if (p.getValue().has("Default")) {
                parameters.put(p.getKey(), p.getValue().get("Default").asText());
            }
        });
    }

    /** Reads a YAML template, short-form tags ({@code !Ref x}) turned into their long form ({@code {Ref: x}}). */
    public static JsonNode readYaml(InputStream in) throws IOException {
        try (YAMLParser p = new YAMLFactory().createParser(in)) {
            p.nextToken();
            return read(p);
        }
    }

    private static JsonNode read(YAMLParser p) throws IOException {
        String tag = p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY
                || p.currentToken().isScalarValue() ? p.getTypeId() : null;
        JsonNode value;
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = JSON.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, read(p));
                }
                value = o;
            }
            case START_ARRAY -> {
                ArrayNode a = JSON.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p));
                }
                value = a;
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> value = JSON.textNode(p.getText());
            case VALUE_TRUE, VALUE_FALSE -> value = JSON.booleanNode(p.getBooleanValue());
            case VALUE_NULL -> value = JSON.nullNode();
            default -> value = JSON.textNode(p.getText());
        }
        if (tag == null || tag.equals("tag:yaml.org,2002:str")) {
            return value;
        }
        String name = tag.startsWith("!") ? tag.substring(1) : tag;
        if (name.equals("GetAtt") && value.isTextual()) {
            String[] parts = value.asText().split("\\.", 2);
            value = JSON.arrayNode().add(parts[0]).add(parts[1]);
        }
        return JSON.objectNode().set(name.equals("Ref") ? "Ref" : "Fn::" + name, value);
    }

    /** Creates every resource in dependency order; returns the logical ids in that order. */
    public List<String> create() {
        List<String> order = order();
        for (String id : order) {
            JsonNode r = template.get("Resources").get(id);
            ResourceHandler h = handlers.find(r.get("Type").asText());
            if (h == null) {
                throw new IllegalStateException("Unrecognized resource type " + r.get("Type").asText());
            }
            JsonNode props = resolve(r.path("Properties").isMissingNode() ? JSON.objectNode() : r.get("Properties"));
            resolvedProperties.put(id, props);
            created.put(id, h.create(request(id, h, props, null)));
        }
        return order;
    }

    /** Deletes every created resource in reverse order. */
    public void delete() {
        List<String> order = new ArrayList<>(created.keySet());
        java.util.Collections.reverse(order);
        for (String id : order) {
            ResourceHandler h = handlers.find(template.get("Resources").get(id).get("Type").asText());
            h.delete(request(id, h, resolvedProperties.get(id), created.get(id)));
            created.remove(id);
        }
    }

    public Created resource(String logicalId) {
        return created.get(logicalId);
    }

    /** An output's value. */
    public String output(String name) {
        return resolve(template.get("Outputs").get(name).get("Value")).asText();
    }

    private ResourceRequest request(String id, ResourceHandler h, JsonNode props, Created current) {
        List<ResourceTag> tags = List.of(new ResourceTag(ResourceRequest.STACK_NAME_TAG, stack.stackName()),
                new ResourceTag(ResourceRequest.STACK_ID_TAG, stack.stackId()),
                new ResourceTag(ResourceRequest.LOGICAL_ID_TAG, id));
        return new ResourceRequest(id, h.type(), props, null, current == null ? null : current.physicalId(),
                current == null ? Map.of() : current.attributes(), stack, caller, clients, tags,
                UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT), "walker");
    }

    private List<String> order() {
        Map<String, Set<String>> deps = new LinkedHashMap<>();
        JsonNode resources = template.get("Resources");
        resources.fields().forEachRemaining(e -> {
            Set<String> d = new LinkedHashSet<>();
            references(e.getValue().path("Properties"), d);
            JsonNode dependsOn = e.getValue().get("DependsOn");
            if (dependsOn != null) {
                if (dependsOn.isArray()) {
                    dependsOn.forEach(x -> d.add(x.asText()));
                } else {
                    d.add(dependsOn.asText());
                }
            }
            d.retainAll(fieldNames(resources));
            deps.put(e.getKey(), d);
        });
        List<String> order = new ArrayList<>();
        while (order.size() < deps.size()) {
            boolean progressed = false;
            for (Map.Entry<String, Set<String>> e : deps.entrySet()) {
                if (!order.contains(e.getKey()) && order.containsAll(e.getValue())) {
                    order.add(e.getKey());
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new IllegalStateException("circular dependencies");
            }
        }
        return order;
    }

    private static Set<String> fieldNames(JsonNode o) {
        Set<String> names = new LinkedHashSet<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void references(JsonNode n, Set<String> out) {
        if (n.isObject()) {
            if (n.has("Ref")) {
                out.add(n.get("Ref").asText());
            } else if (n.has("Fn::GetAtt")) {
                out.add(n.get("Fn::GetAtt").get(0).asText());
            } else if (n.has("Fn::Sub") && n.get("Fn::Sub").isTextual()) {
                Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9]+)[.}]").matcher(n.get("Fn::Sub").asText());
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
            n.elements().forEachRemaining(c -> references(c, out));
        } else if (n.isArray()) {
            n.forEach(c -> references(c, out));
        }
    }

    private JsonNode resolve(JsonNode n) {
        if (n.isArray()) {
            ArrayNode a = JSON.arrayNode();
            n.forEach(c -> a.add(resolve(c)));
            return a;
        }
        if (!n.isObject()) {
            return n;
        }
        if (n.size() == 1) {
            String fn = n.fieldNames().next();
            JsonNode arg = n.get(fn);
            switch (fn) {
                case "Ref" -> {
                    return JSON.textNode(ref(arg.asText()));
                }
                case "Fn::GetAtt" -> {
                    return created.get(arg.get(0).asText()).attributes().get(arg.get(1).asText());
                }
                case "Fn::Sub" -> {
                    Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(arg.asText());
                    StringBuilder sb = new StringBuilder();
                    while (m.find()) {
                        String key = m.group(1);
                        String v = key.contains(".") && !key.startsWith("AWS::")
                                ? created.get(key.substring(0, key.indexOf('.'))).attributes()
                                        .get(key.substring(key.indexOf('.') + 1)).asText()
                                : ref(key);
                        m.appendReplacement(sb, Matcher.quoteReplacement(v));
                    }
                    m.appendTail(sb);
                    return JSON.textNode(sb.toString());
                }
                case "Fn::Select" -> {
                    return resolve(arg.get(1)).get(Integer.parseInt(resolve(arg.get(0)).asText()));
                }
                case "Fn::GetAZs" -> {
                    ArrayNode zones = JSON.arrayNode();
                    clients.client(Ec2Client.class, caller).describeAvailabilityZones().availabilityZones()
                            .forEach(z -> zones.add(z.zoneName()));
                    return zones;
                }
                case "Fn::Join" -> {
                    List<String> parts = new ArrayList<>();
                    resolve(arg.get(1)).forEach(p -> parts.add(p.asText()));
                    return JSON.textNode(String.join(arg.get(0).asText(), parts));
                }
                default -> {
                    // not an intrinsic function: a plain object
                }
            }
        }
        ObjectNode o = JSON.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            o.set(e.getKey(), resolve(e.getValue()));
        }
        return o;
    }

    private String ref(String name) {
        return switch (name) {
            case "AWS::Region" -> stack.region();
            case "AWS::AccountId" -> stack.accountId();
            case "AWS::StackName" -> stack.stackName();
            case "AWS::StackId" -> stack.stackId();
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            default -> parameters.containsKey(name) ? parameters.get(name) : created.get(name).physicalId();
        };
    }
}
