package io.gureum.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.intrinsic.References;
import io.gureum.cloudformation.parameter.ResolvedParameter;
import io.gureum.cloudformation.template.Template;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs stack operations on the workers, moving the stack through AWS's statuses ("Stack status codes"):
 * create (and its rollback or {@code OnFailure} delete), update (cleanup, or rollback and its cleanup),
 * {@code ContinueUpdateRollback}, delete. Each starts from a provider call that has already checked the
 * request and returns at once; progress is visible through DescribeStacks and DescribeStackEvents.
 */
public final class StackOperations {
    private final Engine engine;
    private final ResourceSteps steps;

    public StackOperations(Engine engine) {
        this.engine = engine;
        this.steps = new ResourceSteps(engine);
    }

    private CloudFormationState.Region region(StackRecord stack) {
        return engine.state().region(stack.accountId, stack.region);
    }

    private StackScope scope(StackRecord stack) {
        return new StackScope(stack, stack.template, stack.parameters, region(stack).exports,
                engine.context().topology(), stack.resources);
    }

    private static void apply(StackRecord stack, Prepared p) {
        stack.templateBody = p.body();
        stack.template = p.template();
        stack.parameters = p.parameters();
        stack.conditions = p.conditions();
        stack.graph = p.graph();
        stack.imports = new java.util.TreeSet<>(p.imports());
    }

    // ---- create ---------------------------------------------------------------------------------------

    /** Starts creating the stack (the caller holds the lock and has registered the stack). */
    public void create(StackRecord stack, Prepared p, String onFailure, Consumer<StackRecord> finished) {
        apply(stack, p);
        engine.stackStatus(stack, "CREATE_IN_PROGRESS", "User Initiated");
        StackScope scope = scope(stack);
        new GraphRun(p.graph(), id -> steps.create(stack, id, scope), engine.workers(),
                outcome -> engine.locked(() -> afterCreate(stack, scope, outcome, onFailure, finished))).start();
    }

    private void afterCreate(StackRecord stack, StackScope scope, GraphRun.Outcome outcome, String onFailure,
            Consumer<StackRecord> finished) {
        String reason = null;
        if (outcome.ok()) {
            try {
                List<StackOutput> outputs = Outputs.resolve(stack, scope);
                reason = Outputs.exportConflict(stack, outputs, region(stack));
                if (reason == null) {
                    stack.outputs = outputs;
                    Outputs.publish(stack, outputs, region(stack));
                    engine.stackStatus(stack, "CREATE_COMPLETE", null);
                    finished.accept(stack);
                    return;
                }
            } catch (RuntimeException e) {
                reason = e.getMessage();
            }
        } else {
            reason = "The following resource(s) failed to create: " + failed(stack, "CREATE_FAILED") + ". ";
        }
        String action = onFailure == null ? (stack.disableRollback ? "DO_NOTHING" : "ROLLBACK") : onFailure;
        switch (action) {
            case "DO_NOTHING" -> {
                engine.stackStatus(stack, "CREATE_FAILED", reason);
                finished.accept(stack);
            }
            case "DELETE" -> {
                engine.stackStatus(stack, "DELETE_IN_PROGRESS", reason + "Delete requested by user.");
                deleteResources(stack, true, Set.of(), ok -> engine.locked(() -> {
                    if (ok) {
                        deleted(stack);
                    } else {
                        engine.stackStatus(stack, "DELETE_FAILED", "The following resource(s) failed to delete: "
                                + failed(stack, "DELETE_FAILED") + ". ");
                    }
                    finished.accept(stack);
                }));
            }
            default -> {
                engine.stackStatus(stack, "ROLLBACK_IN_PROGRESS", reason + "Rollback requested by user.");
                deleteResources(stack, true, Set.of(), ok -> engine.locked(() -> {
                    engine.stackStatus(stack, ok ? "ROLLBACK_COMPLETE" : "ROLLBACK_FAILED", ok ? null
                            : "The following resource(s) failed to delete: " + failed(stack, "DELETE_FAILED") + ". ");
                    finished.accept(stack);
                }));
            }
        }
    }

    /** The logical ids of the resources now in {@code status}, in event order. */
    private static List<String> failed(StackRecord stack, String status) {
        List<String> ids = new ArrayList<>();
        for (StackEvent e : stack.events) {
            if (status.equals(e.status()) && !e.resourceType().equals("AWS::CloudFormation::Stack")
                    && !ids.contains(e.logicalId())) {
                ResourceRecord r = stack.resources.get(e.logicalId());
                if (r != null && status.equals(r.status)) {
                    ids.add(e.logicalId());
                }
            }
        }
        if (ids.isEmpty()) {
            stack.resources.values().stream().filter(r -> status.equals(r.status)).forEach(r -> ids.add(r.logicalId));
        }
        return ids;
    }

