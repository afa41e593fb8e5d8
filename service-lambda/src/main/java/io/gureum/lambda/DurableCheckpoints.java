package io.gureum.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.lambda.model.CallbackDetails;
import software.amazon.awssdk.services.lambda.model.ChainedInvokeDetails;
import software.amazon.awssdk.services.lambda.model.CheckpointDurableExecutionRequest;
import software.amazon.awssdk.services.lambda.model.CheckpointDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.CheckpointUpdatedExecutionState;
import software.amazon.awssdk.services.lambda.model.ContextDetails;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.EventError;
import software.amazon.awssdk.services.lambda.model.EventInput;
import software.amazon.awssdk.services.lambda.model.EventResult;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationStatus;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;
import software.amazon.awssdk.services.lambda.model.RetryDetails;
import software.amazon.awssdk.services.lambda.model.StepDetails;
import software.amazon.awssdk.services.lambda.model.WaitDetails;

/**
 * CheckpointDurableExecution (https://docs.aws.amazon.com/lambda/latest/api/API_CheckpointDurableExecution.html):
 * applies a batch of operation updates atomically under the current checkpoint token and answers a new token with the
 * operations that changed (by this batch, and since the last checkpoint by waits, callbacks and chained invocations).
 * Also the completion of callbacks, waits and step retries on the clock.
 */
final class DurableCheckpoints {
    /** "Lambda uses this token to detect and handle duplicate requests within a 15-minute window." */
    private static final Duration CLIENT_TOKEN_WINDOW = Duration.ofMinutes(15);

    private final DurableEngine engine;
    private final ChainedInvokes chained;

    /** Starts a chained invocation and hands its outcome back (null result and error: it was stopped). */
    interface ChainedInvokes {
        void start(DurableExecution e, String opId, String functionName, String payload);
    }

    DurableCheckpoints(DurableEngine engine, ChainedInvokes chained) {
        this.engine = engine;
        this.chained = chained;
    }

    CheckpointDurableExecutionResponse checkpoint(DurableExecution e, CheckpointDurableExecutionRequest r) {
        List<CompletableFuture<DurableExecution>> done = List.of();
        List<Runnable> after = new ArrayList<>();
        CheckpointDurableExecutionResponse answer;
        synchronized (e) {
            Instant now = engine.now();
            e.clientTokens.values().removeIf(m -> m.at().plus(CLIENT_TOKEN_WINDOW).isBefore(now));
            if (r.clientToken() != null && e.clientTokens.containsKey(r.clientToken())) {
                return e.clientTokens.get(r.clientToken()).response();
            }
            if (!e.running()) {
                throw LambdaErrors.invalidParameter("Cannot checkpoint durable execution " + e.arn
                        + " because it is " + e.status + ".");
            }
            if (e.token == null || !e.token.equals(r.checkpointToken())) {
                throw LambdaErrors.invalidParameter("Invalid checkpoint token.");
            }
            List<OperationUpdate> updates = r.hasUpdates() ? r.updates() : List.of();
            validate(e, updates);
            Set<String> touched = new LinkedHashSet<>(e.changed);
            e.changed.clear();
            String executionResult = null;
            ErrorObject executionError = null;
            boolean executionEnds = false;
            for (OperationUpdate u : updates) {
                if (u.typeAsString().equals("EXECUTION")) {
                    executionEnds = true;
                    executionResult = u.action().toString().equals("SUCCEED") ? u.payload() : null;
                    executionError = u.action().toString().equals("FAIL") ? orUnknown(u.error()) : null;
                    continue;
                }
                apply(e, u, now, after);
                touched.add(u.id());
            }
            String token = engine.nextToken(e);
            List<Operation> ops = new ArrayList<>();
            touched.forEach(id -> {
                if (e.operations.containsKey(id)) {
                    ops.add(e.operations.get(id));
                }
            });
            answer = CheckpointDurableExecutionResponse.builder().checkpointToken(token)
                    .newExecutionState(CheckpointUpdatedExecutionState.builder().operations(ops).build()).build();
            if (r.clientToken() != null) {
                e.clientTokens.put(r.clientToken(), new DurableExecution.Remembered(answer, now));
            }
            if (executionEnds) {
                done = engine.close(e, executionError == null ? "SUCCEEDED" : "FAILED", executionResult,
                        executionError);
            }
        }
        if (!done.isEmpty()) {
            List<CompletableFuture<DurableExecution>> waiting = done;
            engine.due().after(Duration.ZERO, () -> waiting.forEach(w -> w.complete(e)));
        }
        after.forEach(Runnable::run);
        return answer;
    }

