package io.gureum.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.intrinsic.Resolver;
import io.gureum.cloudformation.parameter.ParameterInput;
import io.gureum.cloudformation.template.Template;
import io.gureum.core.error.AwsException;
import io.gureum.core.spi.Caller;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Stack refactoring (user guide, "Stack refactoring"): resources move between stacks or take new logical ids
 * without their service being called. The validation AWS documents under "Stack refactoring considerations":
 * no resource is created or deleted and none changes its configuration (each template's resolved properties
 * equal the recorded ones, so a property built from {@code AWS::StackName} cannot move to another stack),
 * parameters, mappings and conditions do not change, a resource goes to one place only, and exports other stacks
 * import stay. Resources the templates keep under the same stack and logical id stay; the others are matched
 * through the given resource mappings ({@code MANUAL}) or, failing that, by type and the same logical id in another
 * stack or the same properties ({@code AUTO}); two candidates are a conflict the caller resolves with a mapping.
 */
public final class Refactoring {
    private final Engine engine;

    public Refactoring(Engine engine) {
        this.engine = engine;
    }

    /** Why the refactor cannot be made: its {@code CREATE_FAILED} (or {@code EXECUTE_FAILED}) reason. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** A stack of the refactor: an existing live stack, or a new one not yet registered; its processed template. */
    public record Target(String stackName, StackRecord stack, boolean created, String body, Template template) {
    }

    /** Where a recorded resource goes; {@code detection} is null when it stays where it is. */
    public record Match(StackRecord source, ResourceRecord resource, String destinationStack,
            String destinationLogicalId, String detection) {

        public boolean moves() {
            return detection != null;
        }
    }

    public record Plan(List<Target> targets, List<Match> matches, Map<String, Prepared> prepared) {

        /** The stack a match goes to. */
        public StackRecord destination(Match m) {
            return targets.stream().filter(t -> t.stackName().equals(m.destinationStack())).findFirst().orElseThrow()
                    .stack();
        }
    }

    /**
     * The re-tagging of a moved or renamed resource: the destination's {@code aws:cloudformation:*} tags and the
     * destination stack's tags it does not have yet ({@code TagResources}), and the source stack's tag keys the
     * destination stack does not have ({@code UntagResources}).
     */
    public record Retag(Map<String, String> tags, List<String> removedKeys) {
    }

    /** How a moving match is re-tagged; null when it stays or its type's handler cannot re-tag it. */
    public Retag retag(Plan plan, Match m) {
        if (!m.moves() || !engine.handlers().find(m.resource().type).retags()) {
            return null;
        }
        StackRecord to = plan.destination(m);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(io.gureum.cloudformation.resource.ResourceRequest.STACK_NAME_TAG, to.stackName);
        tags.put(io.gureum.cloudformation.resource.ResourceRequest.STACK_ID_TAG, to.stackId);
        tags.put(io.gureum.cloudformation.resource.ResourceRequest.LOGICAL_ID_TAG, m.destinationLogicalId());
        Map<String, String> fromTags = new LinkedHashMap<>();
        m.source().tags.forEach(t -> fromTags.put(t.key(), t.value()));
        List<String> removed = new ArrayList<>();
        if (to != m.source()) {
            to.tags.forEach(t -> {
                if (!t.value().equals(fromTags.get(t.key()))) {
                    tags.put(t.key(), t.value());
                }
            });
            Set<String> toKeys = new HashSet<>();
            to.tags.forEach(t -> toKeys.add(t.key()));
            fromTags.keySet().stream().filter(k -> !toKeys.contains(k)).forEach(removed::add);
        }
        return new Retag(tags, removed);
    }

    private static String key(String stack, String logicalId) {
        return stack + "\u0000" + logicalId;
    }