    // ---- delete ---------------------------------------------------------------------------------------

    /** Starts deleting the stack (the caller holds the lock and has checked termination protection). */
    public void delete(StackRecord stack, Set<String> retain, Consumer<StackRecord> finished) {
        engine.stackStatus(stack, "DELETE_IN_PROGRESS", "User Initiated");
        CloudFormationState.Region region = region(stack);
        for (Export e : region.exports.values()) {
            String user = e.stackId().equals(stack.stackId) ? Outputs.importer(region, e.name(), stack.stackId) : null;
            if (user != null) {
                engine.stackStatus(stack, "DELETE_FAILED", "Export " + e.name()
                        + " cannot be deleted as it is in use by " + user);
                finished.accept(stack);
                return;
            }
        }
        deleteResources(stack, false, retain, ok -> engine.locked(() -> {
            if (ok) {
                deleted(stack);
            } else {
                engine.stackStatus(stack, "DELETE_FAILED", "The following resource(s) failed to delete: "
                        + failed(stack, "DELETE_FAILED") + ". ");
            }
            finished.accept(stack);
        }));
    }

    private void deleted(StackRecord stack) {
        CloudFormationState.Region region = region(stack);
        region.exports.values().removeIf(e -> e.stackId().equals(stack.stackId));
        region.liveByName.remove(stack.stackName, stack.stackId);
        stack.deletionTime = engine.context().clock().now();
        engine.stackStatus(stack, "DELETE_COMPLETE", null);
    }

    /**
     * Deletes the stack's existing resources, dependants first. {@code onCreate}: a create's rollback,
     * where {@code RetainExceptOnCreate} deletes.
     */
    private void deleteResources(StackRecord stack, boolean onCreate, Set<String> retain, Consumer<Boolean> done) {
        Map<String, Set<String>> graph = new LinkedHashMap<>();
        engine.locked(() -> {
            Map<String, ResourceRecord> live = new LinkedHashMap<>();
            stack.resources.forEach((id, r) -> {
                if (!"DELETE_COMPLETE".equals(r.status) && !"DELETE_SKIPPED".equals(r.status)) {
                    live.put(id, r);
                }
            });
            live.forEach((id, r) -> graph.put(id, dependencies(r.definition, live.keySet())));
        });
        Map<String, Set<String>> order = GraphRun.reversed(graph);
        new GraphRun(order, id -> {
            ResourceRecord r = stack.resources.get(id);
            String policy = retain.contains(id) ? "Retain" : r.deletionPolicy();
            if (onCreate && policy.equals("RetainExceptOnCreate")) {
                policy = "Delete";
            }
            return steps.delete(stack, r, policy);
        }, engine.workers(), outcome -> done.accept(outcome.ok())).start();
    }

    /** The resources among {@code among} a definition refers to or names in DependsOn. */
    static Set<String> dependencies(JsonNode definition, Set<String> among) {
        Set<String> deps = new LinkedHashSet<>();
        if (definition == null) {
            return deps;
        }
        for (String ref : References.of(definition.get("Properties"))) {
            if (among.contains(ref)) {
                deps.add(ref);
            }
        }
        JsonNode d = definition.get("DependsOn");
        if (d != null) {
            (d.isArray() ? d : List.of(d)).forEach(n -> {
                if (among.contains(n.asText())) {
                    deps.add(n.asText());
                }
            });
        }
        return deps;
    }

    // ---- update ---------------------------------------------------------------------------------------

    /** What a stack was before an update, to roll back to. */
    private record Before(String body, Template template, Map<String, ResolvedParameter> parameters,
            Map<String, Boolean> conditions, Map<String, Set<String>> graph, Set<String> imports,
            List<StackOutput> outputs, Set<String> resources) {
    }

    /** A rollback left unfinished by a failure, for ContinueUpdateRollback. */
    private record PendingRollback(Before before, UpdateJournal journal, List<ResourceSteps.Snapshot> cleanup) {
    }

