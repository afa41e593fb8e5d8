package io.gureum.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.intrinsic.Resolver;
import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.ResourceTag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One resource's create, update, replacement or delete with the events AWS records for it. Runs on a
 * worker: properties are resolved under the lock, the handler is called without it.
 */
public final class ResourceSteps {
    static final String INITIATED = "Resource creation Initiated";
    static final String REPLACING = "Requested update requires the creation of a new physical resource; hence"
            + " creating one.";

    private final Engine engine;

    ResourceSteps(Engine engine) {
        this.engine = engine;
    }

    /** Creates {@code logicalId} of the stack's template (status prefix CREATE), then awaits its CreationPolicy. */
    CompletableFuture<Void> create(StackRecord stack, String logicalId, StackScope scope) {
        JsonNode def = stack.template.resources().get(logicalId);
        ResourceRecord r = new ResourceRecord(logicalId, def.get("Type").asText());
        ResourceRequest[] request = new ResourceRequest[1];
        LiveAttributes.refresh(engine, this, stack, def);
        engine.locked(() -> {
            r.definition = def;
            r.nameSuffix = engine.nameSuffix();
            stack.resources.put(logicalId, r);
            engine.resourceStatus(stack, r, "CREATE_IN_PROGRESS", null);
            try {
                request[0] = request(stack, r, resolve(scope, def), null);
            } catch (RuntimeException e) {
                engine.resourceStatus(stack, r, "CREATE_FAILED", FailureReason.of(e, token(stack)));
                throw e;
            }
        });
        ResourceHandler handler = engine.handlers().find(r.type);
        return engine.pace().after(createCall(handler, request[0])).thenCompose(created -> {
            engine.locked(() -> {
                r.physicalId = created.physicalId();
                r.attributes = created.attributes();
                r.properties = request[0].properties();
                engine.resourceStatus(stack, r, "CREATE_IN_PROGRESS", INITIATED);
            });
            return creationPolicy(stack, r, def);
        }).whenComplete((v, error) -> engine.locked(() -> {
            if (error == null) {
                engine.resourceStatus(stack, r, "CREATE_COMPLETE", null);
            } else {
                engine.resourceStatus(stack, r, "CREATE_FAILED", FailureReason.of(error, token(stack)));
            }
        }));
    }

    /** A resource with {@code CreationPolicy.ResourceSignal} completes after Count SUCCESS signals (SignalResource). */
    private CompletableFuture<Void> creationPolicy(StackRecord stack, ResourceRecord r, JsonNode def) {
        JsonNode policy = def.path("CreationPolicy").path("ResourceSignal");
        if (policy.isMissingNode()) {
            return CompletableFuture.completedFuture(null);
        }
        int count = policy.path("Count").asInt(1);
        java.time.Duration timeout = java.time.Duration.parse(policy.path("Timeout").asText("PT5M"));
        return engine.signals().expect(signalKey(stack.stackId, r.logicalId), count, timeout,
                got -> "Failed to receive " + count + " resource signal(s) within the specified duration",
                s -> "Received FAILURE signal with UniqueId " + s.uniqueId()).thenAccept(x -> { });
    }

    /** The key of a resource's CreationPolicy signals. */
    public static String signalKey(String stackId, String logicalId) {
        return "resource:" + stackId + "/" + logicalId;
    }

