package io.gureum.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.intrinsic.Resolver;
import io.gureum.cloudformation.intrinsic.Scope;
import io.gureum.cloudformation.parameter.ResolvedParameter;
import io.gureum.cloudformation.template.Template;
import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.topology.AvailabilityZone;
import io.gureum.core.topology.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scope intrinsic functions of one stack see: its parameters, pseudo parameters, conditions
 * (evaluated once, on first use), resources as recorded, the region's exports and the topology's zones.
 * Used under the state's lock.
 */
final class StackScope implements Scope {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final StackRecord stack;
    private final Template template;
    private final Map<String, ResolvedParameter> parameters;
    private final Map<String, Boolean> conditions = new LinkedHashMap<>();
    private final Set<String> evaluating = new HashSet<>();
    private final Map<String, Export> exports;
    private final Topology topology;
    private final Map<String, ResourceRecord> resources;
    private boolean inConditions;

    StackScope(StackRecord stack, Template template, Map<String, ResolvedParameter> parameters,
            Map<String, Export> exports, Topology topology, Map<String, ResourceRecord> resources) {
        this.stack = stack;
        this.template = template;
        this.parameters = parameters;
        this.exports = exports;
        this.topology = topology;
        this.resources = resources;
    }

    /** Every condition's value, evaluated now (template errors surface here, before anything is created). */
    Map<String, Boolean> evaluateConditions() {
        template.conditions().fieldNames().forEachRemaining(this::condition);
        return new LinkedHashMap<>(conditions);
    }

    /** Whether a resource's (or output's) {@code Condition} holds; true without one. */
    boolean active(JsonNode definition) {
        JsonNode c = definition.get("Condition");
        return c == null || condition(c.asText());
    }

    @Override
    public JsonNode parameter(String name) {
        ResolvedParameter p = parameters.get(name);
        return p == null ? null : p.value();
    }

    @Override
    public JsonNode pseudo(String name) {
        return switch (name) {
            case "AWS::AccountId" -> NODES.textNode(stack.accountId);
            case "AWS::Region" -> NODES.textNode(stack.region);
            case "AWS::StackId" -> NODES.textNode(stack.stackId);
            case "AWS::StackName" -> NODES.textNode(stack.stackName);
            case "AWS::Partition" -> NODES.textNode(topology.partitionOf(stack.region).id());
            case "AWS::URLSuffix" -> NODES.textNode(stack.region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com");
            case "AWS::NotificationARNs" -> {
                ArrayNode a = NODES.arrayNode();
                stack.notificationArns.forEach(a::add);
                yield a;
            }
            default -> null;
        };
    }

    /** The names a {@code Ref} may use besides resources. */
    Set<String> names() {
        Set<String> names = new HashSet<>(parameters.keySet());
        names.addAll(List.of("AWS::AccountId", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::Partition",
                "AWS::URLSuffix", "AWS::NotificationARNs", "AWS::NoValue"));
        return names;
    }

    @Override
    public boolean isResource(String logicalId) {
        if (inConditions && template.resources().has(logicalId)) {
            throw TemplateError.format("Unresolved dependencies [" + logicalId
                    + "]. Cannot reference resources in the Conditions block of the template");
        }
        return template.resources().has(logicalId);
    }

    @Override
    public String physicalId(String logicalId) {
        ResourceRecord r = resources.get(logicalId);
        if (r == null || r.physicalId == null) {
            throw TemplateError.template("resource " + logicalId + " has no physical id yet");
        }
        return r.physicalId;
    }

    @Override
    public JsonNode attribute(String logicalId, String attribute) {
        ResourceRecord r = resources.get(logicalId);
        JsonNode v = r == null ? null : r.attributes.get(attribute);
        if (v == null) {
            throw TemplateError.template("resource " + logicalId + " does not support attribute type " + attribute
                    + " in Fn::GetAtt");
        }
        return v;
    }

    @Override
    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        JsonNode def = template.conditions().get(name);
        if (def == null) {
            throw TemplateError.template("unresolved condition dependency " + name + " in Fn::If");
        }
        if (!evaluating.add(name)) {
            throw TemplateError.format("Circular dependency between conditions: [" + name + "]");
        }
        boolean was = inConditions;
        inConditions = true;
        try {
            boolean value = new Resolver(this).condition(def);
            conditions.put(name, value);
            return value;
        } finally {
            inConditions = was;
            evaluating.remove(name);
        }
    }

    @Override
    public JsonNode mappings() {
        return template.mappings();
    }

    @Override
    public String importValue(String exportName) {
        Export e = exports.get(exportName);
        if (e == null) {
            throw TemplateError.validation("No export named " + exportName + " found.");
        }
        return e.value();
    }

    @Override
    public List<String> availabilityZones(String region) {
        List<String> names = new ArrayList<>();
        topology.region(region).ifPresent(r -> r.zones().forEach((AvailabilityZone z) -> names.add(z.zoneName())));
        return names;
    }

    @Override
    public String region() {
        return stack.region;
    }
}
