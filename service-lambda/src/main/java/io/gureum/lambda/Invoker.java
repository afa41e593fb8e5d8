package io.gureum.lambda;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.spi.ServiceContext;
import io.gureum.lambda.runtime.FunctionRunner;
import io.gureum.lambda.runtime.FunctionSpec;
import io.gureum.lambda.runtime.InvocationResult;
import io.gureum.lambda.runtime.ResponseSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs one invocation of a resolved version through the {@link FunctionRunner}: payload checks, alias
 * routing, reserved concurrency, and the synchronous Invoke response
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html).
 */
final class Invoker {
    /** 6 MB for RequestResponse. */
    static final int MAX_SYNC_PAYLOAD = 6_291_456;
    /** 1 MB for Event: raised from 256 KB in October 2025 (the Invoke API reference says "1 MB"). */
    static final int MAX_ASYNC_PAYLOAD = 1_048_576;
    static final int LOG_TAIL = 4096;

    private final ServiceContext context;
    private final FunctionRunner runner;
    private final InvocationLogs logs;
    private final LambdaMetrics metrics;

    Invoker(ServiceContext context, FunctionRunner runner, InvocationLogs logs) {
        this.context = context;
        this.metrics = new LambdaMetrics(context);
        this.runner = runner;
        this.logs = logs;
    }

    /** The version that runs for a resolved qualifier: an alias with routing picks by weight. */
    static FunctionVersion pick(FunctionLookup.Resolved r) {
        Alias a = r.alias();
        if (a == null || a.additionalWeights().isEmpty()) {
            return r.version();
        }
        double roll = ThreadLocalRandom.current().nextDouble();
        for (Map.Entry<String, Double> e : a.additionalWeights().entrySet()) {
            if (roll < e.getValue()) {
                FunctionVersion v = r.function().version(e.getKey());
                if (v != null) {
                    return v;
                }
            }
            roll -= e.getValue();
        }
        return r.version();
    }

    /** An asynchronous event (Invoke with Event, SNS, S3) is at most {@link #MAX_ASYNC_PAYLOAD} bytes. */
    static void checkAsyncSize(byte[] payload) {
        if (payload.length > MAX_ASYNC_PAYLOAD) {
            throw LambdaErrors.tooLarge(payload.length + " byte payload is too large for the Event invocation type "
                    + "(limit " + MAX_ASYNC_PAYLOAD + " bytes)");
        }
    }

    static void checkJson(byte[] payload) {
        if (payload.length == 0) {
            return;
        }
        try (JsonParser p = LambdaJson.MAPPER.getFactory().createParser(payload)) {
            while (p.nextToken() != null) {
                // reads through: a syntax error throws
            }
        } catch (JsonProcessingException e) {
            throw LambdaErrors.invalidContent("Could not parse request body into json: Could not parse payload into "
                    + "json: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw LambdaErrors.invalidContent("Could not parse request body into json: " + e.getMessage());
        }
    }

    /** ClientContext is base64 of a JSON object (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html). */
    static void checkClientContext(String clientContext) {
        if (clientContext == null) {
            return;
        }
        try {
            JsonNode json = LambdaJson.MAPPER.readTree(Base64.getDecoder().decode(clientContext));
            if (json != null && json.isObject()) {
                return;
            }
        } catch (IllegalArgumentException | IOException notBase64OrJson) {
            // answered below
        }
        throw LambdaErrors.invalidContent("Client context must be a valid Base64-encoded JSON object.");
    }

    /** Takes a slot of the function's reserved concurrency, or throws TooManyRequestsException. */
    static void acquire(LambdaFunction f) {
        while (true) {
            Integer reserved = f.reservedConcurrency;
            int now = f.inFlight.get();
            if (reserved != null && now >= reserved) {
                throw LambdaErrors.throttled();
            }
            if (f.inFlight.compareAndSet(now, now + 1)) {
                return;
            }
        }
    }

    static FunctionSpec spec(LambdaFunction f, FunctionVersion v) {
        return new FunctionSpec(f.name, f.arn, v.version(), v.runtime(), v.handler(), v.code().directory(),
                v.environment(), v.timeout(), v.memorySize(), f.region, f.account, "/aws/lambda/" + f.name,
                v.code().sha256(), v.revisionId(), v.optDirectory());
    }

    /**
     * Runs the version and completes with its result; a runtime that cannot start completes exceptionally
     * with AWS's InvalidRuntimeException. The caller has taken a concurrency slot; it is given back here.
     *
     * @param invokedArn the ARN as invoked: unqualified, or with the version or alias the caller named
     */
    CompletableFuture<InvocationResult> run(LambdaFunction f, FunctionVersion v, String invokedArn, byte[] payload,
            String requestId, String clientContext, String invocationType) {
        return run(f, v, invokedArn, payload, requestId, clientContext, invocationType, null);
    }

    /** As above; a response the function streams goes to {@code sink} as it comes (null: returned whole). */
    CompletableFuture<InvocationResult> run(LambdaFunction f, FunctionVersion v, String invokedArn, byte[] payload,
            String requestId, String clientContext, String invocationType, ResponseSink sink) {
        byte[] event = payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload;
        CompletableFuture<InvocationResult> started;
        metrics.started(f, invokedArn, v.version());
        long startedAt = System.nanoTime();
        try {
            started = runner.invoke(spec(f, v), event, requestId, clientContext, invokedArn, sink);
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        return started.handle((result, failure) -> {
            f.inFlight.decrementAndGet();
            metrics.finished(f, invokedArn, v.version(), failure != null || result.functionError() != null,
                    (System.nanoTime() - startedAt) / 1e6);
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                logs.add(new InvocationLogs.Entry(requestId, f.arn, v.version(), invocationType,
                        context.clock().now(), "Unhandled", "Runtime " + v.runtime() + " unavailable: "
                                + cause.getMessage() + "\n"));
                throw new CompletionException(LambdaErrors.runtimeUnavailable(v.runtime(), cause.getMessage()));
            }
            logs.add(new InvocationLogs.Entry(requestId, f.arn, v.version(), invocationType, context.clock().now(),
                    result.functionError(), result.logs() == null ? "" : result.logs()));
            return result;
        });
    }

    LambdaMetrics metrics() {
        return metrics;
    }

    /** Base64 of the last 4 KB of an invocation's log, as {@code X-Amz-Log-Result}. */
    static String tail(String log) {
        byte[] bytes = (log == null ? "" : log).getBytes(StandardCharsets.UTF_8);
        byte[] last = bytes.length <= LOG_TAIL ? bytes : Arrays.copyOfRange(bytes, bytes.length - LOG_TAIL, bytes.length);
        return Base64.getEncoder().encodeToString(last);
    }
}
