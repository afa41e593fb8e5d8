package io.gureum.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.parameter.ParameterInput;
import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.template.Template;
import io.gureum.cloudformation.template.TemplateReader;
import io.gureum.cloudformation.transform.Transforms;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * {@code AWS::CloudFormation::Stack}: a nested stack made from {@code TemplateURL} (an object on Gureum's
 * S3) with {@code Parameters}, named {@code <parent>-<LogicalId>-<SUFFIX>}, its {@code ParentId} and
 * {@code RootId} set. {@code Ref} is the nested stack's id; {@code Fn::GetAtt Outputs.<Key>} its outputs.
 * The parent waits for the nested operation without holding a thread.
 */
public final class NestedStackHandler implements AsyncResourceHandler {
    private Engine engine;
    private StackOperations operations;
    private BiFunction<String, StackRecord, String> fetch;
    private MacroSource macros;

    /** The template macros a nested stack's template may use: those of the child's account and Region. */
    public interface MacroSource {
        Transforms.Macros of(StackRecord child, com.fasterxml.jackson.databind.node.ObjectNode template,
                List<ParameterInput> inputs);
    }

    /** Wires the engine in once it exists ({@code fetch} reads a TemplateURL as the stack's caller). */
    public void bind(Engine engine, StackOperations operations, BiFunction<String, StackRecord, String> fetch) {
        bind(engine, operations, fetch, null);
    }

    /** With the template macros nested templates may use. */
    public void bind(Engine engine, StackOperations operations, BiFunction<String, StackRecord, String> fetch,
            MacroSource macros) {
        this.engine = engine;
        this.operations = operations;
        this.fetch = fetch;
        this.macros = macros;
    }

    @Override
    public String type() {
        return "AWS::CloudFormation::Stack";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        return createAsync(r).join();
    }

    @Override
    public void delete(ResourceRequest r) {
        deleteAsync(r).join();
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        CompletableFuture<Created> done = new CompletableFuture<>();
        engine.locked(() -> {
            StackRecord parent = parentOf(r);
            String name = r.generatedName(128);
            String id = parent.stackId.substring(0, parent.stackId.indexOf(":stack/") + 7) + name + "/"
                    + engine.context().ids().requestId();
            StackRecord child = new StackRecord(id, name, parent.accountId, parent.region,
                    engine.context().clock().now());
            child.parentId = parent.stackId;
            child.rootId = parent.rootId == null ? parent.stackId : parent.rootId;
            inherit(parent, child);
            Prepared p = prepare(r, child, null);
            CloudFormationState.Region region = engine.state().region(parent.accountId, parent.region);
            region.stacks.put(child.stackId, child);
            region.liveByName.put(child.stackName, child.stackId);
            child.disableRollback = true;
            operations.create(child, p, "DO_NOTHING", s -> {
                if ("CREATE_COMPLETE".equals(s.status)) {
                    done.complete(result(s));
                } else {
                    done.completeExceptionally(new FailureReason.NestedFailure("Embedded stack " + s.stackId
                            + " was not successfully created: " + s.statusReason));
                }
            });
        });
        return done;
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        CompletableFuture<Created> done = new CompletableFuture<>();
        engine.locked(() -> {
            StackRecord child = child(r);
            inherit(parentOf(r), child);
            Prepared p = prepare(r, child, child.rawParameters());
            if (child.template.root().equals(p.template().root())
                    && child.rawParameters().equals(raw(p))) {
                done.complete(result(child));
                return;
            }
            child.lastUpdatedTime = engine.context().clock().now();
            operations.update(child, p, s -> {
                if ("UPDATE_COMPLETE".equals(s.status)) {
                    done.complete(result(s));
                } else {
                    done.completeExceptionally(new FailureReason.NestedFailure("Embedded stack " + s.stackId
                            + " was not successfully updated. Currently in " + s.status + "."));
                }
            });
        });
        return done;
    }

