package io.gureum.lambda.runtime;

/**
 * The outcome of one invocation, as Invoke reports it.
 *
 * @param payload       the function's response, or the error document ({@code errorMessage}, {@code errorType}, …)
 * @param functionError null on success; {@code Unhandled} when the function failed (error raised, timeout,
 *                      runtime exit); {@code Handled} is not used by current runtimes
 * @param logs          what the invocation wrote to stdout/stderr, with Lambda's START/END/REPORT lines;
 *                      Invoke's {@code LogType=Tail} returns the last 4 KB of it
 * @param streamed      the runtime streamed its response (to the invocation's {@link ResponseSink}, or collected
 *                      into {@code payload} when the caller gave none)
 * @param streamErrorType the {@code Lambda-Runtime-Function-Error-Type} trailer of a stream that failed, else null
 */
public record InvocationResult(byte[] payload, String functionError, String logs, boolean streamed,
        String streamErrorType) {

    public InvocationResult(byte[] payload, String functionError, String logs) {
        this(payload, functionError, logs, false, null);
    }
}