    private static ErrorObject orUnknown(ErrorObject e) {
        return e != null ? e : ErrorObject.builder().build();
    }

    /** Checks the whole batch before any of it applies ("Updates are applied atomically"). */
    private static void validate(DurableExecution e, List<OperationUpdate> updates) {
        Map<String, String> types = new HashMap<>();
        Map<String, String> statuses = new HashMap<>();
        e.operations.forEach((id, op) -> {
            types.put(id, op.typeAsString());
            statuses.put(id, op.statusAsString());
        });
        for (OperationUpdate u : updates) {
            String type = u.typeAsString();
            String action = u.actionAsString();
            if (type == null || OperationUpdateTypes.UNKNOWN.contains(type) || action == null) {
                throw LambdaErrors.invalidParameter("Invalid operation update for operation " + u.id() + ".");
            }
            String known = types.get(u.id());
            if (known != null && !known.equals(type)) {
                throw LambdaErrors.invalidParameter("Operation " + u.id() + " is of type " + known + ", not " + type
                        + ".");
            }
            if (u.parentId() != null && !types.containsKey(u.parentId())) {
                throw LambdaErrors.invalidParameter("Parent operation " + u.parentId() + " does not exist.");
            }
            if (type.equals("EXECUTION")) {
                if (!action.equals("SUCCEED") && !action.equals("FAIL")) {
                    throw invalidAction(u);
                }
                continue;
            }
            if (!OperationUpdateTypes.allowed(type).contains(action)) {
                throw invalidAction(u);
            }
            String status = statuses.get(u.id());
            boolean closed = status != null && OperationUpdateTypes.CLOSED.contains(status);
            if (action.equals("START")) {
                boolean restartable = type.equals("STEP") && status != null && !closed;
                if (status != null && !restartable) {
                    throw LambdaErrors.invalidParameter("Operation " + u.id() + " has already started.");
                }
                if (type.equals("WAIT") && (u.waitOptions() == null || u.waitOptions().waitSeconds() == null)) {
                    throw LambdaErrors.invalidParameter("WaitOptions.WaitSeconds is required to start a WAIT "
                            + "operation.");
                }
                if (type.equals("CHAINED_INVOKE") && u.chainedInvokeOptions() == null) {
                    throw LambdaErrors.invalidParameter("ChainedInvokeOptions is required to start a CHAINED_INVOKE "
                            + "operation.");
                }
            } else {
                if (closed) {
                    throw LambdaErrors.invalidParameter("Operation " + u.id() + " is already " + status + ".");
                }
                boolean implicitStart = type.equals("STEP") || type.equals("CONTEXT");
                if (status == null && !implicitStart) {
                    throw LambdaErrors.invalidParameter("Operation " + u.id() + " does not exist.");
                }
            }
            types.put(u.id(), type);
            statuses.put(u.id(), action.equals("START") ? "STARTED" : action.equals("SUCCEED") ? "SUCCEEDED"
                    : action.equals("FAIL") ? "FAILED" : action.equals("CANCEL") ? "CANCELLED" : "PENDING");
        }
    }

    private static RuntimeException invalidAction(OperationUpdate u) {
        return LambdaErrors.invalidParameter("Action " + u.actionAsString() + " is not valid for an operation of type "
                + u.typeAsString() + ".");
    }

    /** The operation types and the actions each takes. */
    private static final class OperationUpdateTypes {
        static final Set<String> UNKNOWN = Set.of("UNKNOWN_TO_SDK_VERSION");
        static final Set<String> CLOSED = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT", "STOPPED");

