package io.gureum.lambda.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** One invocation on its way through an environment. Mutable fields are guarded by the environment running it. */
final class Invocation {
    final FunctionSpec spec;
    final String requestId;
    final byte[] payload;
    final String clientContext;
    private final String invokedFunctionArn;
    final String traceId;
    final CompletableFuture<InvocationResult> result;
    final AtomicBoolean settled = new AtomicBoolean();
    /** Where a streamed response goes (InvokeWithResponseStream, a RESPONSE_STREAM URL); null to buffer it. */
    final ResponseSink sink;

    final List<LogEvent> before = new ArrayList<>();
    long assignedNanos;
    long deliveredNanos;
    long endNanos;
    boolean delivered;
    /** Where the runtime's streamed response went, once it began one. */
    ResponseSink streamed;
    ScheduledFuture<?> timer;

    Invocation(FunctionSpec spec, String requestId, byte[] payload, String clientContext, String invokedFunctionArn,
            String traceId, CompletableFuture<InvocationResult> result, ResponseSink sink) {
        this.sink = sink;
        this.spec = spec;
        this.requestId = requestId;
        this.payload = payload;
        this.clientContext = clientContext;
        this.invokedFunctionArn = invokedFunctionArn;
        this.traceId = traceId;
        this.result = result;
    }

    /** The ARN the runtime sees: the one invoked, else the version's own (qualified for a published version). */
    String invokedFunctionArn() {
        if (invokedFunctionArn != null) {
            return invokedFunctionArn;
        }
        return "$LATEST".equals(spec.version()) ? spec.functionArn() : spec.functionArn() + ":" + spec.version();
    }
}
