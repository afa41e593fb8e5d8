package io.gureum.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.ids.Arn;
import io.gureum.core.persist.SdkJson;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.time.DueTimer;
import io.gureum.lambda.runtime.InvocationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventError;
import software.amazon.awssdk.services.lambda.model.EventInput;
import software.amazon.awssdk.services.lambda.model.EventResult;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionDetails;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationStatus;
import software.amazon.awssdk.services.lambda.model.OperationType;

/**
 * The checkpoint-and-replay loop of durable functions (https://docs.aws.amazon.com/lambda/latest/dg/durable-basic-concepts.html):
 * Lambda invokes the function with the execution's ARN, a checkpoint token and the operations checkpointed so far;
 * the function (its durable execution SDK) replays them, checkpoints new ones and returns {@code SUCCEEDED},
 * {@code FAILED} or {@code PENDING}. A pending execution is invoked again when a wait elapses, a step's retry is due,
 * a callback completes or times out, or a chained invocation returns; all of it on the core clock's timer, with no
 * thread waiting in between.
 */
final class DurableEngine {
    /** Operations the invocation payload carries; the SDK pages the rest with GetDurableExecutionState. */
    static final int PAYLOAD_OPERATIONS = 100;

    private final ServiceContext context;
    private final AccountRegionStore<LambdaStore> stores;
    private final Invoker invoker;
    private final DueTimer due;
    private final Runnable record;

    DurableEngine(ServiceContext context, AccountRegionStore<LambdaStore> stores, Invoker invoker, DueTimer due,
            Runnable record) {
        this.context = context;
        this.stores = stores;
        this.invoker = invoker;
        this.due = due;
        this.record = record;
    }

    Instant now() {
        return context.clock().now();
    }

    /**
     * Starts an execution of a resolved version: {@code arn:…:function:f:$LATEST/durable-execution/<name>/<id>}
     * (the DurableExecutionArn pattern of the API model).
     */
    DurableExecution start(LambdaStore store, LambdaFunction f, FunctionVersion v, String name, String input) {
        String id = context.ids().requestId();
        String execName = name != null ? name : context.ids().requestId();
        Arn fn = Arn.parse(f.arn);
        String arn = Arn.of(fn.partition(), "lambda", f.region, f.account,
                "function:" + f.name + ":" + v.version() + "/durable-execution/" + execName + "/" + id).toString();
        Instant now = now();
        var cfg = v.durableConfig();
        int retention = cfg.retentionPeriodInDays() == null ? DurableExecutions.DEFAULT_RETENTION_DAYS
                : cfg.retentionPeriodInDays();
        DurableExecution e = new DurableExecution(arn, execName, f.name, f.arn + ":" + v.version(), v.version(),
                input, now, cfg.executionTimeout(), retention);
        synchronized (e) {
            e.operations.put(id, Operation.builder().id(id).name(execName).type(OperationType.EXECUTION)
                    .status(OperationStatus.STARTED).startTimestamp(now)
                    .executionDetails(ExecutionDetails.builder().inputPayload(input).build()).build());
            event(e, EventType.EXECUTION_STARTED, id, execName, null, null, b -> b.executionStartedDetails(d -> d
                    .input(EventInput.builder().payload(input).truncated(false).build())
                    .executionTimeout(e.executionTimeout)));
        }
        store.durableExecutions.put(arn, e);
        scheduleTimeout(e);
        record.run();
        replay(e);
        return e;
    }

    /** The execution's own operation (type EXECUTION). */
    static String executionOperationId(DurableExecution e) {
        return e.operations.keySet().iterator().next();
    }

    void scheduleTimeout(DurableExecution e) {
        due.at(e.started.plusSeconds(e.executionTimeout), () -> {
            List<CompletableFuture<DurableExecution>> done;
            synchronized (e) {
                if (!e.running()) {
                    return;
                }
                done = close(e, "TIMED_OUT", null, ErrorObject.builder().errorType("Lambda.ExecutionTimedOut")
                        .errorMessage("The durable execution exceeded its execution timeout of "
                                + e.executionTimeout + " seconds.").build());
            }
            finished(e, done);
        });
    }

    /** Appends a history event; EventIds count up from 1. */
    void event(DurableExecution e, EventType type, String opId, String name, String parentId, String subType,
            Consumer<Event.Builder> details) {
        Event.Builder b = Event.builder().eventType(type).eventId(e.nextEventId()).eventTimestamp(now());
        if (opId != null) {
            b.id(opId);
        }
        b.name(name).parentId(parentId).subType(subType);
        details.accept(b);
        e.events.add(b.build());
    }

