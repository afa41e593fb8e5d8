package io.gureum.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.time.DueTimer;
import io.gureum.lambda.runtime.InvocationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's asynchronous invocation (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html):
 * events wait in a queue; a function error is retried twice by default, one minute after the first
 * attempt and two minutes after the second (on Gureum's clock); throttled events wait and retry until
 * they are too old. An event that fails for good goes to the function's dead-letter queue and to its
 * OnFailure destination; a successful one to its OnSuccess destination, as an invocation record.
 */
final class AsyncInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvoker.class);

    private static final class Event {
        final LambdaFunction function;
        final String qualifier;
        final FunctionVersion version;
        final byte[] payload;
        final String requestId;
        final Instant enqueued;
        int attempts;
        InvocationResult last;
        String lastError;

        Event(LambdaFunction function, String qualifier, FunctionVersion version, byte[] payload, String requestId,
                Instant enqueued) {
            this.function = function;
            this.qualifier = qualifier;
            this.version = version;
            this.payload = payload;
            this.requestId = requestId;
            this.enqueued = enqueued;
        }
    }

    private final ServiceContext context;
    private final Invoker invoker;
    private final DueTimer timer;
    private final InvocationLogs logs;
    private final Destinations destinations;
    private final LambdaRecords records;

    AsyncInvoker(ServiceContext context, Invoker invoker, DueTimer timer, InvocationLogs logs,
            Destinations destinations, LambdaRecords records) {
        this.records = records;
        this.context = context;
        this.invoker = invoker;
        this.timer = timer;
        this.logs = logs;
        this.destinations = destinations;
    }

    /** Queues an event; returns its request ID at once. */
    String enqueue(LambdaFunction f, String qualifier, FunctionVersion version, byte[] payload) {
        Event e = new Event(f, qualifier, version, payload, context.ids().requestId(), context.clock().now());
        invoker.metrics().asyncReceived(f, qualifier == null ? f.arn : f.arn + ":" + qualifier);
        records.eventQueued(f, record(e, e.enqueued)); // on the request's thread: durable before Invoke answers 202
        timer.after(Duration.ZERO, () -> attempt(e));
        return e.requestId;
    }

    /** An acknowledged event restored from the data directory runs again, keeping its age and attempts. */
    void resume(LambdaFunction f, AsyncEventRecord r, FunctionVersion version) {
        Event e = new Event(f, r.qualifier(), version, r.payload(), r.requestId(), r.enqueued());
        e.attempts = r.attempts();
        timer.at(r.due() == null ? r.enqueued() : r.due(), () -> attempt(e));
    }

    private static AsyncEventRecord record(Event e, Instant due) {
        return new AsyncEventRecord(e.function.name, e.qualifier, e.version.version(), e.payload, e.requestId,
                e.enqueued, e.attempts, due);
    }

    private EventInvokeConfig config(Event e) {
        String key = e.qualifier == null ? FunctionVersion.LATEST : e.qualifier;
        synchronized (e.function) {
            EventInvokeConfig c = e.function.invokeConfigs.get(key);
            return c != null ? c : new EventInvokeConfig(null, null, null, null, null, null);
        }
    }

    private void attempt(Event e) {
        if (e.function.deleted) {
            records.eventFinished(e.function, e.requestId);
            return;
        }
        EventInvokeConfig cfg = config(e);
        if (tooOld(e, cfg, Duration.ZERO)) {
            fail(e, cfg, "EventAgeExceeded");
            return;
        }
        try {
            Invoker.acquire(e.function);
        } catch (RuntimeException throttled) {
            invoker.metrics().throttled(e.function, e.qualifier == null ? e.function.arn
                    : e.function.arn + ":" + e.qualifier);
            timer.after(Duration.ofSeconds(1), () -> attempt(e));
            return;
        }
        e.attempts++;
        String invoked = e.qualifier == null ? e.function.arn : e.function.arn + ":" + e.qualifier;
        CompletableFuture<InvocationResult> running = invoker.run(e.function, e.version, invoked, e.payload,
                e.requestId, null, "Event");
        running.whenComplete((result, failure) -> {
            if (failure == null && result.functionError() == null) {
                e.last = result;
                succeed(e, cfg);
                return;
            }
            e.last = result;
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            e.lastError = cause != null ? cause.getMessage() : errorMessage(result);
            if (e.attempts > cfg.retries()) {
                fail(e, cfg, "RetriesExhausted");
                return;
            }
            Duration wait = Duration.ofMinutes(e.attempts == 1 ? 1 : 2);
            if (tooOld(e, cfg, wait)) {
                fail(e, cfg, "EventAgeExceeded");
                return;
            }
            records.eventQueued(e.function, record(e, context.clock().now().plus(wait)));
            timer.after(wait, () -> attempt(e));
        });
    }

    private boolean tooOld(Event e, EventInvokeConfig cfg, Duration wait) {
        return Duration.between(e.enqueued, context.clock().now().plus(wait)).getSeconds() > cfg.maxAgeSeconds();
    }

    private void succeed(Event e, EventInvokeConfig cfg) {
        if (cfg.onSuccess() != null) {
            deliver(e, cfg.onSuccess(), record(e, "Success"), true);
        }
        records.eventFinished(e.function, e.requestId);
    }

    private void fail(Event e, EventInvokeConfig cfg, String condition) {
        String invoked = e.qualifier == null ? e.function.arn : e.function.arn + ":" + e.qualifier;
        invoker.metrics().asyncDropped(e.function, invoked);
        String dlq = e.version.deadLetterTargetArn();
        if (dlq != null) {
            Map<String, Destinations.Attribute> attributes = new LinkedHashMap<>();
            attributes.put("RequestID", new Destinations.Attribute("String", e.requestId));
            attributes.put("ErrorCode", new Destinations.Attribute("Number", "200"));
            String message = e.lastError;
            if (message != null && !message.isEmpty()) { // SQS refuses an empty attribute value
                attributes.put("ErrorMessage", new Destinations.Attribute("String",
                        message.length() > 1024 ? message.substring(0, 1024) : message));
            }
            if (!send(e, dlq, new String(e.payload, StandardCharsets.UTF_8), attributes, false)) {
                invoker.metrics().deadLetterError(e.function, invoked);
            }
        }
        if (cfg.onFailure() != null) {
            deliver(e, cfg.onFailure(), record(e, condition), false);
        }
        records.eventFinished(e.function, e.requestId);
    }

    /**
     * The invocation record destinations receive
     * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
     */
    String record(Event e, String condition) {
        ObjectNode r = LambdaJson.MAPPER.createObjectNode();
        r.put("version", "1.0");
        r.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(context.clock().now()
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        ObjectNode rc = r.putObject("requestContext");
        rc.put("requestId", e.requestId);
        rc.put("functionArn", e.function.arn + ":" + (e.qualifier == null ? FunctionVersion.LATEST : e.qualifier));
        rc.put("condition", condition);
        rc.put("approximateInvokeCount", e.attempts);
        r.set("requestPayload", json(e.payload));
        ObjectNode resp = r.putObject("responseContext");
        resp.put("statusCode", 200);
        resp.put("executedVersion", e.version.version());
        if (e.last != null && e.last.functionError() != null) {
            resp.put("functionError", e.last.functionError());
        }
        if (e.last != null) {
            r.set("responsePayload", json(e.last.payload()));
        } else if (e.lastError != null) {
            r.putObject("responsePayload").put("errorMessage", e.lastError);
        }
        try {
            return LambdaJson.MAPPER.writeValueAsString(r);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static JsonNode json(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return LambdaJson.MAPPER.nullNode();
        }
        try {
            return LambdaJson.MAPPER.readTree(bytes);
        } catch (IOException notJson) {
            return LambdaJson.MAPPER.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static String errorMessage(InvocationResult result) {
        if (result == null || result.payload() == null) {
            return null;
        }
        JsonNode n = json(result.payload());
        return n.path("errorMessage").asText(new String(result.payload(), StandardCharsets.UTF_8));
    }

    private void deliver(Event e, String destination, String body, boolean success) {
        send(e, destination, body, Map.of(), success);
    }

    /** To an SQS queue, an SNS topic or another function; a failure is logged with the invocation. */
    /** @return whether the destination took the record */
    private boolean send(Event e, String destination, String body, Map<String, Destinations.Attribute> attributes,
            boolean success) {
        try {
            destinations.send(e.function, e.requestId, destination, body, attributes, success);
            return true;
        } catch (RuntimeException ex) {
            LOG.warn("Lambda {}: delivering the record of {} to {} failed: {}", e.function.name, e.requestId,
                    destination, ex.getMessage());
            logs.add(new InvocationLogs.Entry(e.requestId, e.function.arn, e.version.version(), "Event",
                    context.clock().now(), null, "Gureum: could not deliver to " + destination + ": "
                            + ex.getMessage() + "\n"));
            return false;
        }
    }
}
