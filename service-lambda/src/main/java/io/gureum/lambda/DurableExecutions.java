package io.gureum.lambda;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.Arn;
import io.gureum.core.spi.AsyncResponse;
import io.gureum.core.spi.ServiceContext;
import io.gureum.lambda.runtime.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CallbackTimeoutException;
import software.amazon.awssdk.services.lambda.model.CheckpointDurableExecutionRequest;
import software.amazon.awssdk.services.lambda.model.CheckpointDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.DurableConfig;
import software.amazon.awssdk.services.lambda.model.DurableExecutionAlreadyStartedException;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventError;
import software.amazon.awssdk.services.lambda.model.EventInput;
import software.amazon.awssdk.services.lambda.model.EventResult;
import software.amazon.awssdk.services.lambda.model.Execution;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionHistoryRequest;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionHistoryResponse;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionRequest;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionStateRequest;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionStateResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ListDurableExecutionsByFunctionRequest;
import software.amazon.awssdk.services.lambda.model.ListDurableExecutionsByFunctionResponse;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationStatus;
import software.amazon.awssdk.services.lambda.model.SendDurableExecutionCallbackFailureRequest;
import software.amazon.awssdk.services.lambda.model.SendDurableExecutionCallbackFailureResponse;
import software.amazon.awssdk.services.lambda.model.SendDurableExecutionCallbackHeartbeatRequest;
import software.amazon.awssdk.services.lambda.model.SendDurableExecutionCallbackHeartbeatResponse;
import software.amazon.awssdk.services.lambda.model.SendDurableExecutionCallbackSuccessRequest;
import software.amazon.awssdk.services.lambda.model.SendDurableExecutionCallbackSuccessResponse;
import software.amazon.awssdk.services.lambda.model.StopDurableExecutionRequest;
import software.amazon.awssdk.services.lambda.model.StopDurableExecutionResponse;

/**
 * Provider of the durable execution operations (https://docs.aws.amazon.com/lambda/latest/dg/durable-functions.html):
 * starting executions from Invoke, the checkpoint and state APIs the durable execution SDKs call, callbacks, and
 * GetDurableExecution/History, ListDurableExecutionsByFunction and StopDurableExecution. The loop itself is the
 * {@link DurableEngine}'s.
 */
final class DurableExecutions {
    /** "RetentionPeriodInDays … (optional, default: 14)" (AWS::Lambda::Function DurableConfig). */
    static final int DEFAULT_RETENTION_DAYS = 14;

    private final ServiceContext context;
    private final FunctionLookup lookup;
    private final Invoker invoker;
    private final DurableEngine engine;
    private final DurableCheckpoints checkpoints;

    DurableExecutions(ServiceContext context, FunctionLookup lookup, Invoker invoker, DurableEngine engine) {
        this.context = context;
        this.lookup = lookup;
        this.invoker = invoker;
        this.engine = engine;
        this.checkpoints = new DurableCheckpoints(engine, this::chainedInvoke);
    }

    DurableCheckpoints checkpoints() {
        return checkpoints;
    }

    /**
     * CreateFunction's DurableConfig: "ExecutionTimeout – Required" (durable-configuration.html); the ranges are the
     * model's and checked by core.
     */
    static DurableConfig config(DurableConfig c) {
        if (c == null) {
            return null;
        }
        if (c.executionTimeout() == null) {
            throw LambdaErrors.invalidParameter("DurableConfig.ExecutionTimeout is required.");
        }
        return c.retentionPeriodInDays() != null ? c : c.toBuilder().retentionPeriodInDays(DEFAULT_RETENTION_DAYS).build();
    }

    /**
     * UpdateFunctionConfiguration's DurableConfig: "You can only enable durable execution when creating a function.
     * You cannot enable it on existing functions." (durable-configuration.html).
     */
    static DurableConfig update(DurableConfig old, DurableConfig requested) {
        if (requested == null) {
            return old;
        }
        if (old == null) {
            throw LambdaErrors.invalidParameter("Durable execution can only be enabled when the function is created.");
        }
        return config(requested.toBuilder().executionTimeout(requested.executionTimeout() != null
                ? requested.executionTimeout() : old.executionTimeout())
                .retentionPeriodInDays(requested.retentionPeriodInDays() != null ? requested.retentionPeriodInDays()
                        : old.retentionPeriodInDays()).build());
    }

    // ---- Invoke -------------------------------------------------------------------------------