    /** Validates the refactor and works out where each resource goes; the caller holds the lock. */
    public Plan plan(CloudFormationState.Region region, List<Target> targets, List<RefactorRecord.Mapping> mappings,
            Caller caller) {
        Map<String, Target> byName = new LinkedHashMap<>();
        targets.forEach(t -> byName.put(t.stackName(), t));
        for (Target t : targets) {
            List<String> unknown = engine.handlers().unrecognized(t.template().resourceTypes());
            if (!unknown.isEmpty()) {
                throw new Refused("Unrecognized resource types: " + unknown);
            }
            Template old = t.created() ? null : t.stack().template;
            for (String section : List.of("Parameters", "Mappings", "Conditions")) {
                JsonNode now = t.template().root().path(section);
                JsonNode before = old == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                        : old.root().path(section);
                if (!empty(now) || !empty(before)) {
                    if (!now.equals(before)) {
                        throw new Refused("A stack refactor cannot add or change " + section + ": stack "
                                + t.stackName() + " has " + (old == null ? "none before the refactor" : "other "
                                + section + " than its template"));
                    }
                }
            }
        }
        // What is there: each existing stack's resources.
        Map<String, Match> oldByKey = new LinkedHashMap<>();
        for (Target t : targets) {
            if (!t.created()) {
                t.stack().resources.values().stream().filter(ResourceRecord::exists).forEach(r -> oldByKey.put(
                        key(t.stackName(), r.logicalId), new Match(t.stack(), r, null, null, null)));
            }
        }
        // What the templates want: each stack's active resources.
        Map<String, ObjectNode> wanted = new LinkedHashMap<>();
        Map<String, String> wantedStack = new LinkedHashMap<>();
        for (Target t : targets) {
            StackScope scope = new StackScope(t.stack(), t.template(), t.stack().parameters, region.exports,
                    engine.context().topology(), Map.of());
            try {
                scope.evaluateConditions();
            } catch (AwsException e) {
                throw new Refused(e.getMessage());
            }
            t.template().resourceMap().forEach((id, def) -> {
                if (scope.active(def)) {
                    wanted.put(key(t.stackName(), id), def);
                    wantedStack.put(key(t.stackName(), id), t.stackName());
                }
            });
        }
        Map<String, Match> matched = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (RefactorRecord.Mapping m : mappings) {
            if (!byName.containsKey(m.sourceStack()) || !byName.containsKey(m.destinationStack())) {
                String missing = byName.containsKey(m.sourceStack()) ? m.destinationStack() : m.sourceStack();
                throw new Refused("Stack " + missing + " of the ResourceMappings is not one of the StackDefinitions");
            }
            String from = key(m.sourceStack(), m.sourceLogicalId());
            String to = key(m.destinationStack(), m.destinationLogicalId());
            Match source = oldByKey.get(from);
            if (source == null) {
                throw new Refused("Resource " + m.sourceLogicalId() + " does not exist in stack " + m.sourceStack());
            }
            ObjectNode def = wanted.get(to);
            if (def == null) {
                throw new Refused("Resource " + m.destinationLogicalId() + " is not in the template of stack "
                        + m.destinationStack());
            }
            if (!used.add(from)) {
                throw new Refused("Resource " + m.sourceLogicalId() + " of stack " + m.sourceStack()
                        + " cannot be refactored into more than one destination");
            }
            if (matched.containsKey(to)) {
                throw new Refused("Resource " + m.destinationLogicalId() + " of stack " + m.destinationStack()
                        + " is the destination of more than one resource mapping");
            }
            checkType(source.resource(), def, m.destinationStack(), m.destinationLogicalId());
            boolean stays = from.equals(to);
            matched.put(to, new Match(source.source(), source.resource(), m.destinationStack(),
                    m.destinationLogicalId(), stays ? null : "MANUAL"));
        }
        // Resources the templates keep where they are.
        for (Map.Entry<String, ObjectNode> e : wanted.entrySet()) {
            Match there = oldByKey.get(e.getKey());
            if (!matched.containsKey(e.getKey()) && there != null && !used.contains(e.getKey())
                    && there.resource().type.equals(e.getValue().path("Type").asText())) {
                used.add(e.getKey());
                matched.put(e.getKey(), new Match(there.source(), there.resource(), wantedStack.get(e.getKey()),
                        there.resource().logicalId, null));
            }
        }
        // The others: the same logical id elsewhere, else the same type and properties.
        for (Map.Entry<String, ObjectNode> e : wanted.entrySet()) {
            if (matched.containsKey(e.getKey())) {
                continue;
            }
            String stack = wantedStack.get(e.getKey());
            String logicalId = e.getKey().substring(stack.length() + 1);
            String type = e.getValue().path("Type").asText();
            List<String> candidates = new ArrayList<>();
            oldByKey.forEach((k, m) -> {
                if (!used.contains(k) && m.resource().type.equals(type) && m.resource().logicalId.equals(logicalId)) {
                    candidates.add(k);
                }
            });
            if (candidates.isEmpty()) {
                JsonNode props = e.getValue().path("Properties");
                oldByKey.forEach((k, m) -> {
                    JsonNode was = m.resource().definition == null ? null : m.resource().definition.path("Properties");
                    if (!used.contains(k) && m.resource().type.equals(type) && props.equals(was)) {
                        candidates.add(k);
                    }
                });
            }
            if (candidates.size() > 1) {
                throw new Refused("Resource " + logicalId + " of stack " + stack + " matches more than one existing"
                        + " resource; resolve the conflict with ResourceMappings");
            }
            if (candidates.isEmpty()) {
                throw new Refused("Stack refactor does not create resources: resource " + logicalId + " of stack "
                        + stack + " matches no existing resource");
            }
            Match m = oldByKey.get(candidates.get(0));
            used.add(candidates.get(0));
            matched.put(e.getKey(), new Match(m.source(), m.resource(), stack, logicalId, "AUTO"));
        }
        for (Map.Entry<String, Match> e : oldByKey.entrySet()) {
            if (!used.contains(e.getKey())) {
                throw new Refused("Stack refactor does not delete resources: resource "
                        + e.getValue().resource().logicalId + " of stack " + e.getValue().source().stackName
                        + " is in no template");
            }
        }
        for (Match m : matched.values()) {
            if (m.moves() && m.resource().type.equals("AWS::CloudFormation::Stack")
                    && !m.source().stackName.equals(m.destinationStack())) {
                throw new Refused("Gureum does not move nested stacks (" + m.resource().logicalId
                        + ") between stacks");
            }
        }
        // Where everything is afterwards, and the exports the templates make of it.
        Map<String, Map<String, ResourceRecord>> layout = new LinkedHashMap<>();
        targets.forEach(t -> layout.put(t.stackName(), new LinkedHashMap<>()));
        matched.values().forEach(m -> layout.get(m.destinationStack()).put(m.destinationLogicalId(), m.resource()));
        Map<String, Export> exports = exportsAfter(region, targets, layout);
        checkImporters(region, targets, exports);
        for (Map.Entry<String, ObjectNode> e : wanted.entrySet()) {
            Match m = matched.get(e.getKey());
            Target t = byName.get(m.destinationStack());
            StackScope scope = new StackScope(t.stack(), t.template(), t.stack().parameters, exports,
                    engine.context().topology(), layout.get(t.stackName()));
            JsonNode resolved;
            try {
                JsonNode props = e.getValue().get("Properties");
                resolved = props == null ? null : new Resolver(scope).resolve(props);
            } catch (AwsException ex) {
                throw new Refused(ex.getMessage());
            }
            if (!sameProperties(resolved, m.resource().properties)) {
                throw new Refused("Stack refactor does not change resources: the properties of resource "
                        + m.destinationLogicalId() + " of stack " + m.destinationStack() + " differ from those of "
                        + m.resource().logicalId + " of stack " + m.source().stackName);
            }
        }
        CloudFormationState.Region after = new CloudFormationState.Region(region.accountId, region.region);
        after.exports.putAll(exports);
        Preparation preparation = new Preparation(engine);
        Map<String, Prepared> prepared = new LinkedHashMap<>();
        for (Target t : targets) {
            List<ParameterInput> inputs = new ArrayList<>();
            t.stack().parameters.keySet().forEach(k -> inputs.add(new ParameterInput(k, null, true)));
            try {
                prepared.put(t.stackName(), preparation.prepare(t.body(), t.template(), inputs,
                        t.stack().rawParameters(), t.stack(), after, caller));
            } catch (AwsException e) {
                throw new Refused(e.getMessage());
            }
        }
        return new Plan(targets, new ArrayList<>(matched.values()), prepared);
    }

