package io.gureum.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.intrinsic.Resolver;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What deploying {@code Prepared} onto a stack would change, per resource: Add, Modify (with AWS's
 * Replacement column: {@code True}, {@code False}, or {@code Conditional} when a changed value depends on a
 * resource not yet known) or Remove. Properties are resolved against the stack's current resources.
 */
public final class Changes {
    private Changes() {
    }

    /** The rows, Add and Modify in template order, then Remove. Called under the state's lock. */
    public static List<ChangeSetRecord.ResourceChangeRow> of(Engine engine, StackRecord stack, Prepared p) {
        List<ChangeSetRecord.ResourceChangeRow> rows = new ArrayList<>();
        StackScope scope = new StackScope(stack, p.template(), p.parameters(),
                engine.state().region(stack.accountId, stack.region).exports, engine.context().topology(),
                stack.resources);
        for (String id : p.graph().keySet()) {
            JsonNode def = p.template().resources().get(id);
            String type = def.get("Type").asText();
            ResourceRecord existing = stack.resources.get(id);
            if (existing == null || !existing.exists()) {
                rows.add(new ChangeSetRecord.ResourceChangeRow("Add", id, null, type, null, List.of(), List.of()));
                continue;
            }
            JsonNode newProps = def.get("Properties") == null ? JsonNodeFactory.instance.objectNode()
                    : def.get("Properties");
            Set<String> changed = new LinkedHashSet<>();
            Set<String> unknown = new LinkedHashSet<>();
            JsonNode oldProps = existing.properties == null ? JsonNodeFactory.instance.objectNode() : existing.properties;
            Set<String> names = new LinkedHashSet<>();
            newProps.fieldNames().forEachRemaining(names::add);
            oldProps.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode raw = newProps.get(name);
                JsonNode resolved;
                try {
                    resolved = raw == null ? null : new Resolver(scope).resolve(raw);
                } catch (RuntimeException dependsOnNewResource) {
                    unknown.add(name);
                    changed.add(name);
                    continue;
                }
                if (!Objects.equals(resolved, oldProps.get(name))) {
                    changed.add(name);
                }
            }
            if (changed.isEmpty() && Objects.equals(def.get("Metadata"), existing.definition == null ? null
                    : existing.definition.get("Metadata"))) {
                continue;
            }
            ResourceHandler handler = engine.handlers().find(type);
            Set<String> replacing = handler.replacementProperties();
            List<String> replacingChanged = new ArrayList<>();
            String replacement = "False";
            for (String name : changed) {
                if (replacing.equals(ResourceHandler.ALL_PROPERTIES) || replacing.contains(name)) {
                    replacingChanged.add(name);
                    if (unknown.contains(name)) {
                        replacement = replacement.equals("True") ? "True" : "Conditional";
                    } else {
                        replacement = "True";
                    }
                }
            }
            if (replacement.equals("False") && !changed.isEmpty() && unknown.isEmpty()) {
                // A handler may decide replacement from the values themselves (conditional replacement).
                try {
                    JsonNode resolvedAll = new Resolver(scope).resolve(newProps);
                    ResourceRequest probe = new ResourceRequest(id, type, resolvedAll, oldProps, existing.physicalId,
                            existing.attributes, new ResourceRequest.Stack(stack.stackName, stack.stackId,
                                    stack.accountId, stack.region), engine.callerOf(stack),
                            engine.context().clients(), List.of(), existing.nameSuffix, null);
                    if (handler.requiresReplacement(probe)) {
                        replacement = "True";
                    }
                } catch (RuntimeException ignored) {
                    replacement = "Conditional";
                }
            }
            rows.add(new ChangeSetRecord.ResourceChangeRow("Modify", id, existing.physicalId, type, replacement,
                    List.copyOf(changed), replacingChanged));
        }
        for (Map.Entry<String, ResourceRecord> e : stack.resources.entrySet()) {
            if (!p.graph().containsKey(e.getKey()) && e.getValue().exists()) {
                rows.add(new ChangeSetRecord.ResourceChangeRow("Remove", e.getKey(), e.getValue().physicalId,
                        e.getValue().type, null, List.of(), List.of()));
            }
        }
        return rows;
    }
}