    /**
     * Invoke of a durable function starts an execution (durable-invoking.html): Event answers 202 at once,
     * RequestResponse when the whole execution has ended; both carry {@code X-Amz-Durable-Execution-Arn}. A name
     * already used starts nothing: a running execution with the same input is attached to, anything else is
     * DurableExecutionAlreadyStartedException (durable-execution-idempotency.html).
     */
    InvokeResponse invoke(FunctionLookup.Resolved r, FunctionVersion v, byte[] payload, String name, boolean event) {
        LambdaStore store = lookup.stores().get(r.function().account, r.function().region);
        String input = payload.length == 0 ? "{}" : new String(payload, StandardCharsets.UTF_8);
        DurableExecution e;
        synchronized (store.durableExecutions) {
            purge(store);
            DurableExecution existing = name == null ? null : byName(store, name);
            if (existing != null) {
                synchronized (existing) {
                    if (!existing.running() || !existing.input.equals(input)) {
                        throw ModeledErrors.of(DurableExecutionAlreadyStartedException.class,
                                "Durable execution with name " + name + " already exists.");
                    }
                }
                e = existing;
            } else {
                e = engine.start(store, r.function(), v, name, input);
            }
        }
        if (event) {
            return InvokeResponse.builder().statusCode(202).durableExecutionArn(e.arn).build();
        }
        CompletableFuture<DurableExecution> ended = new CompletableFuture<>();
        synchronized (e) {
            if (e.running()) {
                e.waiting.add(ended);
            } else {
                ended.complete(e);
            }
        }
        return AsyncResponse.later(ended.thenApply(x -> syncAnswer(x, v)));
    }

    private static InvokeResponse syncAnswer(DurableExecution e, FunctionVersion v) {
        InvokeResponse.Builder b = InvokeResponse.builder().statusCode(200).executedVersion(v.version())
                .durableExecutionArn(e.arn);
        synchronized (e) {
            if (e.status.equals("SUCCEEDED")) {
                return b.payload(SdkBytes.fromUtf8String(e.result == null ? "" : e.result)).build();
            }
            var n = LambdaJson.MAPPER.createObjectNode();
            n.put("errorType", e.error == null || e.error.errorType() == null ? e.status : e.error.errorType());
            n.put("errorMessage", e.error == null || e.error.errorMessage() == null ? "Durable execution " + e.status
                    : e.error.errorMessage());
            return b.functionError("Unhandled").payload(SdkBytes.fromUtf8String(n.toString())).build();
        }
    }