    /** Starts updating the stack to {@code p} (the caller holds the lock and has checked the stack's status). */
    public void update(StackRecord stack, Prepared p, Consumer<StackRecord> finished) {
        Before before = new Before(stack.templateBody, stack.template, stack.parameters, stack.conditions, stack.graph,
                stack.imports, stack.outputs, new LinkedHashSet<>(stack.resources.keySet()));
        apply(stack, p);
        stack.lastUpdatedTime = engine.context().clock().now();
        engine.stackStatus(stack, "UPDATE_IN_PROGRESS", "User Initiated");
        StackScope scope = scope(stack);
        UpdateJournal journal = new UpdateJournal();
        stack.pendingRollback = null;
        GraphRun run = new GraphRun(p.graph(), id -> {
            ResourceRecord existing = stack.resources.get(id);
            if (existing != null && existing.exists()) {
                return steps.update(stack, id, scope, journal);
            }
            engine.locked(() -> journal.created.add(id));
            return steps.create(stack, id, scope);
        }, engine.workers(), outcome -> engine.locked(() -> afterUpdate(stack, scope, before, journal, outcome,
                finished)));
        stack.cancelUpdate = run::cancel;
        run.start();
    }

    /**
     * CancelUpdateStack: no further resource starts; when those in progress have finished, the update rolls
     * back as after a failure, with the reason "Stack update cancelled" (the caller holds the lock and has
     * checked that the stack is UPDATE_IN_PROGRESS).
     */
    public void cancelUpdate(StackRecord stack) {
        stack.updateCancelled = true;
        if (stack.cancelUpdate != null) {
            stack.cancelUpdate.run();
        }
    }

    /**
     * RollbackStack: a stack left CREATE_FAILED or UPDATE_FAILED by DisableRollback rolls back to its last
     * stable state (the caller holds the lock and has checked the status).
     */
    public void rollBackFailed(StackRecord stack, Consumer<StackRecord> finished) {
        if (stack.status.equals("CREATE_FAILED")) {
            engine.stackStatus(stack, "ROLLBACK_IN_PROGRESS", "Rollback requested by user.");
            deleteResources(stack, true, Set.of(), ok -> engine.locked(() -> {
                engine.stackStatus(stack, ok ? "ROLLBACK_COMPLETE" : "ROLLBACK_FAILED", ok ? null
                        : "The following resource(s) failed to delete: " + failed(stack, "DELETE_FAILED") + ". ");
                finished.accept(stack);
            }));
            return;
        }
        rollBackPending(stack, "Rollback requested by user.", finished);
    }

    /**
     * A nested stack left UPDATE_FAILED by its own update rolls back as its parent's rollback reaches it, with
     * the reason it failed (the caller holds the lock).
     */
    void rollBackNested(StackRecord child, Consumer<StackRecord> finished) {
        rollBackPending(child, child.statusReason, finished);
    }

    /** Rolls back the update a stack left UPDATE_FAILED (the caller holds the lock). */
    private void rollBackPending(StackRecord stack, String reason, Consumer<StackRecord> finished) {
        PendingRollback pending = (PendingRollback) stack.pendingRollback;
        engine.stackStatus(stack, "UPDATE_ROLLBACK_IN_PROGRESS", reason);
        if (pending == null) {
            engine.stackStatus(stack, "UPDATE_ROLLBACK_COMPLETE", null);
            finished.accept(stack);
            return;
        }
        restore(stack, pending.before());
        rollBack(stack, pending, Set.of(), finished);
    }

    private void afterUpdate(StackRecord stack, StackScope scope, Before before, UpdateJournal journal,
            GraphRun.Outcome outcome, Consumer<StackRecord> finished) {
        String reason;
        boolean cancelled = stack.updateCancelled;
        stack.updateCancelled = false;
        stack.cancelUpdate = null;
        if (cancelled) {
            reason = "Stack update cancelled";
        } else if (outcome.ok()) {
            try {
                List<StackOutput> outputs = Outputs.resolve(stack, scope);
                reason = Outputs.exportConflict(stack, outputs, region(stack));
                if (reason == null) {
                    stack.outputs = outputs;
                    Outputs.publish(stack, outputs, region(stack));
                    cleanupUpdate(stack, before, journal, finished);
                    return;
                }
            } catch (RuntimeException e) {
                reason = e.getMessage();
            }
        } else {
            List<String> updateFailed = failed(stack, "UPDATE_FAILED");
            List<String> createFailed = failed(stack, "CREATE_FAILED");
            reason = !updateFailed.isEmpty() ? "The following resource(s) failed to update: " + updateFailed + ". "
                    : "The following resource(s) failed to create: " + createFailed + ". ";
        }
        if (stack.disableRollback && !cancelled) {
            stack.pendingRollback = new PendingRollback(before, journal, new ArrayList<>());
            engine.stackStatus(stack, "UPDATE_FAILED", reason);
            finished.accept(stack);
            return;
        }
        engine.stackStatus(stack, "UPDATE_ROLLBACK_IN_PROGRESS", reason);
        restore(stack, before);
        rollBack(stack, new PendingRollback(before, journal, new ArrayList<>()), Set.of(), finished);
    }

