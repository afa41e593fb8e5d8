package io.gureum.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.intrinsic.Resolver;
import java.util.ArrayList;
import java.util.List;

/** Resolves a stack's outputs once its resources exist, and checks their exports against the region's. */
final class Outputs {
    private Outputs() {
    }

    static List<StackOutput> resolve(StackRecord stack, StackScope scope) {
        List<StackOutput> out = new ArrayList<>();
        Resolver resolver = new Resolver(scope);
        stack.template.outputs().fields().forEachRemaining(e -> {
            JsonNode def = e.getValue();
            if (!scope.active(def)) {
                return;
            }
            String value = text(resolver.resolve(def.get("Value")));
            JsonNode export = def.path("Export").get("Name");
            String exportName = export == null ? null : text(resolver.resolve(export));
            String description = def.has("Description") ? def.get("Description").asText() : null;
            out.add(new StackOutput(e.getKey(), value, description, exportName));
        });
        return out;
    }

    private static String text(JsonNode v) {
        if (v == null) {
            return "";
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(e -> parts.add(e.asText()));
            return String.join(",", parts);
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /**
     * The reason the stack's new outputs cannot be exported, or null: a name another stack exports, or an
     * export in use by another stack that the update removes or changes.
     */
    static String exportConflict(StackRecord stack, List<StackOutput> outputs, CloudFormationState.Region region) {
        for (StackOutput o : outputs) {
            if (o.exportName() == null) {
                continue;
            }
            Export existing = region.exports.get(o.exportName());
            if (existing != null && !existing.stackId().equals(stack.stackId)) {
                return "Export with name " + o.exportName() + " is already exported by stack "
                        + region.stacks.get(existing.stackId()).stackName;
            }
        }
        for (Export e : region.exports.values()) {
            if (!e.stackId().equals(stack.stackId)) {
                continue;
            }
            StackOutput now = outputs.stream().filter(o -> e.name().equals(o.exportName())).findFirst().orElse(null);
            String user = importer(region, e.name(), stack.stackId);
            if (user != null && now == null) {
                return "Export " + e.name() + " cannot be deleted as it is in use by " + user;
            }
            if (user != null && !now.value().equals(e.value())) {
                return "Cannot update export " + e.name() + " as it is in use by " + user;
            }
        }
        return null;
    }

    /** Replaces the stack's exports with those of {@code outputs}. */
    static void publish(StackRecord stack, List<StackOutput> outputs, CloudFormationState.Region region) {
        region.exports.values().removeIf(e -> e.stackId().equals(stack.stackId));
        for (StackOutput o : outputs) {
            if (o.exportName() != null) {
                region.exports.put(o.exportName(), new Export(o.exportName(), o.value(), stack.stackId));
            }
        }
    }

    /** The name of a live stack other than {@code except} importing {@code exportName}, or null. */
    static String importer(CloudFormationState.Region region, String exportName, String except) {
        for (StackRecord s : region.stacks.values()) {
            if (!s.deleted() && !s.stackId.equals(except) && s.imports.contains(exportName)) {
                return s.stackName;
            }
        }
        return null;
    }
}