        static Set<String> allowed(String type) {
            return switch (type) {
                case "STEP" -> Set.of("START", "SUCCEED", "FAIL", "RETRY");
                case "CONTEXT" -> Set.of("START", "SUCCEED", "FAIL");
                case "WAIT" -> Set.of("START", "CANCEL");
                case "CALLBACK" -> Set.of("START", "CANCEL");
                case "CHAINED_INVOKE" -> Set.of("START", "CANCEL");
                default -> Set.of();
            };
        }
    }

    private void apply(DurableExecution e, OperationUpdate u, Instant now, List<Runnable> after) {
        Operation old = e.operations.get(u.id());
        Operation.Builder b = old != null ? old.toBuilder()
                : Operation.builder().id(u.id()).parentId(u.parentId()).name(u.name()).type(u.typeAsString())
                        .subType(u.subType()).startTimestamp(now);
        String type = u.typeAsString();
        String action = u.actionAsString();
        String id = u.id();
        String name = old != null ? old.name() : u.name();
        String parent = old != null ? old.parentId() : u.parentId();
        String sub = old != null ? old.subType() : u.subType();
        EventError err = u.error() == null ? null : EventError.builder().payload(u.error()).truncated(false).build();
        EventResult result = EventResult.builder().payload(u.payload()).truncated(false).build();
        switch (type) {
            case "STEP" -> {
                int attempt = old == null || old.stepDetails() == null || old.stepDetails().attempt() == null ? 0
                        : old.stepDetails().attempt();
                StepDetails.Builder d = old == null || old.stepDetails() == null ? StepDetails.builder()
                        : old.stepDetails().toBuilder();
                switch (action) {
                    case "START" -> {
                        b.status(OperationStatus.STARTED).stepDetails(d.attempt(attempt + 1).nextAttemptTimestamp(null)
                                .build());
                        engine.event(e, EventType.STEP_STARTED, id, name, parent, sub, x -> x.stepStartedDetails(
                                s -> { }));
                    }
                    case "SUCCEED" -> {
                        int a = Math.max(attempt, 1);
                        b.status(OperationStatus.SUCCEEDED).endTimestamp(now)
                                .stepDetails(d.attempt(a).result(u.payload()).nextAttemptTimestamp(null).build());
                        engine.event(e, EventType.STEP_SUCCEEDED, id, name, parent, sub, x -> x.stepSucceededDetails(
                                s -> s.result(result).retryDetails(RetryDetails.builder().currentAttempt(a).build())));
                    }
                    case "FAIL" -> {
                        int a = Math.max(attempt, 1);
                        b.status(OperationStatus.FAILED).endTimestamp(now)
                                .stepDetails(d.attempt(a).error(u.error()).nextAttemptTimestamp(null).build());
                        engine.event(e, EventType.STEP_FAILED, id, name, parent, sub, x -> x.stepFailedDetails(
                                s -> s.error(err).retryDetails(RetryDetails.builder().currentAttempt(a).build())));
                    }
                    default -> { // RETRY: the step runs again after the delay, in a new invocation
                        int delay = u.stepOptions() == null || u.stepOptions().nextAttemptDelaySeconds() == null ? 1
                                : u.stepOptions().nextAttemptDelaySeconds();
                        Instant next = now.plusSeconds(delay);
                        int a = Math.max(attempt, 1);
                        b.status(OperationStatus.PENDING).stepDetails(d.attempt(a).error(u.error())
                                .nextAttemptTimestamp(next).build());
                        engine.event(e, EventType.STEP_FAILED, id, name, parent, sub, x -> x.stepFailedDetails(
                                s -> s.error(err).retryDetails(RetryDetails.builder().currentAttempt(a)
                                        .nextAttemptDelaySeconds(delay).build())));
                        after.add(() -> scheduleRetry(e, id, next));
                    }
                }
            }
            case "CONTEXT" -> {
                ContextDetails.Builder d = old == null || old.contextDetails() == null ? ContextDetails.builder()
                        : old.contextDetails().toBuilder();
                if (u.contextOptions() != null && u.contextOptions().replayChildren() != null) {
                    d.replayChildren(u.contextOptions().replayChildren());
                }
                switch (action) {
                    case "START" -> {
                        b.status(OperationStatus.STARTED).contextDetails(d.build());
                        engine.event(e, EventType.CONTEXT_STARTED, id, name, parent, sub, x -> x.contextStartedDetails(
                                s -> { }));
                    }
                    case "SUCCEED" -> {
                        b.status(OperationStatus.SUCCEEDED).endTimestamp(now).contextDetails(d.result(u.payload())
                                .build());
                        engine.event(e, EventType.CONTEXT_SUCCEEDED, id, name, parent, sub,
                                x -> x.contextSucceededDetails(s -> s.result(result)));
                    }
                    default -> {
                        b.status(OperationStatus.FAILED).endTimestamp(now).contextDetails(d.error(u.error()).build());
                        engine.event(e, EventType.CONTEXT_FAILED, id, name, parent, sub,
                                x -> x.contextFailedDetails(s -> s.error(err)));
                    }
                }
            }
            case "WAIT" -> {
                if (action.equals("START")) {
                    int seconds = u.waitOptions().waitSeconds();
                    Instant end = now.plusSeconds(seconds);
                    b.status(OperationStatus.STARTED).waitDetails(WaitDetails.builder().scheduledEndTimestamp(end)
                            .build());
                    engine.event(e, EventType.WAIT_STARTED, id, name, parent, sub, x -> x.waitStartedDetails(
                            s -> s.duration(seconds).scheduledEndTimestamp(end)));
                    after.add(() -> scheduleWait(e, id, end));
                } else {
                    b.status(OperationStatus.CANCELLED).endTimestamp(now);
                    engine.event(e, EventType.WAIT_CANCELLED, id, name, parent, sub, x -> x.waitCancelledDetails(
                            s -> s.error(err)));
                }
            }
            case "CALLBACK" -> {
                if (action.equals("START")) {
                    String callbackId = callbackId(e, id);
                    int timeout = u.callbackOptions() == null || u.callbackOptions().timeoutSeconds() == null ? 0
                            : u.callbackOptions().timeoutSeconds();
                    int heartbeat = u.callbackOptions() == null
                            || u.callbackOptions().heartbeatTimeoutSeconds() == null ? 0
                            : u.callbackOptions().heartbeatTimeoutSeconds();
                    b.status(OperationStatus.STARTED).callbackDetails(CallbackDetails.builder().callbackId(callbackId)
                            .build());
                    engine.event(e, EventType.CALLBACK_STARTED, id, name, parent, sub, x -> x.callbackStartedDetails(
                            s -> s.callbackId(callbackId).timeout(timeout).heartbeatTimeout(heartbeat)));
                    if (timeout > 0) {
                        e.callbackDue.put(id, now.plusSeconds(timeout));
                    }
                    if (heartbeat > 0) {
                        e.heartbeatSeconds.put(id, heartbeat);
                        e.heartbeatDue.put(id, now.plusSeconds(heartbeat));
                    }
                    after.add(() -> scheduleCallback(e, id));
                } else {
                    b.status(OperationStatus.CANCELLED).endTimestamp(now);
                    e.callbackDue.remove(id);
                    e.heartbeatDue.remove(id);
                }
            }
            default -> { // CHAINED_INVOKE
                if (action.equals("START")) {
                    String fn = u.chainedInvokeOptions().functionName();
                    b.status(OperationStatus.STARTED).chainedInvokeDetails(ChainedInvokeDetails.builder().build());
                    engine.event(e, EventType.CHAINED_INVOKE_STARTED, id, name, parent, sub,
                            x -> x.chainedInvokeStartedDetails(s -> s.functionName(fn)
                                    .tenantId(u.chainedInvokeOptions().tenantId())
                                    .input(EventInput.builder().payload(u.payload()).truncated(false).build())));
                    after.add(() -> chained.start(e, id, fn, u.payload()));
                } else {
                    b.status(OperationStatus.STOPPED).endTimestamp(now);
                    ErrorObject stopped = u.error() != null ? u.error() : ErrorObject.builder()
                            .errorType("ChainedInvokeStopped").build();
                    engine.event(e, EventType.CHAINED_INVOKE_STOPPED, id, name, parent, sub,
                            x -> x.chainedInvokeStoppedDetails(s -> s.error(EventError.builder().payload(stopped)
                                    .truncated(false).build())));
                }
            }
        }
        e.operations.put(id, b.build());
    }