    private static void restore(StackRecord stack, Before before) {
        stack.templateBody = before.body();
        stack.template = before.template();
        stack.parameters = before.parameters();
        stack.conditions = before.conditions();
        stack.graph = before.graph();
        stack.imports = new java.util.TreeSet<>(before.imports());
        stack.outputs = before.outputs();
    }

    /** The update succeeded: delete what it removed and the old physical resources of replacements. */
    private void cleanupUpdate(StackRecord stack, Before before, UpdateJournal journal, Consumer<StackRecord> finished) {
        engine.stackStatus(stack, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null);
        Set<String> removed = new LinkedHashSet<>(stack.resources.keySet());
        removed.removeAll(stack.graph.keySet());
        List<ResourceSteps.Snapshot> replaced = new ArrayList<>();
        journal.steps.stream().filter(s -> s.kind().equals("replaced")).forEach(s -> replaced.add(s.before()));
        // Replacements happened dependencies first; the old resources go dependants first (an old analysis
        // before the old path it analysed), as a stack's deletion orders them.
        java.util.Collections.reverse(replaced);
        engine.workers().execute(() -> deleteOneByOne(stack, replaced,
                old -> old.definition() == null ? "Delete" : old.definition().path("UpdateReplacePolicy").asText("Delete"))
                .thenRun(() -> deleteRemoved(stack, removed, () -> engine.locked(() -> {
                    engine.stackStatus(stack, "UPDATE_COMPLETE", null);
                    finished.accept(stack);
                }))));
    }

