package io.gureum.lambda.runtime;

/**
 * The function's runtime cannot run on this machine (its interpreter is missing, or Gureum does not run
 * that runtime locally). {@link FunctionRunner#invoke} completes exceptionally with it; the message names
 * the runtime and what is installed.
 */
public final class RuntimeUnavailableException extends RuntimeException {
    public RuntimeUnavailableException(String message) {
        super(message);
    }
}