    private static CompletableFuture<Created> createCall(ResourceHandler handler, ResourceRequest request) {
        try {
            return handler instanceof io.gureum.cloudformation.resource.AsyncResourceHandler a ? a.createAsync(request)
                    : CompletableFuture.completedFuture(handler.create(request));
        } catch (RuntimeException | LinkageError e) {
            // A LinkageError: a handler whose service's SDK model is missing from the build fails its resource.
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletableFuture<Created> updateCall(ResourceHandler handler, ResourceRequest request) {
        try {
            return handler instanceof io.gureum.cloudformation.resource.AsyncResourceHandler a ? a.updateAsync(request)
                    : CompletableFuture.completedFuture(handler.update(request));
        } catch (RuntimeException | LinkageError e) {
            // A LinkageError: a handler whose service's SDK model is missing from the build fails its resource.
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletableFuture<Created> revertCall(ResourceHandler handler, ResourceRequest request) {
        try {
            return handler instanceof io.gureum.cloudformation.resource.AsyncResourceHandler a ? a.revertAsync(request)
                    : CompletableFuture.completedFuture(handler.update(request));
        } catch (RuntimeException | LinkageError e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletableFuture<Void> deleteCall(ResourceHandler handler, ResourceRequest request) {
        try {
            if (handler instanceof io.gureum.cloudformation.resource.AsyncResourceHandler a) {
                return a.deleteAsync(request);
            }
            handler.delete(request);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException | LinkageError e) {
            // A LinkageError: a handler whose service's SDK model is missing from the build fails its resource.
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Brings an existing resource to the new template's definition: nothing when its resolved properties
     * did not change, an update in place, or a replacement whose old physical resource the journal keeps
     * for the cleanup.
     */
    CompletableFuture<Void> update(StackRecord stack, String logicalId, StackScope scope, UpdateJournal journal) {
        JsonNode def = stack.template.resources().get(logicalId);
        ResourceRecord r = stack.resources.get(logicalId);
        ResourceRequest[] request = new ResourceRequest[1];
        boolean[] unchanged = new boolean[1];
        Snapshot[] before = new Snapshot[1];
        LiveAttributes.refresh(engine, this, stack, def);
        engine.locked(() -> {
            before[0] = Snapshot.of(r);
            JsonNode props;
            try {
                props = resolve(scope, def);
            } catch (RuntimeException e) {
                engine.resourceStatus(stack, r, "UPDATE_FAILED", FailureReason.of(e, token(stack)));
                throw e;
            }
            JsonNode oldDef = r.definition;
            r.definition = def;
            if (Objects.equals(props, r.properties)) {
                unchanged[0] = true;
                if (!Objects.equals(metadata(oldDef), metadata(def))) {
                    engine.resourceStatus(stack, r, "UPDATE_IN_PROGRESS", null);
                    engine.resourceStatus(stack, r, "UPDATE_COMPLETE", null);
                }
                return;
            }
            request[0] = request(stack, r, props, r.properties);
        });
        if (unchanged[0]) {
            return CompletableFuture.completedFuture(null);
        }
        ResourceHandler handler = engine.handlers().find(r.type);
        if (handler.requiresReplacement(request[0])) {
            ResourceRequest fresh = new ResourceRequest(r.logicalId, r.type, request[0].properties(), null, null,
                    Map.of(), request[0].stack(), request[0].caller(), request[0].clients(), request[0].tags(),
                    engine.nameSuffix(), request[0].requestToken());
            engine.locked(() -> engine.resourceStatus(stack, r, "UPDATE_IN_PROGRESS", REPLACING));
            return engine.pace().after(createCall(handler, fresh)).whenComplete((created, error) -> engine.locked(() -> {
                if (error != null) {
                    engine.resourceStatus(stack, r, "UPDATE_FAILED", FailureReason.of(error, token(stack)));
                    return;
                }
                journal.replaced(before[0]);
                r.physicalId = created.physicalId();
                r.attributes = created.attributes();
                r.properties = fresh.properties();
                r.nameSuffix = fresh.nameSuffix();
                engine.resourceStatus(stack, r, "UPDATE_IN_PROGRESS", INITIATED);
                engine.resourceStatus(stack, r, "UPDATE_COMPLETE", null);
            })).thenAccept(x -> { });
        }
        engine.locked(() -> engine.resourceStatus(stack, r, "UPDATE_IN_PROGRESS", null));
        return engine.pace().after(updateCall(handler, request[0])).whenComplete((updated, error) -> engine.locked(() -> {
            if (error != null) {
                engine.resourceStatus(stack, r, "UPDATE_FAILED", FailureReason.of(error, token(stack)));
                // The handler may have changed part of the resource before it failed. AWS's rollback updates the
                // failed resource back to its previous properties too: from the ones attempted, so every property
                // the failed update touched is set again.
                r.properties = request[0].properties();
                journal.failed(before[0]);
                return;
            }
            if (updated.physicalId().equals(before[0].physicalId())) {
                journal.updated(before[0]);
            } else {
                // A new physical id from an update (a custom resource's answer) replaces the resource.
                journal.replaced(before[0]);
                r.physicalId = updated.physicalId();
            }
            r.attributes = updated.attributes();
            r.properties = request[0].properties();
            engine.resourceStatus(stack, r, "UPDATE_COMPLETE", null);
        })).thenAccept(x -> { });
    }

    /**
     * Puts an updated resource back to {@code before} (update rollback; {@code kind} is the journal step's: updated,
     * failed or replaced); a replacement just points back,
     * and its new physical resource is the future's value, for the cleanup (null otherwise). No thread waits
     * for the handler: a nested stack's revert completes the future when its own rollback ends.
     */
    CompletableFuture<Snapshot> revert(StackRecord stack, Snapshot before, String kind) {
        ResourceRecord r = stack.resources.get(before.logicalId());
        if (kind.equals("replaced")) {
            Snapshot[] fresh = new Snapshot[1];
            engine.locked(() -> {
                fresh[0] = Snapshot.of(r);
                engine.resourceStatus(stack, r, "UPDATE_IN_PROGRESS", null);
                before.restore(r);
                r.definition = before.definition();
                engine.resourceStatus(stack, r, "UPDATE_COMPLETE", null);
            });
            return CompletableFuture.completedFuture(fresh[0]);
        }
        ResourceRequest[] request = new ResourceRequest[1];
        ResourceHandler handler;
        try {
            engine.locked(() -> {
                request[0] = request(stack, r, before.properties(), r.properties);
                engine.resourceStatus(stack, r, "UPDATE_IN_PROGRESS", null);
            });
            handler = engine.handlers().find(r.type);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Created> call = revertCall(handler, request[0]);
        if (kind.equals("failed") && !(handler instanceof NestedStackHandler)) {
            // Reverting from the attempted properties assumes the failed update made all of them; a handler that
            // then removes what was never made fails (a rule EC2 refused to add is not there to revoke). Such a
            // failure means the update got no further than that: the resource is as before.
            call = call.exceptionally(notThere -> null);
        }
        return call.handle((back, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                engine.locked(() -> engine.resourceStatus(stack, r, "UPDATE_FAILED",
                        FailureReason.of(cause, token(stack))));
                throw cause instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(cause);
            }
            engine.locked(() -> {
                before.restore(r);
                r.definition = before.definition();
                if (back != null) {
                    r.attributes = back.attributes();
                }
                engine.resourceStatus(stack, r, "UPDATE_COMPLETE", null);
            });
            return null;
        });
    }

    /**
     * Deletes a resource, or skips it under {@code policy} Retain; snapshots it first under Snapshot. A
     * resource that never got a physical id is marked deleted.
     */
    CompletableFuture<Void> delete(StackRecord stack, ResourceRecord r, String policy) {
        if (policy.equals("Retain") || policy.equals("RetainExceptOnCreate")) {
            engine.locked(() -> engine.resourceStatus(stack, r, "DELETE_SKIPPED", null));
            return CompletableFuture.completedFuture(null);
        }
        ResourceRequest[] request = new ResourceRequest[1];
        engine.locked(() -> {
            engine.resourceStatus(stack, r, "DELETE_IN_PROGRESS", null);
            if (r.physicalId != null) {
                request[0] = request(stack, r, r.properties, null);
            }
        });
        if (request[0] == null) {
            engine.locked(() -> engine.resourceStatus(stack, r, "DELETE_COMPLETE", null));
            return CompletableFuture.completedFuture(null);
        }
        ResourceHandler handler = engine.handlers().find(r.type);
        CompletableFuture<Void> work;
        try {
            if (policy.equals("Snapshot") && handler.snapshots()) {
                handler.snapshot(request[0]);
            }
            work = deleteCall(handler, request[0]);
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        return engine.pace().after(work).whenComplete((v, error) -> engine.locked(() -> engine.resourceStatus(stack, r,
                error == null ? "DELETE_COMPLETE" : "DELETE_FAILED",
                error == null ? null : FailureReason.of(error, token(stack)))));
    }


    /**
     * Deletes the physical resource a replacement left behind (cleanup), honouring UpdateReplacePolicy; the
     * future completes when the handler is done, exceptionally if it failed.
     */
    CompletableFuture<Void> deleteReplaced(StackRecord stack, Snapshot old, String policy) {
        try {
            ResourceRecord ghost = new ResourceRecord(old.logicalId(), old.type());
            old.restore(ghost);
            ghost.definition = old.definition();
            return delete(stack, ghost, policy);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static JsonNode resolve(StackScope scope, JsonNode def) {
        JsonNode props = def.get("Properties");
        if (props == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode v = new Resolver(scope).resolve(props);
        return v == null ? JsonNodeFactory.instance.objectNode() : v;
    }

    private static JsonNode metadata(JsonNode def) {
        return def == null ? null : def.get("Metadata");
    }

    ResourceRequest request(StackRecord stack, ResourceRecord r, JsonNode props, JsonNode previous) {
        List<ResourceTag> tags = new ArrayList<>();
        tags.add(new ResourceTag(ResourceRequest.STACK_NAME_TAG, stack.stackName));
        tags.add(new ResourceTag(ResourceRequest.STACK_ID_TAG, stack.stackId));
        tags.add(new ResourceTag(ResourceRequest.LOGICAL_ID_TAG, r.logicalId));
        tags.addAll(stack.tags);
        return new ResourceRequest(r.logicalId, r.type, props, previous, r.physicalId, r.attributes,
                new ResourceRequest.Stack(stack.stackName, stack.stackId, stack.accountId, stack.region),
                engine.callerOf(stack), engine.context().clients(), tags, r.nameSuffix, token(stack));
    }

    private static String token(StackRecord stack) {
        return stack.clientRequestToken == null ? stack.stackId.substring(stack.stackId.lastIndexOf('/') + 1)
                : stack.clientRequestToken;
    }

    /** A resource's recorded state before an update, to roll back to or clean up after. */
    record Snapshot(String logicalId, String type, String physicalId, JsonNode properties,
            Map<String, JsonNode> attributes, String nameSuffix, JsonNode definition) {
        static Snapshot of(ResourceRecord r) {
            return new Snapshot(r.logicalId, r.type, r.physicalId, r.properties, r.attributes, r.nameSuffix,
                    r.definition);
        }

        void restore(ResourceRecord r) {
            r.physicalId = physicalId;
            r.properties = properties;
            r.attributes = attributes;
            r.nameSuffix = nameSuffix;
        }
    }
}