    /**
     * A callback ID names its execution and operation; Lambda's are opaque base64 too (the CallbackId pattern is
     * {@code [A-Za-z0-9+/]+={0,2}}).
     */
    static String callbackId(DurableExecution e, String opId) {
        return Base64.getEncoder().encodeToString((e.arn + "\n" + opId).getBytes(StandardCharsets.UTF_8));
    }

    /** The execution ARN and operation ID of a callback ID, or null when it is not one of Gureum's. */
    static String[] parseCallbackId(String callbackId) {
        try {
            String raw = new String(Base64.getDecoder().decode(callbackId), StandardCharsets.UTF_8);
            int nl = raw.indexOf('\n');
            return nl < 0 ? null : new String[] {raw.substring(0, nl), raw.substring(nl + 1)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    void scheduleWait(DurableExecution e, String id, Instant end) {
        engine.due().at(end, () -> {
            synchronized (e) {
                Operation op = e.operations.get(id);
                if (!e.running() || op == null || op.status() != OperationStatus.STARTED) {
                    return;
                }
                e.operations.put(id, op.toBuilder().status(OperationStatus.SUCCEEDED).endTimestamp(engine.now())
                        .build());
                long seconds = Duration.between(op.startTimestamp(), end).getSeconds();
                engine.event(e, EventType.WAIT_SUCCEEDED, id, op.name(), op.parentId(), op.subType(),
                        x -> x.waitSucceededDetails(s -> s.duration((int) seconds)));
                e.changed.add(id);
            }
            engine.recordNow();
            engine.replay(e);
        });
    }

    void scheduleRetry(DurableExecution e, String id, Instant next) {
        engine.due().at(next, () -> {
            synchronized (e) {
                Operation op = e.operations.get(id);
                if (!e.running() || op == null || op.status() != OperationStatus.PENDING) {
                    return;
                }
                e.operations.put(id, op.toBuilder().status(OperationStatus.READY).build());
                e.changed.add(id);
            }
            engine.recordNow();
            engine.replay(e);
        });
    }

    /** Times out a callback at its timeout or when no heartbeat came within the heartbeat timeout. */
    void scheduleCallback(DurableExecution e, String id) {
        Instant at;
        synchronized (e) {
            Instant timeout = e.callbackDue.get(id);
            Instant heartbeat = e.heartbeatDue.get(id);
            at = timeout == null ? heartbeat : heartbeat == null || timeout.isBefore(heartbeat) ? timeout : heartbeat;
        }
        if (at == null) {
            return;
        }
        engine.due().at(at, () -> {
            synchronized (e) {
                Operation op = e.operations.get(id);
                if (!e.running() || op == null || op.status() != OperationStatus.STARTED) {
                    return;
                }
                Instant now = engine.now();
                Instant timeout = e.callbackDue.get(id);
                Instant heartbeat = e.heartbeatDue.get(id);
                boolean timedOut = timeout != null && !timeout.isAfter(now);
                boolean heartbeatMissed = heartbeat != null && !heartbeat.isAfter(now);
                if (!timedOut && !heartbeatMissed) {
                    engine.due().after(Duration.ZERO, () -> scheduleCallback(e, id)); // a heartbeat moved it
                    return;
                }
                ErrorObject error = ErrorObject.builder().errorType(timedOut ? "Callback.Timeout"
                        : "Callback.HeartbeatTimeout").errorMessage(timedOut ? "Callback timed out"
                        : "Callback timed out waiting for a heartbeat").build();
                closeCallback(e, id, OperationStatus.TIMED_OUT, null, error);
            }
            engine.recordNow();
            engine.replay(e);
        });
    }

    /** Completes a callback operation (the caller holds the lock). */
    void closeCallback(DurableExecution e, String id, OperationStatus status, String result, ErrorObject error) {
        Operation op = e.operations.get(id);
        e.callbackDue.remove(id);
        e.heartbeatDue.remove(id);
        e.heartbeatSeconds.remove(id);
        CallbackDetails.Builder d = op.callbackDetails().toBuilder();
        if (result != null) {
            d.result(result);
        }
        if (error != null) {
            d.error(error);
        }
        e.operations.put(id, op.toBuilder().status(status).endTimestamp(engine.now()).callbackDetails(d.build())
                .build());
        EventError err = error == null ? null : EventError.builder().payload(error).truncated(false).build();
        switch (status) {
            case SUCCEEDED -> engine.event(e, EventType.CALLBACK_SUCCEEDED, id, op.name(), op.parentId(),
                    op.subType(), x -> x.callbackSucceededDetails(s -> s.result(EventResult.builder().payload(result)
                            .truncated(false).build())));
            case FAILED -> engine.event(e, EventType.CALLBACK_FAILED, id, op.name(), op.parentId(), op.subType(),
                    x -> x.callbackFailedDetails(s -> s.error(err)));
            default -> engine.event(e, EventType.CALLBACK_TIMED_OUT, id, op.name(), op.parentId(), op.subType(),
                    x -> x.callbackTimedOutDetails(s -> s.error(err)));
        }
        e.changed.add(id);
    }

    /** A chained invocation returned (the caller holds the lock). */
    void closeChained(DurableExecution e, String id, String result, ErrorObject error) {
        Operation op = e.operations.get(id);
        if (op == null || op.status() != OperationStatus.STARTED) {
            return;
        }
        ChainedInvokeDetails.Builder d = ChainedInvokeDetails.builder();
        if (error == null) {
            d.result(result);
            e.operations.put(id, op.toBuilder().status(OperationStatus.SUCCEEDED).endTimestamp(engine.now())
                    .chainedInvokeDetails(d.build()).build());
            engine.event(e, EventType.CHAINED_INVOKE_SUCCEEDED, id, op.name(), op.parentId(), op.subType(),
                    x -> x.chainedInvokeSucceededDetails(s -> s.result(EventResult.builder().payload(result)
                            .truncated(false).build())));
        } else {
            d.error(error);
            e.operations.put(id, op.toBuilder().status(OperationStatus.FAILED).endTimestamp(engine.now())
                    .chainedInvokeDetails(d.build()).build());
            engine.event(e, EventType.CHAINED_INVOKE_FAILED, id, op.name(), op.parentId(), op.subType(),
                    x -> x.chainedInvokeFailedDetails(s -> s.error(EventError.builder().payload(error)
                            .truncated(false).build())));
        }
        e.changed.add(id);
    }

    /** After a restart: the waits, retries and callback timeouts of a running execution, on the clock again. */
    void timers(DurableExecution e) {
        List<Runnable> due = new ArrayList<>();
        synchronized (e) {
            for (Operation op : e.operations.values()) {
                String id = op.id();
                if (op.type().toString().equals("WAIT") && op.status() == OperationStatus.STARTED) {
                    Instant end = op.waitDetails().scheduledEndTimestamp();
                    due.add(() -> scheduleWait(e, id, end));
                } else if (op.type().toString().equals("STEP") && op.status() == OperationStatus.PENDING
                        && op.stepDetails() != null && op.stepDetails().nextAttemptTimestamp() != null) {
                    Instant next = op.stepDetails().nextAttemptTimestamp();
                    due.add(() -> scheduleRetry(e, id, next));
                } else if (op.type().toString().equals("CALLBACK") && op.status() == OperationStatus.STARTED) {
                    due.add(() -> scheduleCallback(e, id));
                } else if (op.type().toString().equals("CHAINED_INVOKE") && op.status() == OperationStatus.STARTED) {
                    closeChained(e, id, null, ErrorObject.builder().errorType("ChainedInvokeInterrupted")
                            .errorMessage("Gureum restarted while the chained invocation ran").build());
                }
            }
        }
        due.forEach(Runnable::run);
    }
}
