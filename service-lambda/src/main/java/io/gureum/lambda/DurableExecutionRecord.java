package io.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.persist.SdkJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.Operation;

/**
 * A durable execution's record for {@code --data-dir}: identity, status, the checkpointed operations and the history
 * (as the API's shapes in JSON), and the callback deadlines. The checkpoint token is not kept: after a restart the
 * execution is invoked again with a new one. ClientToken answers are not kept either.
 */
record DurableExecutionRecord(String arn, String name, String functionName, String functionArn, String version,
        String input, Instant started, int executionTimeout, int retentionDays, String status, Instant ended,
        String result, JsonNode error, List<JsonNode> operations, List<JsonNode> events,
        Map<String, Instant> heartbeatDue, Map<String, Integer> heartbeatSeconds, Map<String, Instant> callbackDue) {

    /** The caller holds the execution's lock. */
    static DurableExecutionRecord of(DurableExecution e) {
        return new DurableExecutionRecord(e.arn, e.name, e.functionName, e.functionArn, e.version, e.input, e.started,
                e.executionTimeout, e.retentionDays, e.status, e.ended, e.result, SdkJson.toJson(e.error),
                e.operations.values().stream().map(SdkJson::toJson).toList(),
                e.events.stream().map(SdkJson::toJson).toList(), Map.copyOf(e.heartbeatDue),
                Map.copyOf(e.heartbeatSeconds), Map.copyOf(e.callbackDue));
    }

    DurableExecution toExecution() {
        DurableExecution e = new DurableExecution(arn, name, functionName, functionArn, version, input, started,
                executionTimeout, retentionDays);
        synchronized (e) {
            e.status = status;
            e.ended = ended;
            e.result = result;
            e.error = SdkJson.fromJson(error, ErrorObject.class);
            for (JsonNode n : operations == null ? List.<JsonNode>of() : operations) {
                Operation op = SdkJson.fromJson(n, Operation.class);
                e.operations.put(op.id(), op);
            }
            for (JsonNode n : events == null ? List.<JsonNode>of() : events) {
                e.events.add(SdkJson.fromJson(n, Event.class));
            }
            if (heartbeatDue != null) {
                e.heartbeatDue.putAll(heartbeatDue);
            }
            if (heartbeatSeconds != null) {
                e.heartbeatSeconds.putAll(heartbeatSeconds);
            }
            if (callbackDue != null) {
                e.callbackDue.putAll(callbackDue);
            }
        }
        return e;
    }
}
