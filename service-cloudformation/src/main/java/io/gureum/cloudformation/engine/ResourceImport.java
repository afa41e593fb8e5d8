package io.gureum.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.intrinsic.Resolver;
import io.gureum.cloudformation.parameter.ResolvedParameter;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Executes an IMPORT change set (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resource-import.html):
 * the stack moves to IMPORT_IN_PROGRESS, each resource to import is read from its service by its identifier on a
 * worker (IMPORT_IN_PROGRESS, IMPORT_COMPLETE), and the stack ends IMPORT_COMPLETE with the new template. A
 * resource the service does not have fails (IMPORT_FAILED) and the import rolls back: the resources imported
 * are released from the stack (never deleted from their service), the previous template is back, and the stack
 * ends IMPORT_ROLLBACK_COMPLETE.
 */
public final class ResourceImport {
    private final Engine engine;
    private final ResourceSteps steps;

    public ResourceImport(Engine engine) {
        this.engine = engine;
        this.steps = new ResourceSteps(engine);
    }

    /** Starts the import (the caller holds the lock); {@code imports} maps logical ids to physical ids. */
    public void start(StackRecord stack, Prepared p, Map<String, String> imports, Consumer<StackRecord> finished) {
        String body = stack.templateBody;
        Template template = stack.template;
        Map<String, ResolvedParameter> parameters = stack.parameters;
        Map<String, Boolean> conditions = stack.conditions;
        Map<String, Set<String>> graph = stack.graph;
        stack.templateBody = p.body();
        stack.template = p.template();
        stack.parameters = p.parameters();
        stack.conditions = p.conditions();
        stack.graph = p.graph();
        engine.stackStatus(stack, "IMPORT_IN_PROGRESS", "User Initiated");
        engine.workers().execute(() -> {
            List<ResourceRecord> done = new ArrayList<>();
            String failed = null;
            for (Map.Entry<String, String> e : imports.entrySet()) {
                if (!importOne(stack, e.getKey(), e.getValue(), done)) {
                    failed = e.getKey();
                    break;
                }
            }
            String failure = failed;
            engine.locked(() -> {
                if (failure == null) {
                    engine.stackStatus(stack, "IMPORT_COMPLETE", null);
                    finished.accept(stack);
                    return;
                }
                engine.stackStatus(stack, "IMPORT_ROLLBACK_IN_PROGRESS", "The following resource(s) failed to"
                        + " import: [" + failure + "]. Rollback requested by user.");
                for (ResourceRecord r : done) {
                    engine.resourceStatus(stack, r, "IMPORT_ROLLBACK_COMPLETE", null);
                    stack.resources.remove(r.logicalId);
                }
                stack.templateBody = body;
                stack.template = template;
                stack.parameters = parameters;
                stack.conditions = conditions;
                stack.graph = graph;
                engine.stackStatus(stack, "IMPORT_ROLLBACK_COMPLETE", null);
                finished.accept(stack);
            });
        });
    }

    /** Whether the resource was imported; {@code done} gets every record made (a failed one too). */
    private boolean importOne(StackRecord stack, String logicalId, String physicalId, List<ResourceRecord> done) {
        ResourceRequest[] request = new ResourceRequest[1];
        ResourceRecord[] record = new ResourceRecord[1];
        try {
            engine.locked(() -> {
                JsonNode def = stack.template.resources().get(logicalId);
                ResourceRecord r = new ResourceRecord(logicalId, def.get("Type").asText());
                record[0] = r;
                done.add(r);
                r.definition = def;
                r.physicalId = physicalId;
                r.nameSuffix = engine.nameSuffix();
                stack.resources.put(logicalId, r);
                engine.resourceStatus(stack, r, "IMPORT_IN_PROGRESS", null);
                JsonNode props = def.get("Properties");
                JsonNode resolved = props == null ? null : new Resolver(scope(stack)).resolve(props);
                r.properties = resolved == null ? JsonNodeFactory.instance.objectNode() : resolved;
                request[0] = steps.request(stack, r, r.properties, null);
            });
            Created created = engine.handlers().find(record[0].type).importResource(request[0]);
            engine.locked(() -> {
                record[0].attributes = created.attributes();
                engine.resourceStatus(stack, record[0], "IMPORT_COMPLETE", null);
            });
            return true;
        } catch (RuntimeException | LinkageError e) {
            if (record[0] != null) {
                engine.locked(() -> engine.resourceStatus(stack, record[0], "IMPORT_FAILED", FailureReason.of(e,
                        stack.clientRequestToken == null ? stack.stackId.substring(stack.stackId.lastIndexOf('/') + 1)
                                : stack.clientRequestToken)));
            }
            return false;
        }
    }

    private StackScope scope(StackRecord stack) {
        return new StackScope(stack, stack.template, stack.parameters,
                engine.state().region(stack.accountId, stack.region).exports, engine.context().topology(),
                stack.resources);
    }
}
