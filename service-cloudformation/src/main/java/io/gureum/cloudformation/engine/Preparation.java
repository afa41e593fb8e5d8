package io.gureum.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.intrinsic.References;
import io.gureum.cloudformation.intrinsic.Resolver;
import io.gureum.cloudformation.parameter.ParameterInput;
import io.gureum.cloudformation.parameter.Parameters;
import io.gureum.cloudformation.parameter.ResolvedParameter;
import io.gureum.cloudformation.parameter.ServiceLookups;
import io.gureum.cloudformation.template.Template;
import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.spi.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes a (transformed) template ready to deploy for a stack, or refuses it with the {@code ValidationError}
 * AWS answers CreateStack, UpdateStack and CreateChangeSet with: unrecognized resource types, parameters,
 * conditions, unresolved references, circular dependencies, missing imports.
 */
public final class Preparation {
    private final Engine engine;

    public Preparation(Engine engine) {
        this.engine = engine;
    }

    /** The template's resource types Gureum has no handler for, as AWS refuses them. */
    public void checkTypes(Template template) {
        List<String> unknown = engine.handlers().unrecognized(template.resourceTypes());
        if (!unknown.isEmpty()) {
            throw TemplateError.format("Unrecognized resource types: " + unknown);
        }
    }

    public Prepared prepare(String body, Template template, List<ParameterInput> inputs, Map<String, String> previous,
            StackRecord stack, CloudFormationState.Region region, Caller caller) {
        checkTypes(template);
        Parameters parameters = new Parameters(ServiceLookups.existence(engine.context().clients(), caller),
                ServiceLookups.ssm(engine.context().clients(), caller));
        Map<String, ResolvedParameter> values = parameters.resolve(template.parameters(), inputs, previous);
        StackScope scope = new StackScope(stack, template, values, region.exports, engine.context().topology(),
                Map.of());
        Map<String, Boolean> conditions = scope.evaluateConditions();
        Map<String, ObjectNode> active = new LinkedHashMap<>();
        template.resourceMap().forEach((id, def) -> {
            JsonNode c = def.get("Condition");
            if (c != null && !template.conditions().has(c.asText())) {
                throw TemplateError.format("Unresolved dependencies [" + c.asText()
                        + "]. Cannot reference resources in the Conditions block of the template");
            }
            if (scope.active(def)) {
                active.put(id, def);
            }
        });
        Map<String, Set<String>> graph = Dependencies.of(active, template.resourceMap().keySet(), scope.names());
        Set<String> unresolved = new TreeSet<>();
        template.outputs().fields().forEachRemaining(e -> {
            for (String ref : References.of(e.getValue())) {
                if (!scope.names().contains(ref) && !template.resources().has(ref)) {
                    unresolved.add(ref);
                }
            }
        });
        if (!unresolved.isEmpty()) {
            throw TemplateError.format("Unresolved resource dependencies " + unresolved
                    + " in the Outputs block of the template");
        }
        Set<String> imports = new TreeSet<>();
        collectImports(template.resources(), scope, imports);
        collectImports(template.outputs(), scope, imports);
        return new Prepared(body, template, values, conditions, graph, imports);
    }

    /** Resolves each {@code Fn::ImportValue}'s name (parameters and pseudo parameters only) and checks it exists. */
    private static void collectImports(JsonNode node, StackScope scope, Set<String> out) {
        if (node == null) {
            return;
        }
        if (node.isObject() && node.size() == 1 && node.has("Fn::ImportValue")) {
            String name;
            try {
                JsonNode v = new Resolver(scope).resolve(node.get("Fn::ImportValue"));
                name = v == null ? null : v.asText();
            } catch (RuntimeException refersToResources) {
                return;
            }
            if (name != null) {
                scope.importValue(name);
                out.add(name);
            }
            return;
        }
        node.elements().forEachRemaining(e -> collectImports(e, scope, out));
    }
}