    /**
     * A nested stack whose own update failed kept what it changed (it does not roll back alone): the parent's
     * rollback rolls it back. One whose update succeeded is updated back to its previous template.
     */
    @Override
    public CompletableFuture<Created> revertAsync(ResourceRequest r) {
        CompletableFuture<Created> done = new CompletableFuture<>();
        boolean[] failed = new boolean[1];
        engine.locked(() -> {
            StackRecord child = child(r);
            if (!child.status.equals("UPDATE_FAILED")) {
                return;
            }
            failed[0] = true;
            operations.rollBackNested(child, s -> {
                if ("UPDATE_ROLLBACK_COMPLETE".equals(s.status)) {
                    done.complete(result(s));
                } else {
                    done.completeExceptionally(new FailureReason.NestedFailure("Embedded stack " + s.stackId
                            + " was not successfully rolled back. Currently in " + s.status + "."));
                }
            });
        });
        return failed[0] ? done : updateAsync(r);
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        engine.locked(() -> {
            StackRecord child = engine.state().region(r.stack().accountId(), r.stack().region()).stacks
                    .get(r.physicalId());
            if (child == null || child.deleted()) {
                done.complete(null);
                return;
            }
            operations.delete(child, Set.of(), s -> {
                if (s.deleted()) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(new FailureReason.NestedFailure("Embedded stack " + s.stackId
                            + " was not successfully deleted: " + s.statusReason));
                }
            });
        });
        return done;
    }

    private StackRecord parentOf(ResourceRequest r) {
        return engine.state().region(r.stack().accountId(), r.stack().region()).stacks.get(r.stack().stackId());
    }

    private StackRecord child(ResourceRequest r) {
        StackRecord child = engine.state().region(r.stack().accountId(), r.stack().region()).stacks
                .get(r.physicalId());
        if (child == null) {
            throw new ResourceFailure("Stack " + r.physicalId() + " does not exist", "NotFound");
        }
        return child;
    }

    private static void inherit(StackRecord parent, StackRecord child) {
        child.principal = parent.principal;
        child.roleArn = parent.roleArn;
        child.tags = new ArrayList<>(parent.tags);
        child.capabilities = new ArrayList<>(parent.capabilities);
        child.notificationArns = new ArrayList<>(parent.notificationArns);
    }

    private Prepared prepare(ResourceRequest r, StackRecord child, java.util.Map<String, String> previous) {
        String url = r.requiredText("TemplateURL");
        String body = fetch.apply(url, child);
        String partition = r.partition();
        List<ParameterInput> inputs = new ArrayList<>();
        JsonNode params = r.property("Parameters");
        if (params != null) {
            params.fields().forEachRemaining(e -> inputs.add(new ParameterInput(e.getKey(),
                    e.getValue().isArray() ? join(e.getValue()) : e.getValue().asText(), false)));
        }
        com.fasterxml.jackson.databind.node.ObjectNode root = TemplateReader.read(body);
        Transforms transforms = new Transforms(u -> fetch.apply(u, child), macros == null ? null
                : macros.of(child, root, inputs));
        Template template = Template.of(transforms.apply(root, child.accountId, child.region, partition));
        // CreateStack's reference: a template with macros and nested stacks is created directly, acknowledging
        // CAPABILITY_AUTO_EXPAND, which the nested stack has from its parent.
        if (transforms.ranMacros() && !child.capabilities.contains("CAPABILITY_AUTO_EXPAND")) {
            throw new ResourceFailure("Requires capabilities : [CAPABILITY_AUTO_EXPAND]", "InvalidRequest");
        }
        return new Preparation(engine).prepare(body, template, inputs, previous, child,
                engine.state().region(child.accountId, child.region), engine.callerOf(child));
    }

    private static String join(JsonNode list) {
        List<String> parts = new ArrayList<>();
        list.forEach(v -> parts.add(v.asText()));
        return String.join(",", parts);
    }

    private static java.util.Map<String, String> raw(Prepared p) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        p.parameters().forEach((k, v) -> m.put(k, v.raw()));
        return m;
    }

    private static Created result(StackRecord s) {
        Created c = Created.of(s.stackId);
        for (StackOutput o : s.outputs) {
            c = c.attribute("Outputs." + o.key(), o.value());
        }
        return c;
    }
}