    /**
     * Ends a running execution: its EXECUTION operation and history say how; the caller holds the lock and hands the
     * returned waiters to {@link #finished}.
     */
    List<CompletableFuture<DurableExecution>> close(DurableExecution e, String status, String result,
            ErrorObject error) {
        Instant now = now();
        e.status = status;
        e.ended = now;
        e.result = result;
        e.error = error;
        e.token = null;
        String id = executionOperationId(e);
        Operation op = e.operations.get(id);
        OperationStatus opStatus = OperationStatus.fromValue(status);
        e.operations.put(id, op.toBuilder().status(opStatus).endTimestamp(now).build());
        EventError err = error == null ? null : EventError.builder().payload(error).truncated(false).build();
        switch (status) {
            case "SUCCEEDED" -> event(e, EventType.EXECUTION_SUCCEEDED, id, e.name, null, null,
                    b -> b.executionSucceededDetails(d -> d.result(EventResult.builder().payload(result)
                            .truncated(false).build())));
            case "FAILED" -> event(e, EventType.EXECUTION_FAILED, id, e.name, null, null,
                    b -> b.executionFailedDetails(d -> d.error(err)));
            case "TIMED_OUT" -> event(e, EventType.EXECUTION_TIMED_OUT, id, e.name, null, null,
                    b -> b.executionTimedOutDetails(d -> d.error(err)));
            default -> event(e, EventType.EXECUTION_STOPPED, id, e.name, null, null,
                    b -> b.executionStoppedDetails(d -> d.error(err)));
        }
        List<CompletableFuture<DurableExecution>> waiting = new ArrayList<>(e.waiting);
        e.waiting.clear();
        return waiting;
    }

    /** After {@link #close}, outside the lock: records the change and answers synchronous Invoke calls. */
    void finished(DurableExecution e, List<CompletableFuture<DurableExecution>> waiting) {
        record.run();
        waiting.forEach(w -> w.complete(e));
    }

    /** Something the function waits for happened: invoke it again (or once the running invocation returns). */
    void replay(DurableExecution e) {
        synchronized (e) {
            if (!e.running()) {
                return;
            }
            if (e.invoking) {
                e.replayWanted = true;
                return;
            }
            e.invoking = true;
            e.replayWanted = false;
        }
        due.after(Duration.ZERO, () -> invoke(e));
    }

    private void invoke(DurableExecution e) {
        Arn arn = Arn.parse(e.arn);
        LambdaStore store = stores.get(arn.accountId(), arn.region());
        LambdaFunction f = store.functions.get(e.functionName);
        FunctionVersion v = f == null || f.deleted ? null : f.version(e.version);
        byte[] payload;
        synchronized (e) {
            if (!e.running()) {
                e.invoking = false;
                return;
            }
            if (v == null) {
                e.invoking = false;
                List<CompletableFuture<DurableExecution>> done = close(e, "FAILED", null, ErrorObject.builder()
                        .errorType("ResourceNotFoundException")
                        .errorMessage("Function not found: " + e.functionArn).build());
                due.after(Duration.ZERO, () -> finished(e, done));
                return;
            }
            e.tokenSequence++;
            e.token = token(e);
            e.changed.clear();
            payload = payload(e);
        }
        try {
            Invoker.acquire(f);
        } catch (RuntimeException throttled) {
            synchronized (e) {
                e.token = null;
            }
            due.after(Duration.ofSeconds(1), () -> invoke(e));
            return;
        }
        String requestId = context.ids().requestId();
        Instant started = now();
        CompletableFuture<InvocationResult> run = invoker.run(f, v, e.functionArn, payload, requestId, null, "Event");
        run.whenComplete((result, failure) -> returned(e, requestId, started, result, failure));
    }

