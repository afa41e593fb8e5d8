package io.gureum.lambda.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start a function's runtime process.
 *
 * @param command      the command line
 * @param runtimeDir   {@code LAMBDA_RUNTIME_DIR}
 * @param executionEnv {@code AWS_EXECUTION_ENV} ({@code AWS_Lambda_python3.12}), or null for {@code provided} runtimes
 * @param extraEnv     variables the runtime needs beyond Lambda's documented ones
 * @param invalidEntrypoint when non-null, the runtime cannot start and this is why ({@code Runtime.InvalidEntrypoint})
 */
record LaunchPlan(List<String> command, Path runtimeDir, String executionEnv, Map<String, String> extraEnv,
        String invalidEntrypoint) {
}
