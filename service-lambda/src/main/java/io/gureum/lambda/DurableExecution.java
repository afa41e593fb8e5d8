package io.gureum.lambda;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.lambda.model.CheckpointDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.Operation;

/**
 * One durable execution (https://docs.aws.amazon.com/lambda/latest/dg/durable-basic-concepts.html): its identity,
 * status, the operations the function checkpointed (in the order they started) and the history events. Guard every
 * access with {@code synchronized (execution)}.
 */
final class DurableExecution {
    final String arn;
    final String name;
    final String functionName;
    /** The function's ARN with the version that runs every replay ({@code …:function:f:$LATEST} or {@code :3}). */
    final String functionArn;
    final String version;
    final String input;
    final Instant started;
    final int executionTimeout;
    final int retentionDays;
    String status = "RUNNING";
    Instant ended;
    String result;
    ErrorObject error;
    /** Operations by ID, in the order they started. */
    final Map<String, Operation> operations = new LinkedHashMap<>();
    final List<Event> events = new ArrayList<>();
    /** The checkpoint token the next checkpoint must present; null while no invocation runs. */
    String token;
    int tokenSequence;
    /** Operations changed since the last checkpoint by something other than the function (a wait, a callback). */
    final Set<String> changed = new LinkedHashSet<>();
    /** Checkpoint answers by ClientToken, for 15 minutes. */
    final Map<String, Remembered> clientTokens = new HashMap<>();
    /** Whether an invocation of the function runs now, and whether it must run again when it returns PENDING. */
    boolean invoking;
    boolean replayWanted;
    /** Synchronous Invoke calls waiting for the end (not persisted: a restart answers them no more). */
    final List<CompletableFuture<DurableExecution>> waiting = new ArrayList<>();
    /** Heartbeat deadlines of callbacks, by operation ID. */
    final Map<String, Instant> heartbeatDue = new HashMap<>();
    /** Heartbeat timeouts (seconds) of callbacks, by operation ID. */
    final Map<String, Integer> heartbeatSeconds = new HashMap<>();
    /** Timeout deadlines of callbacks, by operation ID. */
    final Map<String, Instant> callbackDue = new HashMap<>();

    record Remembered(CheckpointDurableExecutionResponse response, Instant at) {
    }

    DurableExecution(String arn, String name, String functionName, String functionArn, String version, String input,
            Instant started, int executionTimeout, int retentionDays) {
        this.arn = arn;
        this.name = name;
        this.functionName = functionName;
        this.functionArn = functionArn;
        this.version = version;
        this.input = input;
        this.started = started;
        this.executionTimeout = executionTimeout;
        this.retentionDays = retentionDays;
    }

    boolean running() {
        return status.equals("RUNNING");
    }

    /** Whether its history is past the function's retention period. */
    boolean expired(Instant now) {
        return ended != null && ended.plusSeconds(retentionDays * 86_400L).isBefore(now);
    }

    int nextEventId() {
        return events.size() + 1;
    }
}