    private static boolean empty(JsonNode n) {
        return n.isMissingNode() || n.isNull() || (n.isContainerNode() && n.isEmpty());
    }

    private static boolean sameProperties(JsonNode a, JsonNode b) {
        return Objects.equals(a == null || a.isEmpty() ? null : a, b == null || b.isEmpty() ? null : b);
    }

    private static void checkType(ResourceRecord r, ObjectNode def, String stack, String logicalId) {
        String type = def.path("Type").asText();
        if (!r.type.equals(type)) {
            throw new Refused("Resource " + r.logicalId + " is of type " + r.type + " and cannot become resource "
                    + logicalId + " of type " + type + " in stack " + stack);
        }
    }

    /** The Region's exports once the refactored stacks have their new outputs. */
    private Map<String, Export> exportsAfter(CloudFormationState.Region region, List<Target> targets,
            Map<String, Map<String, ResourceRecord>> layout) {
        Set<String> involved = new HashSet<>();
        targets.forEach(t -> involved.add(t.stack().stackId));
        Map<String, Export> exports = new LinkedHashMap<>();
        region.exports.forEach((n, e) -> {
            if (!involved.contains(e.stackId())) {
                exports.put(n, e);
            }
        });
        List<Target> pending = new ArrayList<>(targets);
        RuntimeException last = null;
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (Target t : List.copyOf(pending)) {
                List<StackOutput> outputs;
                try {
                    outputs = outputs(t, exports, layout.get(t.stackName()));
                } catch (AwsException e) {
                    last = e;
                    continue;
                }
                for (StackOutput o : outputs) {
                    if (o.exportName() == null) {
                        continue;
                    }
                    Export existing = exports.get(o.exportName());
                    if (existing != null) {
                        StackRecord owner = region.stacks.get(existing.stackId());
                        throw new Refused("Export with name " + o.exportName() + " is already exported by stack "
                                + (owner == null ? existing.stackId() : owner.stackName));
                    }
                    exports.put(o.exportName(), new Export(o.exportName(), o.value(), t.stack().stackId));
                }
                pending.remove(t);
                progress = true;
            }
        }
        if (!pending.isEmpty()) {
            throw new Refused(last == null ? "Outputs cannot be resolved" : last.getMessage());
        }
        return exports;
    }

    private List<StackOutput> outputs(Target t, Map<String, Export> exports, Map<String, ResourceRecord> resources) {
        StackRecord view = new StackRecord(t.stack().stackId, t.stack().stackName, t.stack().accountId,
                t.stack().region, t.stack().creationTime);
        view.template = t.template();
        view.notificationArns = t.stack().notificationArns;
        StackScope scope = new StackScope(view, t.template(), t.stack().parameters, exports,
                engine.context().topology(), resources);
        return Outputs.resolve(view, scope);
    }

    /** An export a stack outside the refactor imports must stay, with its value. */
    private static void checkImporters(CloudFormationState.Region region, List<Target> targets,
            Map<String, Export> after) {
        Set<String> involved = new HashSet<>();
        targets.forEach(t -> involved.add(t.stack().stackId));
        for (Export e : region.exports.values()) {
            if (!involved.contains(e.stackId())) {
                continue;
            }
            for (StackRecord s : region.stacks.values()) {
                if (s.deleted() || involved.contains(s.stackId) || !s.imports.contains(e.name())) {
                    continue;
                }
                Export now = after.get(e.name());
                if (now == null) {
                    throw new Refused("Export " + e.name() + " cannot be deleted as it is in use by " + s.stackName);
                }
                if (!now.value().equals(e.value())) {
                    throw new Refused("Cannot update export " + e.name() + " as it is in use by " + s.stackName);
                }
            }
        }
    }

    /**
     * Carries the plan out (the caller holds the lock): new stacks are created, resources move without their
     * services being called, each stack takes its new template and outputs, and the exports follow.
     */
    public void execute(CloudFormationState.Region region, Plan plan, String principal) {
        var now = engine.context().clock().now();
        retagAll(plan);
        for (Target t : plan.targets()) {
            StackRecord s = t.stack();
            if (t.created()) {
                s.principal = principal;
                region.stacks.put(s.stackId, s);
                region.liveByName.put(s.stackName, s.stackId);
                engine.stackStatus(s, "CREATE_IN_PROGRESS", "User Initiated");
            } else {
                s.changeSetId = null;
                engine.stackStatus(s, "UPDATE_IN_PROGRESS", "User Initiated");
            }
        }
        Map<String, StackRecord> byName = new LinkedHashMap<>();
        plan.targets().forEach(t -> byName.put(t.stackName(), t.stack()));
        for (Match m : plan.matches()) {
            m.source().resources.remove(m.resource().logicalId);
        }
        for (Match m : plan.matches()) {
            StackRecord to = byName.get(m.destinationStack());
            ResourceRecord r = m.resource();
            ResourceRecord moved = new ResourceRecord(m.destinationLogicalId(), r.type);
            moved.physicalId = r.physicalId;
            moved.status = r.status;
            moved.statusReason = r.statusReason;
            moved.lastUpdated = m.moves() ? now : r.lastUpdated;
            moved.properties = r.properties;
            moved.attributes = r.attributes;
            moved.nameSuffix = r.nameSuffix;
            moved.driftStatus = r.driftStatus;
            moved.driftCheckedAt = r.driftCheckedAt;
            moved.actualProperties = r.actualProperties;
            moved.definition = plan.prepared().get(m.destinationStack()).template().resourceMap()
                    .get(m.destinationLogicalId());
            to.resources.put(moved.logicalId, moved);
        }
        Set<String> involved = new HashSet<>();
        plan.targets().forEach(t -> involved.add(t.stack().stackId));
        region.exports.values().removeIf(e -> involved.contains(e.stackId()));
        for (Target t : plan.targets()) {
            StackRecord s = t.stack();
            Prepared p = plan.prepared().get(t.stackName());
            s.templateBody = p.body();
            s.template = p.template();
            s.parameters = p.parameters();
            s.conditions = p.conditions();
            s.graph = p.graph();
            s.imports = new java.util.TreeSet<>(p.imports());
            if (!t.created()) {
                s.lastUpdatedTime = now;
            }
        }
        List<Target> pending = new ArrayList<>(plan.targets());
        for (int round = 0; round <= plan.targets().size() && !pending.isEmpty(); round++) {
            for (Target t : List.copyOf(pending)) {
                StackRecord s = t.stack();
                try {
                    s.outputs = Outputs.resolve(s, new StackScope(s, s.template, s.parameters, region.exports,
                            engine.context().topology(), s.resources));
                } catch (AwsException e) {
                    continue;
                }
                Outputs.publish(s, s.outputs, region);
                pending.remove(t);
            }
        }
        for (Target t : plan.targets()) {
            engine.stackStatus(t.stack(), t.created() ? "CREATE_COMPLETE" : "UPDATE_COMPLETE", null);
        }
    }

    /**
     * Re-tags the moving resources whose handler can (their service called in-process as the destination stack,
     * so EC2 and KMS accept the {@code aws:cloudformation:*} keys), before anything moves: a refusal fails the
     * execution with the stacks as they were.
     */
    private void retagAll(Plan plan) {
        ResourceSteps steps = new ResourceSteps(engine);
        for (Match m : plan.matches()) {
            Retag retag = retag(plan, m);
            if (retag == null) {
                continue;
            }
            StackRecord to = plan.destination(m);
            ResourceRecord r = m.resource();
            ResourceRecord there = new ResourceRecord(m.destinationLogicalId(), r.type);
            there.physicalId = r.physicalId;
            there.attributes = r.attributes;
            there.nameSuffix = r.nameSuffix;
            var request = steps.request(to, there, r.properties == null
                    ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : r.properties, null);
            try {
                engine.handlers().find(r.type).retag(request, retag.removedKeys());
            } catch (RuntimeException e) {
                throw new Refused("Resource " + r.logicalId + " of stack " + m.source().stackName
                        + " could not be re-tagged: " + e.getMessage());
            }
        }
    }
}
