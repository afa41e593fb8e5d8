package io.gureum.lambda.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * Runs functions. An implementation keeps warm execution environments per function version and
 * reuses them, as Lambda does; it never blocks the caller: the answer is a future.
 */
public interface FunctionRunner extends AutoCloseable {

    /**
     * Runs one invocation.
     *
     * @param requestId     the invocation's request ID (Lambda-Runtime-Aws-Request-Id, the START line)
     * @param clientContext base64 client context of Invoke, or null
     * @param invokedFunctionArn the ARN the caller invoked (with the alias or version it named), as the
     *                      runtime's context reports it; null for the version's own ARN
     * @return completes with the result; a function error (exception, timeout, crash) is a result with
     *         {@code functionError}, not an exceptional completion. Completes exceptionally only when
     *         the runtime cannot be started at all on this machine.
     */
    default CompletableFuture<InvocationResult> invoke(FunctionSpec spec, byte[] payload, String requestId,
            String clientContext, String invokedFunctionArn) {
        return invoke(spec, payload, requestId, clientContext, invokedFunctionArn, null);
    }

    /**
     * As above; a response the runtime streams goes to {@code sink} as it arrives (its result's payload is then
     * empty). With a null sink a streamed response is collected and returned whole, as Invoke returns a streaming
     * function's answer, within Invoke's 6 MB.
     */
    CompletableFuture<InvocationResult> invoke(FunctionSpec spec, byte[] payload, String requestId,
            String clientContext, String invokedFunctionArn, ResponseSink sink);

    /**
     * Stops the environments of a deleted function (all versions) and forgets its logs. An update needs
     * no eviction: environments of an older revision are retired once their invocation ends.
     */
    void evict(String functionArn);

    /** Stops every environment. */
    @Override
    void close();
}