    private static DurableExecution byName(LambdaStore store, String name) {
        for (DurableExecution e : store.durableExecutions.values()) {
            if (e.name.equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** Executions past their retention are gone ("The history is available … for a retention period"). */
    private void purge(LambdaStore store) {
        Instant now = engine.now();
        store.durableExecutions.values().removeIf(e -> {
            synchronized (e) {
                return e.expired(now);
            }
        });
    }

    // ---- the API ------------------------------------------------------------------------------

    public CheckpointDurableExecutionResponse checkpointDurableExecution(CheckpointDurableExecutionRequest r) {
        DurableExecution e = find(r.durableExecutionArn());
        if (e == null) {
            throw LambdaErrors.invalidParameter("Durable execution not found: " + r.durableExecutionArn());
        }
        return checkpoints.checkpoint(e, r);
    }

    public GetDurableExecutionStateResponse getDurableExecutionState(GetDurableExecutionStateRequest r) {
        DurableExecution e = find(r.durableExecutionArn());
        if (e == null) {
            throw LambdaErrors.invalidParameter("Durable execution not found: " + r.durableExecutionArn());
        }
        int size = r.maxItems() == null || r.maxItems() == 0 ? 100 : r.maxItems();
        int start = Pages.start(r.marker());
        synchronized (e) {
            if (e.token == null || !e.token.equals(r.checkpointToken())) {
                throw LambdaErrors.invalidParameter("Invalid checkpoint token.");
            }
            List<Operation> all = new ArrayList<>(e.operations.values());
            int end = Math.min(all.size(), start + size);
            return GetDurableExecutionStateResponse.builder()
                    .operations(start >= all.size() ? List.of() : all.subList(start, end))
                    .nextMarker(end < all.size() ? Pages.marker(end) : null).build();
        }
    }

    public GetDurableExecutionResponse getDurableExecution(GetDurableExecutionRequest r) {
        DurableExecution e = require(r.durableExecutionArn());
        synchronized (e) {
            return GetDurableExecutionResponse.builder().durableExecutionArn(e.arn).durableExecutionName(e.name)
                    .functionArn(e.functionArn).inputPayload(e.input).result(e.result).error(e.error)
                    .startTimestamp(e.started).status(e.status).endTimestamp(e.ended).version(e.version).build();
        }
    }

    public GetDurableExecutionHistoryResponse getDurableExecutionHistory(GetDurableExecutionHistoryRequest r) {
        DurableExecution e = require(r.durableExecutionArn());
        boolean data = r.includeExecutionData() == null || r.includeExecutionData();
        int size = r.maxItems() == null || r.maxItems() == 0 ? 100 : r.maxItems();
        int start = Pages.start(r.marker());
        List<Event> all;
        synchronized (e) {
            all = new ArrayList<>(e.events);
        }
        if (Boolean.TRUE.equals(r.reverseOrder())) {
            Collections.reverse(all);
        }
        int end = Math.min(all.size(), start + size);
        List<Event> page = start >= all.size() ? List.of() : all.subList(start, end);
        return GetDurableExecutionHistoryResponse.builder()
                .events(data ? page : page.stream().map(DurableExecutions::withoutData).toList())
                .nextMarker(end < all.size() ? Pages.marker(end) : null).build();
    }

    /** IncludeExecutionData=false: the events without inputs, results and error payloads. */
    private static Event withoutData(Event ev) {
        EventInput noInput = EventInput.builder().build();
        EventResult noResult = EventResult.builder().build();
        EventError noError = EventError.builder().build();
        Event.Builder b = ev.toBuilder();
        if (ev.executionStartedDetails() != null) {
            b.executionStartedDetails(ev.executionStartedDetails().toBuilder().input(noInput).build());
        }
        if (ev.executionSucceededDetails() != null) {
            b.executionSucceededDetails(ev.executionSucceededDetails().toBuilder().result(noResult).build());
        }
        if (ev.executionFailedDetails() != null) {
            b.executionFailedDetails(ev.executionFailedDetails().toBuilder().error(noError).build());
        }
        if (ev.stepSucceededDetails() != null) {
            b.stepSucceededDetails(ev.stepSucceededDetails().toBuilder().result(noResult).build());
        }
        if (ev.stepFailedDetails() != null) {
            b.stepFailedDetails(ev.stepFailedDetails().toBuilder().error(noError).build());
        }
        if (ev.contextSucceededDetails() != null) {
            b.contextSucceededDetails(ev.contextSucceededDetails().toBuilder().result(noResult).build());
        }
        if (ev.callbackSucceededDetails() != null) {
            b.callbackSucceededDetails(ev.callbackSucceededDetails().toBuilder().result(noResult).build());
        }
        if (ev.chainedInvokeStartedDetails() != null) {
            b.chainedInvokeStartedDetails(ev.chainedInvokeStartedDetails().toBuilder().input(noInput).build());
        }
        if (ev.chainedInvokeSucceededDetails() != null) {
            b.chainedInvokeSucceededDetails(ev.chainedInvokeSucceededDetails().toBuilder().result(noResult).build());
        }
        return b.build();
    }

    public ListDurableExecutionsByFunctionResponse listDurableExecutionsByFunction(
            ListDurableExecutionsByFunctionRequest r) {
        FunctionLookup.Resolved fn = lookup.resolve(r.functionName(), r.qualifier());
        LambdaStore store = lookup.stores().get(fn.function().account, fn.function().region);
        String version = fn.version().version();
        List<String> statuses = r.hasStatuses() ? r.statusesAsStrings() : List.of();
        List<Execution> found = new ArrayList<>();
        synchronized (store.durableExecutions) {
            purge(store);
        }
        for (DurableExecution e : store.durableExecutions.values()) {
            synchronized (e) {
                if (!e.functionName.equals(fn.function().name) || !e.version.equals(version)
                        || r.durableExecutionName() != null && !e.name.equals(r.durableExecutionName())
                        || !statuses.isEmpty() && !statuses.contains(e.status)
                        || r.startedAfter() != null && !e.started.isAfter(r.startedAfter())
                        || r.startedBefore() != null && !e.started.isBefore(r.startedBefore())) {
                    continue;
                }
                found.add(Execution.builder().durableExecutionArn(e.arn).durableExecutionName(e.name)
                        .functionArn(e.functionArn).status(e.status).startTimestamp(e.started).endTimestamp(e.ended)
                        .build());
            }
        }
        Comparator<Execution> byStart = Comparator.comparing(Execution::startTimestamp)
                .thenComparing(Execution::durableExecutionArn);
        found.sort(Boolean.TRUE.equals(r.reverseOrder()) ? byStart.reversed() : byStart);
        int size = r.maxItems() == null || r.maxItems() == 0 ? 100 : r.maxItems();
        int start = Pages.start(r.marker());
        int end = Math.min(found.size(), start + size);
        return ListDurableExecutionsByFunctionResponse.builder()
                .durableExecutions(start >= found.size() ? List.of() : found.subList(start, end))
                .nextMarker(end < found.size() ? Pages.marker(end) : null).build();
    }

    /** "The execution transitions to STOPPED status and cannot be resumed." */
    public StopDurableExecutionResponse stopDurableExecution(StopDurableExecutionRequest r) {
        DurableExecution e = require(r.durableExecutionArn());
        List<CompletableFuture<DurableExecution>> done;
        Instant stopped;
        synchronized (e) {
            if (!e.running()) {
                throw LambdaErrors.invalidParameter("Durable execution " + e.arn + " is not running: it is "
                        + e.status + ".");
            }
            ErrorObject error = r.error() != null ? r.error() : ErrorObject.builder().build();
            done = engine.close(e, "STOPPED", null, error);
            stopped = e.ended;
        }
        engine.finished(e, done);
        return StopDurableExecutionResponse.builder().stopTimestamp(stopped).build();
    }

    public SendDurableExecutionCallbackSuccessResponse sendDurableExecutionCallbackSuccess(
            SendDurableExecutionCallbackSuccessRequest r) {
        String result = r.result() == null ? null : r.result().asUtf8String();
        callback(r.callbackId(), (e, id) -> checkpoints.closeCallback(e, id, OperationStatus.SUCCEEDED,
                result == null ? "" : result, null));
        return SendDurableExecutionCallbackSuccessResponse.builder().build();
    }

    public SendDurableExecutionCallbackFailureResponse sendDurableExecutionCallbackFailure(
            SendDurableExecutionCallbackFailureRequest r) {
        ErrorObject error = r.error() != null ? r.error() : ErrorObject.builder().build();
        callback(r.callbackId(), (e, id) -> checkpoints.closeCallback(e, id, OperationStatus.FAILED, null, error));
        return SendDurableExecutionCallbackFailureResponse.builder().build();
    }

    /** Moves the heartbeat deadline of a callback with a heartbeat timeout; a callback without one just stays open. */
    public SendDurableExecutionCallbackHeartbeatResponse sendDurableExecutionCallbackHeartbeat(
            SendDurableExecutionCallbackHeartbeatRequest r) {
        DurableExecution e = callbackExecution(r.callbackId());
        String id = DurableCheckpoints.parseCallbackId(r.callbackId())[1];
        synchronized (e) {
            openCallback(e, id);
            Integer seconds = e.heartbeatSeconds.get(id);
            if (seconds != null) {
                e.heartbeatDue.put(id, engine.now().plusSeconds(seconds));
            }
        }
        return SendDurableExecutionCallbackHeartbeatResponse.builder().build();
    }

    private interface CallbackClose {
        void close(DurableExecution e, String opId);
    }

    private void callback(String callbackId, CallbackClose close) {
        DurableExecution e = callbackExecution(callbackId);
        String id = DurableCheckpoints.parseCallbackId(callbackId)[1];
        synchronized (e) {
            openCallback(e, id);
            close.close(e, id);
        }
        engine.replay(e);
    }

    private DurableExecution callbackExecution(String callbackId) {
        String[] parts = DurableCheckpoints.parseCallbackId(callbackId);
        DurableExecution e = parts == null ? null : find(parts[0]);
        if (e == null) {
            throw LambdaErrors.invalidParameter("Invalid callback ID: " + callbackId);
        }
        return e;
    }

    /**
     * CallbackTimeoutException: "The callback ID token has either expired or the callback associated with the token has
     * already been closed."
     */
    private static void openCallback(DurableExecution e, String id) {
        Operation op = e.operations.get(id);
        if (op == null || !op.typeAsString().equals("CALLBACK")) {
            throw LambdaErrors.invalidParameter("Invalid callback ID.");
        }
        if (!e.running() || op.status() != OperationStatus.STARTED) {
            throw ModeledErrors.of(CallbackTimeoutException.class, "The callback ID token has either expired or the "
                    + "callback associated with the token has already been closed.");
        }
    }

    // ---- chained invocations ------------------------------------------------------------------

    /**
     * CHAINED_INVOKE: Lambda invokes the named function (a durable one as a durable execution of its own) and hands
     * its result to the waiting execution. Resolved in the execution's account and region.
     */
    private void chainedInvoke(DurableExecution e, String opId, String functionName, String payload) {
        Arn arn = Arn.parse(e.arn);
        LambdaStore store = lookup.stores().get(arn.accountId(), arn.region());
        byte[] input = (payload == null || payload.isEmpty() ? "{}" : payload).getBytes(StandardCharsets.UTF_8);
        CompletableFuture<String[]> outcome;
        try {
            FunctionRef ref = FunctionRef.parse(functionName, null);
            LambdaFunction f = store.functions.get(ref.name());
            if (f == null || f.deleted) {
                throw LambdaErrors.functionNotFound(FunctionLookup.functionArn(arn.accountId(), arn.region(),
                        ref.name()));
            }
            FunctionVersion v = ref.qualifier() == null ? f.latest : f.version(ref.qualifier());
            if (v == null && ref.qualifier() != null && f.alias(ref.qualifier()) != null) {
                v = f.version(f.alias(ref.qualifier()).functionVersion());
            }
            if (v == null) {
                throw LambdaErrors.functionNotFound(f.arn + ":" + ref.qualifier());
            }
            if (v.durableConfig() != null) {
                DurableExecution child = engine.start(store, f, v, null, new String(input, StandardCharsets.UTF_8));
                CompletableFuture<DurableExecution> end = new CompletableFuture<>();
                synchronized (child) {
                    if (child.running()) {
                        child.waiting.add(end);
                    } else {
                        end.complete(child);
                    }
                }
                outcome = end.thenApply(c -> {
                    synchronized (c) {
                        return c.status.equals("SUCCEEDED") ? new String[] {c.result, null, null}
                                : new String[] {null, c.error == null ? c.status : c.error.errorType(),
                                        c.error == null ? null : c.error.errorMessage()};
                    }
                });
            } else {
                Invoker.acquire(f);
                outcome = invoker.run(f, v, f.arn + ":" + v.version(), input, context.ids().requestId(), null,
                        "RequestResponse").thenApply(DurableExecutions::result);
            }
        } catch (RuntimeException ex) {
            outcome = CompletableFuture.completedFuture(new String[] {null, ex.getClass().getSimpleName(),
                    ex.getMessage()});
        }
        outcome.exceptionally(ex -> new String[] {null, "Lambda.ServiceException", ex.getMessage()})
                .thenAccept(o -> {
                    synchronized (e) {
                        if (!e.running()) {
                            return;
                        }
                        checkpoints.closeChained(e, opId, o[0], o[1] == null && o[2] == null ? null
                                : ErrorObject.builder().errorType(o[1]).errorMessage(o[2]).build());
                    }
                    engine.recordNow();
                    engine.replay(e);
                });
    }

    private static String[] result(InvocationResult res) {
        String body = res.payload() == null ? "" : new String(res.payload(), StandardCharsets.UTF_8);
        if (res.functionError() == null) {
            return new String[] {body, null, null};
        }
        com.fasterxml.jackson.databind.JsonNode n;
        try {
            n = LambdaJson.MAPPER.readTree(body);
        } catch (java.io.IOException notJson) {
            n = null;
        }
        return new String[] {null, n == null ? res.functionError() : n.path("errorType").asText(res.functionError()),
                n == null ? body : n.path("errorMessage").asText(body)};
    }

    // ---- lookups ------------------------------------------------------------------------------

    /** The execution an ARN names (in the ARN's account and region), or null. */
    DurableExecution find(String arn) {
        Arn parsed;
        try {
            parsed = Arn.parse(arn);
        } catch (RuntimeException notAnArn) {
            return null;
        }
        LambdaStore store = lookup.stores().get(parsed.accountId(), parsed.region());
        DurableExecution e = store.durableExecutions.get(arn);
        if (e == null) {
            return null;
        }
        synchronized (e) {
            return e.expired(engine.now()) ? null : e;
        }
    }

    private DurableExecution require(String arn) {
        DurableExecution e = find(arn);
        if (e == null) {
            throw LambdaErrors.notFound("Durable execution not found: " + arn);
        }
        return e;
    }
}