    /**
     * Deletes the physical resources replacements left behind, one after another, each when the one before it is
     * done (no thread waits for a handler). A failure leaves that resource and goes on, as AWS leaves a physical
     * resource its cleanup cannot delete and completes the operation.
     */
    private CompletableFuture<Void> deleteOneByOne(StackRecord stack, List<ResourceSteps.Snapshot> olds,
            java.util.function.Function<ResourceSteps.Snapshot, String> policy) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (ResourceSteps.Snapshot old : olds) {
            chain = chain.thenCompose(v -> steps.deleteReplaced(stack, old, policy.apply(old))
                    .exceptionally(leftBehind -> null));
        }
        return chain;
    }

    /** Deletes the resources an update removed (dependants first), then forgets them; failures are left. */
    private void deleteRemoved(StackRecord stack, Set<String> removed, Runnable then) {
        if (removed.isEmpty()) {
            then.run();
            return;
        }
        Map<String, Set<String>> graph = new LinkedHashMap<>();
        engine.locked(() -> removed.forEach(id -> graph.put(id,
                dependencies(stack.resources.get(id).definition, removed))));
        new GraphRun(GraphRun.reversed(graph), id -> {
            ResourceRecord r = stack.resources.get(id);
            return steps.delete(stack, r, r.deletionPolicy()).thenRun(() -> engine.locked(() ->
                    stack.resources.remove(id)));
        }, engine.workers(), outcome -> then.run()).start();
    }

    /**
     * Puts back what the update changed, newest first, skipping {@code skip} (ContinueUpdateRollback's
     * ResourcesToSkip); then deletes what the update created.
     */
    private void rollBack(StackRecord stack, PendingRollback pending, Set<String> skip, Consumer<StackRecord> finished) {
        engine.workers().execute(() -> {
            List<UpdateJournal.Step> todo;
            synchronized (pending.journal()) {
                todo = new ArrayList<>(pending.journal().steps);
            }
            Collections.reverse(todo);
            revertFrom(stack, pending, skip, todo.iterator(), finished);
        });
    }

    /**
     * Reverts the journal's steps one after another, each when the one before it is done: a resource whose
     * handler answers later (a nested stack rolling back) holds no thread meanwhile. A failed revert ends the
     * rollback as {@code UPDATE_ROLLBACK_FAILED}; after the last one, the cleanup.
     */
    private void revertFrom(StackRecord stack, PendingRollback pending, Set<String> skip,
            java.util.Iterator<UpdateJournal.Step> todo, Consumer<StackRecord> finished) {
        while (todo.hasNext()) {
            UpdateJournal.Step step = todo.next();
            ResourceSteps.Snapshot before = step.before();
            CompletableFuture<ResourceSteps.Snapshot> reverted;
            try {
                if (skip.contains(before.logicalId())) {
                    engine.locked(() -> {
                        ResourceRecord r = stack.resources.get(before.logicalId());
                        before.restore(r);
                        r.definition = before.definition();
                        engine.resourceStatus(stack, r, "UPDATE_COMPLETE", null);
                    });
                    reverted = CompletableFuture.completedFuture(null);
                } else {
                    reverted = steps.revert(stack, before, step.kind());
                }
            } catch (RuntimeException e) {
                reverted = CompletableFuture.failedFuture(e);
            }
            if (!reverted.isDone()) {
                reverted.whenComplete((fresh, error) -> {
                    if (recordRevert(stack, pending, step, fresh, error, finished)) {
                        revertFrom(stack, pending, skip, todo, finished);
                    }
                });
                return;
            }
            ResourceSteps.Snapshot fresh = reverted.isCompletedExceptionally() ? null : reverted.join();
            Throwable error = reverted.isCompletedExceptionally() ? reverted.handle((v, t) -> t).join() : null;
            if (!recordRevert(stack, pending, step, fresh, error, finished)) {
                return;
            }
        }
        engine.locked(() -> {
            stack.pendingRollback = null;
            engine.stackStatus(stack, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", null);
        });
        deleteOneByOne(stack, pending.cleanup(), fresh -> "Delete").thenRun(() -> {
            Set<String> created = new LinkedHashSet<>();
            engine.locked(() -> stack.resources.keySet().stream()
                    .filter(id -> !pending.before().resources().contains(id)).forEach(created::add));
            deleteRemoved(stack, created, () -> engine.locked(() -> {
                engine.stackStatus(stack, "UPDATE_ROLLBACK_COMPLETE", null);
                finished.accept(stack);
            }));
        });
    }

    /** Records one revert's outcome; false when it failed and the rollback stopped there. */
    private boolean recordRevert(StackRecord stack, PendingRollback pending, UpdateJournal.Step step,
            ResourceSteps.Snapshot fresh, Throwable error, Consumer<StackRecord> finished) {
        if (error != null) {
            engine.locked(() -> {
                stack.pendingRollback = pending;
                engine.stackStatus(stack, "UPDATE_ROLLBACK_FAILED", "The following resource(s) failed to"
                        + " update: [" + step.before().logicalId() + "]. ");
                finished.accept(stack);
            });
            return false;
        }
        if (fresh != null) {
            pending.cleanup().add(fresh);
        }
        engine.locked(() -> pending.journal().steps.remove(step));
        return true;
    }

    /**
     * An update the stack policy denies: it starts, the resource fails with the policy's message, and the
     * stack rolls back with nothing changed (the caller holds the lock).
     */
    public void denied(StackRecord stack, String logicalId, String message, Consumer<StackRecord> finished) {
        stack.lastUpdatedTime = engine.context().clock().now();
        engine.stackStatus(stack, "UPDATE_IN_PROGRESS", "User Initiated");
        engine.workers().execute(() -> engine.locked(() -> {
            ResourceRecord r = stack.resources.get(logicalId);
            engine.resourceStatus(stack, r, "UPDATE_FAILED", message);
            engine.stackStatus(stack, "UPDATE_ROLLBACK_IN_PROGRESS", "The following resource(s) failed to update: ["
                    + logicalId + "]. ");
            engine.resourceStatus(stack, r, "UPDATE_COMPLETE", null);
            engine.stackStatus(stack, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", null);
            engine.stackStatus(stack, "UPDATE_ROLLBACK_COMPLETE", null);
            finished.accept(stack);
        }));
    }

    /** ContinueUpdateRollback: resumes a failed update rollback (the caller holds the lock and checked the status). */
    public void continueRollback(StackRecord stack, Set<String> skip, Consumer<StackRecord> finished) {
        PendingRollback pending = (PendingRollback) stack.pendingRollback;
        engine.stackStatus(stack, "UPDATE_ROLLBACK_IN_PROGRESS", null);
        if (pending == null) {
            engine.stackStatus(stack, "UPDATE_ROLLBACK_COMPLETE", null);
            finished.accept(stack);
            return;
        }
        rollBack(stack, pending, skip, finished);
    }
}
