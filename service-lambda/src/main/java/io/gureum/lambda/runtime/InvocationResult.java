package io.gureum.lambda.runtime;

/**
 * The outcome of one invocation, as Invoke reports it.
 *
 * @param payload       the function's response, or the error document ({@code errorMessage}, {@code errorType}, …)
 * @param functionError null on success; {@code Unhandled} when the function failed (error raised, timeout,
 *                      runtime exit); {@code Handled} is not used by current runtimes
 * @param logs          what the invocation wrote to stdout/stderr, with Lambda's START/END/REPORT lines;
 *                      Invoke's {@code LogType=Tail} returns the last 4 KB of it
 */
public record InvocationResult(byte[] payload, String functionError, String logs) {
}
