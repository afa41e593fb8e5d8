package io.gureum.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.intrinsic.References;
import io.gureum.cloudformation.template.TemplateError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dependency graph of a template's resources: a resource depends on those its properties refer to
 * ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}) and those its {@code DependsOn} names ("DependsOn
 * attribute"), checked for unknown targets and cycles with AWS's wording.
 */
final class Dependencies {
    private Dependencies() {
    }

    /**
     * @param resources the active resources (their condition holds), by logical id
     * @param allResources every resource of the template, for the error wording
     * @param names parameters and pseudo parameters a {@code Ref} may name
     */
    static Map<String, Set<String>> of(Map<String, ObjectNode> resources, Set<String> allResources,
            Set<String> names) {
        Map<String, Set<String>> graph = new LinkedHashMap<>();
        Set<String> unresolved = new TreeSet<>();
        resources.forEach((id, def) -> {
            Set<String> deps = new LinkedHashSet<>();
            for (String ref : References.of(def.get("Properties"))) {
                if (resources.containsKey(ref)) {
                    deps.add(ref);
                } else if (!names.contains(ref) && !allResources.contains(ref)) {
                    unresolved.add(ref);
                }
            }
            JsonNode dependsOn = def.get("DependsOn");
            if (dependsOn != null) {
                List<String> targets = new ArrayList<>();
                if (dependsOn.isArray()) {
                    dependsOn.forEach(d -> targets.add(d.asText()));
                } else {
                    targets.add(dependsOn.asText());
                }
                for (String t : targets) {
                    if (!allResources.contains(t)) {
                        throw TemplateError.format("Unresolved resource dependencies [" + t
                                + "] in the Resources block of the template");
                    }
                    if (resources.containsKey(t)) {
                        deps.add(t);
                    }
                }
            }
            graph.put(id, deps);
        });
        if (!unresolved.isEmpty()) {
            throw TemplateError.format("Unresolved resource dependencies " + unresolved
                    + " in the Resources block of the template");
        }
        Collection<String> cycle = cycle(graph);
        if (!cycle.isEmpty()) {
            throw TemplateError.validation("Circular dependency between resources: " + cycle);
        }
        return graph;
    }

    /** The resources on a cycle, or empty (Kahn's algorithm: what cannot be ordered). */
    private static Collection<String> cycle(Map<String, Set<String>> graph) {
        Map<String, Integer> pending = new LinkedHashMap<>();
        graph.forEach((n, deps) -> pending.put(n, deps.size()));
        Map<String, Set<String>> reversed = GraphRun.reversed(graph);
        List<String> ready = new ArrayList<>();
        pending.forEach((n, c) -> {
            if (c == 0) {
                ready.add(n);
            }
        });
        while (!ready.isEmpty()) {
            String n = ready.remove(ready.size() - 1);
            pending.remove(n);
            for (String d : reversed.get(n)) {
                int left = pending.merge(d, -1, Integer::sum);
                if (left == 0) {
                    ready.add(d);
                }
            }
        }
        return new TreeSet<>(pending.keySet());
    }
}