    private void returned(DurableExecution e, String requestId, Instant started, InvocationResult result,
            Throwable failure) {
        List<CompletableFuture<DurableExecution>> done = List.of();
        boolean again;
        synchronized (e) {
            e.invoking = false;
            e.token = null;
            if (!e.running()) {
                return;
            }
            ErrorObject invocationError = null;
            Output out = null;
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                invocationError = ErrorObject.builder().errorType("Runtime.Unavailable")
                        .errorMessage(String.valueOf(cause.getMessage())).build();
            } else if (result.functionError() != null) {
                invocationError = functionError(result.payload());
            } else {
                out = output(result.payload());
                if (out == null) {
                    invocationError = ErrorObject.builder().errorType("Runtime.InvalidDurableExecutionOutput")
                            .errorMessage("The function returned no durable execution output: an object with "
                                    + "Status SUCCEEDED, FAILED or PENDING").build();
                }
            }
            ErrorObject err = invocationError;
            event(e, EventType.INVOCATION_COMPLETED, null, null, null, null, b -> b.invocationCompletedDetails(d -> d
                    .startTimestamp(started).endTimestamp(now()).requestId(requestId)
                    .error(err == null ? null : EventError.builder().payload(err).truncated(false).build())));
            if (invocationError != null) {
                done = close(e, "FAILED", null, invocationError);
            } else if (out.status.equals("SUCCEEDED")) {
                done = close(e, "SUCCEEDED", out.result, null);
            } else if (out.status.equals("FAILED")) {
                done = close(e, "FAILED", null, out.error);
            }
            again = e.running() && e.replayWanted;
            if (again) {
                e.invoking = true;
                e.replayWanted = false;
            }
        }
        finished(e, done);
        if (again) {
            due.after(Duration.ZERO, () -> invoke(e));
        }
    }

    private record Output(String status, String result, ErrorObject error) {
    }

    /** The durable execution SDK's answer: {@code {"Status": …, "Result": "…", "Error": {…}}}. */
    private static Output output(byte[] payload) {
        JsonNode n = json(payload);
        if (n == null || !n.isObject()) {
            return null;
        }
        String status = n.path("Status").asText("");
        if (!status.equals("SUCCEEDED") && !status.equals("FAILED") && !status.equals("PENDING")) {
            return null;
        }
        JsonNode r = n.get("Result");
        String result = r == null || r.isNull() ? null : r.isTextual() ? r.asText() : r.toString();
        JsonNode err = n.get("Error");
        ErrorObject error = err == null || !err.isObject() ? null : SdkJson.fromJson(err, ErrorObject.class);
        if (status.equals("FAILED") && error == null) {
            error = ErrorObject.builder().errorType("Unknown").build();
        }
        return new Output(status, result, error);
    }

    /** An unhandled error of the invocation: {@code {"errorType", "errorMessage", "stackTrace"}}. */
    private static ErrorObject functionError(byte[] payload) {
        JsonNode n = json(payload);
        ErrorObject.Builder b = ErrorObject.builder();
        if (n != null && n.isObject()) {
            b.errorType(n.path("errorType").asText(null)).errorMessage(n.path("errorMessage").asText(null));
            List<String> trace = new ArrayList<>();
            n.path("stackTrace").forEach(t -> trace.add(t.isTextual() ? t.asText() : t.toString()));
            if (!trace.isEmpty()) {
                b.stackTrace(trace);
            }
        } else {
            b.errorType("Unhandled").errorMessage(payload == null ? null : new String(payload, StandardCharsets.UTF_8));
        }
        return b.build();
    }

    private static JsonNode json(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        try {
            return LambdaJson.MAPPER.readTree(payload);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** A checkpoint token: opaque base64 that changes with every checkpoint and invocation. */
    private String token(DurableExecution e) {
        String raw = e.tokenSequence + ":" + context.ids().hex(24);
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** A new token for the next checkpoint (the caller holds the lock). */
    String nextToken(DurableExecution e) {
        e.tokenSequence++;
        e.token = token(e);
        return e.token;
    }

    /**
     * The invocation's event: {@code DurableExecutionArn}, {@code CheckpointToken} and {@code InitialExecutionState}
     * ({@code Operations}, {@code NextMarker}), timestamps in epoch milliseconds, as the durable execution SDKs read it.
     */
    private static byte[] payload(DurableExecution e) {
        ObjectNode n = LambdaJson.MAPPER.createObjectNode();
        n.put("DurableExecutionArn", e.arn);
        n.put("CheckpointToken", e.token);
        ObjectNode state = n.putObject("InitialExecutionState");
        ArrayNode ops = state.putArray("Operations");
        int i = 0;
        for (Operation op : e.operations.values()) {
            if (i == PAYLOAD_OPERATIONS) {
                state.put("NextMarker", Pages.marker(i));
                break;
            }
            ops.add(operationJson(op));
            i++;
        }
        try {
            return LambdaJson.MAPPER.writeValueAsBytes(n);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static ObjectNode operationJson(Operation op) {
        ObjectNode o = (ObjectNode) LambdaJson.MAPPER.valueToTree(SdkJson.toJson(op));
        millis(o, "StartTimestamp", op.startTimestamp());
        millis(o, "EndTimestamp", op.endTimestamp());
        if (op.stepDetails() != null && o.get("StepDetails") instanceof ObjectNode s) {
            millis(s, "NextAttemptTimestamp", op.stepDetails().nextAttemptTimestamp());
        }
        if (op.waitDetails() != null && o.get("WaitDetails") instanceof ObjectNode w) {
            millis(w, "ScheduledEndTimestamp", op.waitDetails().scheduledEndTimestamp());
        }
        return o;
    }

    private static void millis(ObjectNode o, String field, Instant t) {
        if (t != null) {
            o.put(field, t.toEpochMilli());
        }
    }

    /** After a restart: timers again, and a replay of every running execution (replays are safe by design). */
    void resumed(DurableExecution e, Consumer<DurableExecution> timers) {
        if (!e.running()) {
            return;
        }
        scheduleTimeout(e);
        timers.accept(e);
        due.after(Duration.ofSeconds(1), () -> replay(e)); // once the server answers again
    }

    DueTimer due() {
        return due;
    }

    void recordNow() {
        record.run();
    }
}
